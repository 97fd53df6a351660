package io.eventprocessor.cdc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.FailureKind;
import io.eventprocessor.contract.OutboxRow;
import io.eventprocessor.contract.T2Source;
import io.eventprocessor.contract.Uuids;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;

/**
 * Turns one record of the outbox topic into an {@link OutboxRow}, a skip or a poison verdict.
 *
 * <p>It accepts every form the pipeline meets: the embedded engine's schemaless JSON envelope
 * ({@code before, after, source, op, ts_ms, ts_us, ts_ns}) and Kafka Connect's JsonConverter with schemas
 * ({@code {"schema":..., "payload": envelope}}); the jsonb payload as a JSON string (Debezium's
 * {@code io.debezium.data.Json}) or as an object; {@code created_at} as an ISO-8601 string
 * ({@code ZonedTimestamp}) or as a number of epoch micro/milli/nanoseconds. Thread-safe and stateless.
 */
public final class EnvelopeParser {

    /** Header our Debezium relay sets to the T2 it measured: 8-byte big-endian long or decimal text, microseconds. */
    public static final String T2_HEADER = "ep_t2_us";

    /** Largest payload accepted; a bigger one is poison (read models hold small documents, MongoDB caps at 16 MiB). */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private final ObjectMapper mapper = new ObjectMapper()
            // "{...}garbage" is not a valid record.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Reads one value inside a record: the trailing-token check belongs to the record as a whole ({@link #readRecord}). */
    private final ObjectReader values = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The header value the relay should send for {@code micros}. */
    public static byte[] encodeT2(long micros) {
        return ByteBuffer.allocate(Long.BYTES).putLong(micros).array();
    }

    /**
     * @param value the record value, null for a tombstone
     * @param headers the record headers (may be null)
     * @param recordTimestampMs the record's timestamp, the fallback for T2
     */
    public ParseResult parse(byte[] value, Headers headers, long recordTimestampMs) {
        return parse(value, headers, recordTimestampMs, null);
    }

    /**
     * As {@link #parse(byte[], Headers, long)}, knowing the timestamp's type, so the row says which T2 it carries
     * ({@link OutboxRow#t2Source()}): the broker's append time or the producer's.
     *
     * @param timestampType the record's {@code timestampType()}, null when not known
     */
    public ParseResult parse(byte[] value, Headers headers, long recordTimestampMs, TimestampType timestampType) {
        if (value == null) return new ParseResult.Skip("tombstone");
        if (value.length == 0) return poison(FailureKind.UNPARSEABLE_JSON, "empty record value", null);
        JsonNode root;
        try {
            root = readRecord(value);
        } catch (JacksonException e) {
            return poison(FailureKind.UNPARSEABLE_JSON, "record value is not JSON: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            return poison(FailureKind.UNPARSEABLE_JSON, "record value is not JSON: " + e.getMessage(), null);
        }
        if (root == null || !root.isObject()) {
            return poison(FailureKind.INVALID_ENVELOPE, "record value is not a JSON object", null);
        }

        JsonNode envelope = root;
        JsonNode schema = null;
        // Kafka Connect's JsonConverter with schemas.enable=true wraps the envelope.
        if (root.has("schema") && root.has("payload") && root.size() == 2) {
            schema = root.get("schema");
            envelope = root.get("payload");
            if (envelope.isNull()) return new ParseResult.Skip("tombstone");
            if (!envelope.isObject()) return poison(FailureKind.INVALID_ENVELOPE, "schema-wrapped payload is not an object", null);
        }

        JsonNode op = envelope.get("op");
        if (op == null || op.isNull()) {
            // Debezium heartbeats are {"ts_ms": ...} (value schema io.debezium.connector.common.Heartbeat).
            if (!envelope.has("after") && envelope.has("ts_ms")) return new ParseResult.Skip("heartbeat");
            return poison(FailureKind.INVALID_ENVELOPE, "not a Debezium change event: no op", null);
        }
        switch (op.asText()) {
            case "c", "u" -> { /* an event to process; an update replays it and the handlers are idempotent */ }
            case "d" -> { return new ParseResult.Skip("delete (op d)"); }
            case "r" -> { return new ParseResult.Skip("snapshot read (op r)"); }
            case "t" -> { return new ParseResult.Skip("truncate (op t)"); }
            case "m" -> { return new ParseResult.Skip("logical decoding message (op m)"); }
            default -> { return poison(FailureKind.INVALID_ENVELOPE, "unknown op '" + op.asText() + "'", null); }
        }

        JsonNode after = envelope.get("after");
        if (after == null || !after.isObject()) {
            return poison(FailureKind.INVALID_ENVELOPE, "change event without an 'after' row", null);
        }
        return row(after, envelope, afterFieldSchemas(schema), headers, recordTimestampMs, timestampType, value.length);
    }

    /** Top-level fields of a change event that nothing here reads; {@link #readRecord} skips their contents. */
    private static final Set<String> UNREAD_FIELDS = Set.of("source", "before", "transaction");

    /**
     * The record as a tree, like {@code mapper.readTree}, except that the contents of {@link #UNREAD_FIELDS} are
     * skipped by the tokenizer instead of built (they stay as nulls, so the fields are still there). Debezium's
     * {@code source} block is most of an envelope: building it was a large part of the processor's CPU in a burst.
     * Anything but an object with nothing after it goes through {@code readTree}, for its errors.
     */
    private JsonNode readRecord(byte[] value) throws IOException {
        try (JsonParser p = mapper.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return mapper.readTree(value);
            ObjectNode root = mapper.createObjectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (UNREAD_FIELDS.contains(name)) {
                    p.skipChildren();
                    root.putNull(name);
                } else {
                    root.set(name, values.readTree(p));
                }
            }
            if (p.nextToken() != null) return mapper.readTree(value); // trailing content: let readTree report it
            return root;
        }
    }

