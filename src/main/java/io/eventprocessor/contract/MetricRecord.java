package io.eventprocessor.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

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

    /**
     * One line of the metrics file / one metrics-topic value. Written field by field rather than through a tree: the
     * processor writes one per event, on the thread that processes the next poll.
     */
    public String toJsonLine() {
        StringWriter out = new StringWriter(640);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("event_id", eventId);
            g.writeStringField("event_type", eventType);
            g.writeStringField("aggregate_id", aggregateId);
            g.writeStringField("status", status);
            g.writeStringField("error_kind", errorKind);
            g.writeStringField("error", error);
            long[] points = timing == null ? null
                    : new long[] {timing.t0(), timing.t1(), timing.t2(), timing.t3(), timing.t4(), timing.t5()};
            for (int i = 0; i < POINTS.length; i++) {
                g.writeFieldName(POINTS[i]);
                if (points == null) g.writeNull();
                else g.writeNumber(points[i]);
            }
            for (Stage stage : Stage.values()) {
                g.writeFieldName(stage.key());
                if (timing == null) g.writeNull();
                else g.writeNumber(stage.of(timing));
            }
            g.writeNumberField("partition", partition);
            g.writeNumberField("offset", offset);
            g.writeStringField("processor_id", processorId);
            g.writeStringField("detail", detail);
            g.writeStringField("t2_source", t2Source);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * Reads what {@link #toJsonLine()} wrote, field by field (the collector reads one per event); stage fields are
     * derived, so they are not read back, and unknown fields are skipped.
     *
     * @throws IllegalArgumentException if {@code line} is not such a record
     */
    public static MetricRecord fromJson(String line) {
        String[] text = new String[TEXT_FIELDS.length];
        Long[] points = new Long[POINTS.length];
        int partition = 0;
        long offset = 0;
        try (JsonParser p = JSON.getFactory().createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException("not a metric record: not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value.isStructStart()) {
                    p.skipChildren();
                    continue;
                }
                int point = indexOf(POINTS, name);
                int field = indexOf(TEXT_FIELDS, name);
                if (point >= 0) points[point] = value.isNumeric() ? p.getLongValue() : null;
                else if (field >= 0) text[field] = value == JsonToken.VALUE_NULL ? null : p.getText();
                else if (name.equals("partition")) partition = p.getValueAsInt();
                else if (name.equals("offset")) offset = p.getValueAsLong();
            }
            if (p.nextToken() != null) throw new IllegalArgumentException("not a metric record: content after the object");
        } catch (IOException e) {
            throw new IllegalArgumentException("not a metric record: " + e.getMessage(), e);
        }
        EventTiming timing = null;
        if (points[0] != null) {
            for (int i = 1; i < POINTS.length; i++) {
                if (points[i] == null) throw new IllegalArgumentException("not a metric record: it has t0 but no " + POINTS[i]);
            }
            timing = new EventTiming(points[0], points[1], points[2], points[3], points[4], points[5]);
        }
        return new MetricRecord(text[0], text[1], text[2], text[3], text[4], text[5], timing, partition, offset, text[6],
                text[7], text[8]);
    }

    private static final String[] POINTS = {"t0", "t1", "t2", "t3", "t4", "t5"};
    /** The text fields, in the order of the record's components. */
    private static final String[] TEXT_FIELDS =
            {"event_id", "event_type", "aggregate_id", "status", "error_kind", "error", "processor_id", "detail", "t2_source"};

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) if (names[i].equals(name)) return i;
        return -1;
    }
}
