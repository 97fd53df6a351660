package io.eventprocessor.cdc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventprocessor.contract.FailureKind;
import java.time.Instant;

/**
 * The dead letter of a change event too large for Kafka: why, which event, and the head of the original, enough to find
 * the row in the outbox ({@code {reason, error_kind, event_id, processor_id, failed_at, original: {topic, key,
 * value_characters, value_head}}}).
 */
final class OversizeLetter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OversizeLetter() {}

    static String json(FailureKind kind, String reason, String eventId, String topic, String key, int valueCharacters, String valueHead) {
        ObjectNode n = JSON.createObjectNode();
        n.put("reason", reason);
        n.put("error_kind", kind.key());
        n.put("event_id", eventId);
        n.put("processor_id", "debezium-relay");
        n.put("failed_at", Instant.now().toString());
        ObjectNode o = n.putObject("original");
        o.put("topic", topic);
        o.put("key", key);
        o.put("value_characters", valueCharacters);
        o.put("value_head", valueHead);
        return n.toString();
    }
}