    private ParseResult row(JsonNode after, JsonNode envelope, JsonNode afterSchemaFields, Headers headers,
            long recordTimestampMs, TimestampType timestampType, int valueLength) {
        String eventIdText = text(after, "event_id");
        String eventId = Uuids.canonical(eventIdText);
        if (eventId == null) {
            return poison(FailureKind.INVALID_FIELD, eventIdText == null ? "missing event_id" : "event_id is not a uuid: '" + eventIdText + "'", null);
        }
        String aggregateIdText = text(after, "aggregate_id");
        if (aggregateIdText == null) return poison(FailureKind.INVALID_FIELD, "missing aggregate_id", eventId);
        String aggregateId = Uuids.canonical(aggregateIdText);
        if (aggregateId == null) {
            return poison(FailureKind.INVALID_FIELD, "aggregate_id is not a uuid: '" + aggregateIdText + "'", eventId);
        }
        String eventType = text(after, "event_type");
        if (eventType == null || eventType.isBlank()) return poison(FailureKind.INVALID_FIELD, "missing event_type", eventId);
        String aggregateType = text(after, "aggregate_type");
        String status = text(after, "status");

        ObjectNode payload;
        JsonNode rawPayload = after.get("payload");
        if (rawPayload == null || rawPayload.isNull()) return poison(FailureKind.INVALID_FIELD, "missing payload", eventId);
        if (rawPayload.isTextual()) {
            String text = rawPayload.asText();
            // A UTF-8 byte is at most one char's worth of length x3; count exactly only when it could matter.
            if (text.length() * 3L > MAX_PAYLOAD_BYTES && text.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
                return tooLarge(text.getBytes(StandardCharsets.UTF_8).length, eventId);
            }
            JsonNode parsed;
            try {
                parsed = mapper.readTree(text);
            } catch (JacksonException e) {
                return poison(FailureKind.INVALID_FIELD, "payload is not JSON: " + e.getOriginalMessage(), eventId);
            }
            if (parsed == null || !parsed.isObject()) return poison(FailureKind.INVALID_FIELD, "payload is not a JSON object", eventId);
            payload = (ObjectNode) parsed;
        } else if (rawPayload.isObject()) {
            // The whole record bounds the payload; serialise only when the record itself is over the limit.
            if (valueLength > MAX_PAYLOAD_BYTES) {
                int size;
                try {
                    size = mapper.writeValueAsBytes(rawPayload).length;
                } catch (JacksonException e) {
                    return poison(FailureKind.INVALID_FIELD, "payload cannot be serialised: " + e.getOriginalMessage(), eventId);
                }
                if (size > MAX_PAYLOAD_BYTES) return tooLarge(size, eventId);
            }
            payload = (ObjectNode) rawPayload;
        } else {
            return poison(FailureKind.INVALID_FIELD, "payload is not a JSON object", eventId);
        }

        Long t0 = createdAtMicros(after.get("created_at"), fieldSchemaName(afterSchemaFields, "created_at"));
        if (t0 == null) {
            return poison(FailureKind.INVALID_FIELD, "missing or unreadable created_at: " + after.get("created_at"), eventId);
        }
        Long t1 = capturedMicros(envelope);
        if (t1 == null) return poison(FailureKind.INVALID_ENVELOPE, "change event without ts_us/ts_ns/ts_ms", eventId);
        T2 t2 = kafkaMicros(headers, recordTimestampMs, timestampType, t1);
        return new ParseResult.Change(new OutboxRow(eventId, aggregateId, aggregateType, eventType,
                payload, status, t0, t1, t2.micros(), t2.source()));
    }

    /** T1: Debezium's own event time, the finest unit present. */
    private static Long capturedMicros(JsonNode envelope) {
        JsonNode us = envelope.get("ts_us");
        if (us != null && us.canConvertToLong()) return us.asLong();
        JsonNode ns = envelope.get("ts_ns");
        if (ns != null && ns.canConvertToLong()) return ns.asLong() / 1_000L;
        JsonNode ms = envelope.get("ts_ms");
        if (ms != null && ms.canConvertToLong()) return ms.asLong() * 1_000L;
        return null;
    }

