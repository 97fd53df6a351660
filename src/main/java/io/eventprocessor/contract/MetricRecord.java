package io.eventprocessor.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The per-event metric the processor publishes on the metrics topic (key = event id) and appends to the
 * metrics file: one JSON object per line, snake_case. This class is the only place that maps it to JSON
 * and back, so the dashboard and the report read exactly what the processor wrote.
 *
 * <p>Fields: event_id, event_type, aggregate_id, status, error_kind, error, t0..t5 (microseconds since the
 * epoch), one field per {@link Stage#key()} (microseconds, computed by {@link Stage#of} only), partition,
 * offset, processor_id, detail, t2_source. For a dead-lettered event the timing is absent (null): its stages would
 * describe a failure path, not the pipeline's latency.
 *
 * @param timing T0..T5 of a processed event, null for a dead-lettered one
 * @param eventId null when the record was too broken to tell
 * @param t2Source where T2 came from ({@link T2Source#key()}), null when the writer did not say (an older processor)
 */
public record MetricRecord(
        String eventId,
        String eventType,
        String aggregateId,
        String status,
        String errorKind,
        String error,
        EventTiming timing,
        int partition,
        long offset,
        String processorId,
        String detail,
        String t2Source) {

    /** A record that does not say where its T2 came from. */
    public MetricRecord(String eventId, String eventType, String aggregateId, String status, String errorKind, String error,
            EventTiming timing, int partition, long offset, String processorId, String detail) {
        this(eventId, eventType, aggregateId, status, errorKind, error, timing, partition, offset, processorId, detail, null);
    }

    /** Written to MongoDB and acknowledged. */
    public static final String STATUS_PROCESSED = "processed";
    /** Could not be processed; sent to the dead-letter topic with the reason. */
    public static final String STATUS_DEAD_LETTERED = "dead_lettered";

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean processed() {
        return STATUS_PROCESSED.equals(status);
    }

    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("event_id", eventId);
        n.put("event_type", eventType);
        n.put("aggregate_id", aggregateId);
        n.put("status", status);
        n.put("error_kind", errorKind);
        n.put("error", error);
        if (timing != null) {
            n.put("t0", timing.t0());
            n.put("t1", timing.t1());
            n.put("t2", timing.t2());
            n.put("t3", timing.t3());
            n.put("t4", timing.t4());
            n.put("t5", timing.t5());
            for (Stage stage : Stage.values()) n.put(stage.key(), stage.of(timing));
        } else {
            for (String t : new String[] {"t0", "t1", "t2", "t3", "t4", "t5"}) n.putNull(t);
            for (Stage stage : Stage.values()) n.putNull(stage.key());
        }
        n.put("partition", partition);
        n.put("offset", offset);
        n.put("processor_id", processorId);
        n.put("detail", detail);
        n.put("t2_source", t2Source);
        return n;
    }

    /** One line of the metrics file / one metrics-topic value. */
    public String toJsonLine() {
        return toJson().toString();
    }

    /** Reads what {@link #toJson()} wrote; stage fields are derived, so they are not read back. */
    public static MetricRecord fromJson(JsonNode n) {
        EventTiming timing = n.path("t0").isNumber()
                ? new EventTiming(n.get("t0").asLong(), n.get("t1").asLong(), n.get("t2").asLong(),
                        n.get("t3").asLong(), n.get("t4").asLong(), n.get("t5").asLong())
                : null;
        return new MetricRecord(text(n, "event_id"), text(n, "event_type"), text(n, "aggregate_id"), text(n, "status"),
                text(n, "error_kind"), text(n, "error"), timing, n.path("partition").asInt(), n.path("offset").asLong(),
                text(n, "processor_id"), text(n, "detail"), text(n, "t2_source"));
    }

    public static MetricRecord fromJson(String line) {
        try {
            return fromJson(JSON.readTree(line));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a metric record: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
