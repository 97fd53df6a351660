package io.eventprocessor.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The control channel's JSON: an {@link Injection}, a {@link StackStatus}, and back. */
final class StatusJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private StatusJson() {}

    static ObjectNode injection(Injection i) {
        return JSON.createObjectNode().put("fault", i.fault().key()).put("injected_at", i.injectedAt().toString())
                .put("duration_ms", i.duration().toMillis()).put("detail", i.detail());
    }

    static Injection injection(JsonNode n) {
        return new Injection(Fault.parse(n.path("fault").asText()), Instant.parse(n.path("injected_at").asText()),
                Duration.ofMillis(n.path("duration_ms").asLong()), n.path("detail").asText());
    }

    static ObjectNode status(StackStatus s) {
        ObjectNode n = JSON.createObjectNode();
        var parts = n.putArray("parts");
        for (StackStatus.Part p : s.parts()) {
            ObjectNode o = parts.addObject().put("name", p.name()).put("up", p.up()).put("restarts", p.restarts())
                    .put("retried_polls", p.retriedPolls());
            if (p.lastFailure() == null) o.putNull("last_failure");
            else o.put("last_failure", p.lastFailure());
        }
        var events = n.putArray("events");
        for (StackStatus.Event e : s.events()) events.addObject().put("at", e.at().toString()).put("part", e.part()).put("what", e.what());
        return n;
    }

    static StackStatus status(JsonNode n) {
        List<StackStatus.Part> parts = new ArrayList<>();
        for (JsonNode p : n.path("parts")) {
            parts.add(new StackStatus.Part(p.path("name").asText(), p.path("up").asBoolean(), p.path("restarts").asInt(),
                    p.path("last_failure").isNull() ? null : p.path("last_failure").asText(), p.path("retried_polls").asLong()));
        }
        List<StackStatus.Event> events = new ArrayList<>();
        for (JsonNode e : n.path("events")) {
            events.add(new StackStatus.Event(Instant.parse(e.path("at").asText()), e.path("part").asText(), e.path("what").asText()));
        }
        return new StackStatus(parts, events);
    }
}