    private record T2(long micros, T2Source source) {}

    /** T2: the relay's header when present and readable, else the record timestamp. */
    private static T2 kafkaMicros(Headers headers, long recordTimestampMs, TimestampType timestampType, long t1) {
        if (headers != null) {
            Header header = headers.lastHeader(T2_HEADER);
            if (header != null && header.value() != null) {
                byte[] v = header.value();
                if (v.length == Long.BYTES) return new T2(ByteBuffer.wrap(v).getLong(), T2Source.RELAY_HEADER);
                try {
                    return new T2(Long.parseLong(new String(v, StandardCharsets.UTF_8).trim()), T2Source.RELAY_HEADER);
                } catch (NumberFormatException ignored) {
                    // Fall through to the record timestamp: a bad header must not lose the event.
                }
            }
        }
        // A record without a timestamp (-1) says nothing about T2; T1 keeps the stage at zero rather than absurd.
        if (recordTimestampMs < 0) return new T2(t1, T2Source.NONE);
        T2Source source = timestampType == TimestampType.LOG_APPEND_TIME ? T2Source.BROKER_APPEND_TIME
                : timestampType == TimestampType.CREATE_TIME ? T2Source.PRODUCER_CREATE_TIME
                : T2Source.RECORD_TIMESTAMP;
        return new T2(recordTimestampMs * 1_000L, source);
    }

    /**
     * T0 from created_at. A string is Debezium's ZonedTimestamp (ISO-8601 with offset). A number is an epoch
     * count whose unit the schema names (MicroTimestamp, Timestamp, NanoTimestamp); without a schema the
     * magnitude decides, since present-day epoch ms, us and ns differ by three orders of magnitude.
     */
    private static Long createdAtMicros(JsonNode node, String schemaName) {
        if (node == null || node.isNull()) return null;
        if (node.isTextual()) {
            String text = node.asText().trim().replace(' ', 'T');
            Long fast = utcMicros(text);
            if (fast != null) return fast;
            try {
                return Clock.toMicros(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
            } catch (DateTimeException e) {
                return null;
            }
        }
        if (!node.canConvertToLong()) return null;
        long n = node.asLong();
        if (schemaName != null) {
            switch (schemaName) {
                case "io.debezium.time.MicroTimestamp": return n;
                case "io.debezium.time.Timestamp", "org.apache.kafka.connect.data.Timestamp": return n * 1_000L;
                case "io.debezium.time.NanoTimestamp": return n / 1_000L;
                default: break;
            }
        }
        long magnitude = Math.abs(n);
        if (magnitude >= 100_000_000_000_000_000L) return n / 1_000L; // nanoseconds (after 1973)
        if (magnitude >= 100_000_000_000_000L) return n;             // microseconds (after 1973)
        return n * 1_000L;                                            // milliseconds
    }

    /**
     * Epoch microseconds of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, the form Debezium gives a ZonedTimestamp in (always
     * UTC), without the cost of DateTimeFormatter; null for any other form, which the formatter then reads.
     */
    static Long utcMicros(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        long fraction = 0;
        if (n > 20) {
            int length = n - 21;
            if (s.charAt(19) != '.' || length < 1) return null;
            int f = digits(s, 20, length);
            if (f < 0) return null;
            fraction = f;
            for (int i = length; i < 6; i++) fraction *= 10;
            for (int i = 6; i < length; i++) fraction /= 10;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return (epochDay * 86_400L + hour * 3_600L + minute * 60L + second) * 1_000_000L + fraction;
    }

    /** The non-negative number written by {@code length} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int length) {
        int v = 0;
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The fields of the "after" struct in a Kafka Connect schema, or null. */
    private static JsonNode afterFieldSchemas(JsonNode schema) {
        if (schema == null || !schema.path("fields").isArray()) return null;
        for (JsonNode field : schema.get("fields")) {
            if ("after".equals(field.path("field").asText())) return field.path("fields");
        }
        return null;
    }

    private static String fieldSchemaName(JsonNode fields, String name) {
        if (fields == null || !fields.isArray()) return null;
        for (JsonNode field : fields) {
            if (name.equals(field.path("field").asText())) {
                JsonNode n = field.get("name");
                return n == null || n.isNull() ? null : n.asText();
            }
        }
        return null;
    }

    private static String text(JsonNode row, String field) {
        JsonNode n = row.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static ParseResult tooLarge(long size, String eventId) {
        return poison(FailureKind.PAYLOAD_TOO_LARGE,
                "payload is " + size + " bytes, over the limit of " + MAX_PAYLOAD_BYTES, eventId);
    }

    private static ParseResult poison(FailureKind kind, String reason, String eventId) {
        return new ParseResult.Poison(kind, reason, eventId);
    }
}
