package io.eventprocessor.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.FailureKind;
import io.eventprocessor.contract.OutboxRow;
import io.eventprocessor.contract.T2Source;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class EnvelopeParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT_ID = "5b0c3f4e-8a1d-4c2e-9f00-1a2b3c4d5e6f";
    private static final String AGGREGATE_ID = "0e6f1d2c-3b4a-4958-8776-655443322110";
    private static final String CREATED_ISO = "2026-11-28T10:15:30.123456Z";
    private static final long CREATED_US = Clock.toMicros(Instant.parse(CREATED_ISO));
    private static final long TS_US = CREATED_US + 1_500;
    private static final long RECORD_TS_MS = CREATED_US / 1_000 + 7;

    private final EnvelopeParser parser = new EnvelopeParser();

    /** The "after" row as the embedded engine emits it: jsonb as a JSON string, uuid as text, ZonedTimestamp. */
    private static String afterRow(String eventId, String eventType, String payloadJson, String createdAt) {
        return "{\"event_id\":" + q(eventId) + ",\"aggregate_id\":\"" + AGGREGATE_ID + "\",\"aggregate_type\":\"User\","
                + "\"event_type\":" + q(eventType) + ",\"payload\":" + payloadJson + ",\"status\":\"pending\","
                + "\"created_at\":" + createdAt + "}";
    }

    private static String q(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private static String jsonString(String json) throws Exception {
        return JSON.writeValueAsString(json);
    }

    private static String envelope(String op, String after) {
        return "{\"before\":null,\"after\":" + after + ",\"source\":{\"version\":\"3.6.1.Final\",\"connector\":\"postgresql\","
                + "\"name\":\"postgres\",\"ts_ms\":" + (CREATED_US / 1000) + ",\"ts_us\":" + (CREATED_US + 200)
                + ",\"snapshot\":\"false\",\"db\":\"activity_db\",\"schema\":\"activity\",\"table\":\"event_outbox\","
                + "\"txId\":771,\"lsn\":24023128},\"transaction\":null,\"op\":\"" + op + "\",\"ts_ms\":" + (TS_US / 1000)
                + ",\"ts_us\":" + TS_US + ",\"ts_ns\":" + (TS_US * 1000) + "}";
    }

    private String defaultPayload() throws Exception {
        return jsonString("{\"email\": \"ada@example.org\", \"username\": \"ada\"}");
    }

    private ParseResult parse(String value) {
        return parser.parse(value.getBytes(StandardCharsets.UTF_8), new RecordHeaders(), RECORD_TS_MS);
    }

    private OutboxRow change(ParseResult r) {
        assertThat(r).isInstanceOf(ParseResult.Change.class);
        return ((ParseResult.Change) r).row();
    }

    private ParseResult.Poison poison(ParseResult r) {
        assertThat(r).isInstanceOf(ParseResult.Poison.class);
        return (ParseResult.Poison) r;
    }

    @Test
    void embeddedEngineEnvelopeWithJsonbAsString() throws Exception {
        OutboxRow row = change(parse(envelope("c", afterRow(EVENT_ID, "UserCreated", defaultPayload(), q(CREATED_ISO)))));
        assertThat(row.eventId()).isEqualTo(EVENT_ID);
        assertThat(row.aggregateId()).isEqualTo(AGGREGATE_ID);
        assertThat(row.aggregateType()).isEqualTo("User");
        assertThat(row.eventType()).isEqualTo("UserCreated");
        assertThat(row.status()).isEqualTo("pending");
        assertThat(row.payload().get("username").asText()).isEqualTo("ada");
        assertThat(row.createdAtMicros()).isEqualTo(CREATED_US);
        assertThat(row.capturedMicros()).isEqualTo(TS_US);
        assertThat(row.kafkaMicros()).isEqualTo(RECORD_TS_MS * 1000);
    }

    @Test
    void payloadAsObjectAndOffsetPlusZero() {
        String after = afterRow(EVENT_ID, "UserCreated", "{\"email\":\"a@b.c\",\"username\":\"x\"}", q("2026-11-28T10:15:30.123456+00:00"));
        OutboxRow row = change(parse(envelope("c", after)));
        assertThat(row.payload().get("email").asText()).isEqualTo("a@b.c");
        assertThat(row.createdAtMicros()).isEqualTo(CREATED_US);
    }

    @Test
    void nonUtcOffsetAndShortFractionAreConverted() throws Exception {
        String after = afterRow(EVENT_ID, "UserCreated", defaultPayload(), q("2026-11-28T12:15:30.1234+02:00"));
        assertThat(change(parse(envelope("c", after))).createdAtMicros()).isEqualTo(CREATED_US - 56);
    }

    @Test
    void createdAtAsEpochMicrosNumber() throws Exception {
        OutboxRow row = change(parse(envelope("c", afterRow(EVENT_ID, "UserCreated", defaultPayload(), Long.toString(CREATED_US)))));
        assertThat(row.createdAtMicros()).isEqualTo(CREATED_US);
    }

    @Test
    void kafkaConnectJsonConverterWithSchemas() throws Exception {
        String fields = "[{\"type\":\"string\",\"optional\":false,\"name\":\"io.debezium.data.Uuid\",\"version\":1,\"field\":\"event_id\"},"
                + "{\"type\":\"string\",\"optional\":false,\"name\":\"io.debezium.data.Uuid\",\"version\":1,\"field\":\"aggregate_id\"},"
                + "{\"type\":\"string\",\"optional\":false,\"field\":\"aggregate_type\"},"
                + "{\"type\":\"string\",\"optional\":false,\"field\":\"event_type\"},"
                + "{\"type\":\"string\",\"optional\":false,\"name\":\"io.debezium.data.Json\",\"version\":1,\"field\":\"payload\"},"
                + "{\"type\":\"string\",\"optional\":false,\"default\":\"pending\",\"field\":\"status\"},"
                + "{\"type\":\"int64\",\"optional\":false,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,\"field\":\"created_at\"}]";
        String schema = "{\"type\":\"struct\",\"fields\":["
                + "{\"type\":\"struct\",\"fields\":" + fields + ",\"optional\":true,\"name\":\"postgres.activity.event_outbox.Value\",\"field\":\"before\"},"
                + "{\"type\":\"struct\",\"fields\":" + fields + ",\"optional\":true,\"name\":\"postgres.activity.event_outbox.Value\",\"field\":\"after\"},"
                + "{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,\"field\":\"version\"}],\"optional\":false,\"name\":\"io.debezium.connector.postgresql.Source\",\"field\":\"source\"},"
                + "{\"type\":\"string\",\"optional\":false,\"field\":\"op\"},"
                + "{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_ms\"},"
                + "{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_us\"},"
                + "{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_ns\"}],"
                + "\"optional\":false,\"name\":\"postgres.activity.event_outbox.Envelope\",\"version\":2}";
        String value = "{\"schema\":" + schema + ",\"payload\":"
                + envelope("c", afterRow(EVENT_ID, "ActivityCreated", jsonString("{\"title\":\"Run\"}"), Long.toString(CREATED_US))) + "}";
        OutboxRow row = change(parse(value));
        assertThat(row.eventType()).isEqualTo("ActivityCreated");
        assertThat(row.payload().get("title").asText()).isEqualTo("Run");
        assertThat(row.createdAtMicros()).isEqualTo(CREATED_US);
        assertThat(row.capturedMicros()).isEqualTo(TS_US);
    }

    @Test
    void schemaNamingMillisecondTimestampIsHonoured() throws Exception {
        String schema = "{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"field\":\"after\",\"fields\":["
                + "{\"type\":\"int64\",\"name\":\"io.debezium.time.Timestamp\",\"field\":\"created_at\"}]}]}";
        String value = "{\"schema\":" + schema + ",\"payload\":"
                + envelope("c", afterRow(EVENT_ID, "UserCreated", defaultPayload(), Long.toString(CREATED_US / 1000))) + "}";
        assertThat(change(parse(value)).createdAtMicros()).isEqualTo(CREATED_US / 1000 * 1000);
    }

    @Test
    void updateIsProcessedLikeAnInsert() throws Exception {
        assertThat(change(parse(envelope("u", afterRow(EVENT_ID, "UserCreated", defaultPayload(), q(CREATED_ISO))))).eventId())
                .isEqualTo(EVENT_ID);
    }

    @Test
    void rowSaysWhichT2ItCarries() throws Exception {
        byte[] value = envelope("c", afterRow(EVENT_ID, "UserCreated", defaultPayload(), q(CREATED_ISO))).getBytes(StandardCharsets.UTF_8);
        RecordHeaders relay = new RecordHeaders();
        relay.add(EnvelopeParser.T2_HEADER, EnvelopeParser.encodeT2(TS_US + 42));
        assertThat(change(parser.parse(value, relay, RECORD_TS_MS, TimestampType.LOG_APPEND_TIME)).t2Source()).isEqualTo(T2Source.RELAY_HEADER);
        OutboxRow appended = change(parser.parse(value, new RecordHeaders(), RECORD_TS_MS, TimestampType.LOG_APPEND_TIME));
        assertThat(appended.t2Source()).isEqualTo(T2Source.BROKER_APPEND_TIME);
        assertThat(appended.kafkaMicros()).isEqualTo(RECORD_TS_MS * 1000);
        assertThat(change(parser.parse(value, new RecordHeaders(), RECORD_TS_MS, TimestampType.CREATE_TIME)).t2Source())
                .isEqualTo(T2Source.PRODUCER_CREATE_TIME);
        assertThat(change(parser.parse(value, null, RECORD_TS_MS)).t2Source()).isEqualTo(T2Source.RECORD_TIMESTAMP);
        assertThat(change(parser.parse(value, null, -1, TimestampType.NO_TIMESTAMP_TYPE)).t2Source()).isEqualTo(T2Source.NONE);
    }

    @Test
    void t1FallsBackToTsMsAndT2ComesFromTheRelayHeader() throws Exception {
        String value = "{\"before\":null,\"after\":" + afterRow(EVENT_ID, "UserCreated", defaultPayload(), q(CREATED_ISO))
                + ",\"op\":\"c\",\"ts_ms\":" + (TS_US / 1000) + "}";
        RecordHeaders binary = new RecordHeaders();
        binary.add(EnvelopeParser.T2_HEADER, EnvelopeParser.encodeT2(TS_US + 42));
        OutboxRow row = change(parser.parse(value.getBytes(StandardCharsets.UTF_8), binary, RECORD_TS_MS));
        assertThat(row.capturedMicros()).isEqualTo(TS_US / 1000 * 1000);
        assertThat(row.kafkaMicros()).isEqualTo(TS_US + 42);

        RecordHeaders decimal = new RecordHeaders();
        decimal.add(EnvelopeParser.T2_HEADER, Long.toString(TS_US + 43).getBytes(StandardCharsets.UTF_8));
        assertThat(change(parser.parse(value.getBytes(StandardCharsets.UTF_8), decimal, RECORD_TS_MS)).kafkaMicros())
                .isEqualTo(TS_US + 43);
    }

    @Test
    void skips() throws Exception {
        assertThat(parser.parse(null, null, RECORD_TS_MS)).isInstanceOf(ParseResult.Skip.class);
        assertThat(parse("{\"schema\":null,\"payload\":null}")).isInstanceOf(ParseResult.Skip.class);
        assertThat(parse("{\"ts_ms\":1764324930123}")).isEqualTo(new ParseResult.Skip("heartbeat"));
        assertThat(parse("{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"field\":\"ts_ms\"}],"
                + "\"optional\":false,\"name\":\"io.debezium.connector.common.Heartbeat\"},\"payload\":{\"ts_ms\":1764324930123}}"))
                .isEqualTo(new ParseResult.Skip("heartbeat"));
        String row = afterRow(EVENT_ID, "UserCreated", defaultPayload(), q(CREATED_ISO));
        String delete = "{\"before\":" + row + ",\"after\":null,\"op\":\"d\",\"ts_ms\":1,\"ts_us\":1000}";
        assertThat(parse(delete)).isInstanceOf(ParseResult.Skip.class);
        assertThat(parse(envelope("r", row))).isInstanceOf(ParseResult.Skip.class);
    }

    @Test
    void unparseableJson() {
        ParseResult.Poison p = poison(parse("{\"op\":\"c\", after"));
        assertThat(p.kind()).isEqualTo(FailureKind.UNPARSEABLE_JSON);
        assertThat(p.eventId()).isNull();
        assertThat(poison(parse("{} trailing")).kind()).isEqualTo(FailureKind.UNPARSEABLE_JSON);
        assertThat(poison(parser.parse(new byte[0], null, 0)).kind()).isEqualTo(FailureKind.UNPARSEABLE_JSON);
    }

    @Test
    void notAnEnvelope() {
        assertThat(poison(parse("[1,2]")).kind()).isEqualTo(FailureKind.INVALID_ENVELOPE);
        assertThat(poison(parse("{\"hello\":\"world\"}")).kind()).isEqualTo(FailureKind.INVALID_ENVELOPE);
        assertThat(poison(parse("{\"op\":\"x\",\"after\":{}}")).reason()).contains("unknown op");
        assertThat(poison(parse("{\"op\":\"c\",\"after\":null,\"ts_ms\":1}")).reason()).contains("after");
    }

    @Test
    void badUuid() throws Exception {
        ParseResult.Poison p = poison(parse(envelope("c", afterRow("not-a-uuid", "UserCreated", defaultPayload(), q(CREATED_ISO)))));
        assertThat(p.kind()).isEqualTo(FailureKind.INVALID_FIELD);
        assertThat(p.reason()).contains("event_id is not a uuid");
        assertThat(poison(parse(envelope("c", afterRow(null, "UserCreated", defaultPayload(), q(CREATED_ISO))))).reason())
                .contains("missing event_id");
        String badAggregate = afterRow(EVENT_ID, "UserCreated", defaultPayload(), q(CREATED_ISO)).replace(AGGREGATE_ID, "1-2-3-4-5");
        ParseResult.Poison agg = poison(parse(envelope("c", badAggregate)));
        assertThat(agg.reason()).contains("aggregate_id is not a uuid: '1-2-3-4-5'");
        assertThat(agg.eventId()).isEqualTo(EVENT_ID);
    }

    @Test
    void identifiersInUpperCaseAreKeptInLowerCase() throws Exception {
        String upper = afterRow(EVENT_ID.toUpperCase(), "UserCreated", defaultPayload(), q(CREATED_ISO))
                .replace(AGGREGATE_ID, AGGREGATE_ID.toUpperCase());
        OutboxRow row = change(parse(envelope("c", upper)));
        assertThat(row.eventId()).isEqualTo(EVENT_ID);
        assertThat(row.aggregateId()).isEqualTo(AGGREGATE_ID);
    }

    @Test
    void missingEventType() throws Exception {
        ParseResult.Poison p = poison(parse(envelope("c", afterRow(EVENT_ID, null, defaultPayload(), q(CREATED_ISO)))));
        assertThat(p.kind()).isEqualTo(FailureKind.INVALID_FIELD);
        assertThat(p.reason()).contains("event_type");
        assertThat(p.eventId()).isEqualTo(EVENT_ID);
    }

    @Test
    void payloadNotAnObject() throws Exception {
        assertThat(poison(parse(envelope("c", afterRow(EVENT_ID, "UserCreated", jsonString("[1,2]"), q(CREATED_ISO))))).reason())
                .contains("not a JSON object");
        assertThat(poison(parse(envelope("c", afterRow(EVENT_ID, "UserCreated", "42", q(CREATED_ISO))))).reason())
                .contains("not a JSON object");
        assertThat(poison(parse(envelope("c", afterRow(EVENT_ID, "UserCreated", jsonString("{broken"), q(CREATED_ISO))))).reason())
                .contains("payload is not JSON");
        assertThat(poison(parse(envelope("c", afterRow(EVENT_ID, "UserCreated", "null", q(CREATED_ISO))))).reason())
                .contains("missing payload");
    }

    @Test
    void badCreatedAt() throws Exception {
        ParseResult.Poison p = poison(parse(envelope("c", afterRow(EVENT_ID, "UserCreated", defaultPayload(), q("yesterday")))));
        assertThat(p.kind()).isEqualTo(FailureKind.INVALID_FIELD);
        assertThat(p.reason()).contains("created_at");
    }

    @Test
    void oversizedPayloadAsStringAndAsObject() throws Exception {
        ObjectNode big = JSON.createObjectNode().put("bio", "x".repeat(EnvelopeParser.MAX_PAYLOAD_BYTES));
        String asObject = JSON.writeValueAsString(big);
        ParseResult.Poison p1 = poison(parse(envelope("c", afterRow(EVENT_ID, "UserCreated", jsonString(asObject), q(CREATED_ISO)))));
        assertThat(p1.kind()).isEqualTo(FailureKind.PAYLOAD_TOO_LARGE);
        assertThat(p1.eventId()).isEqualTo(EVENT_ID);
        ParseResult.Poison p2 = poison(parse(envelope("c", afterRow(EVENT_ID, "UserCreated", asObject, q(CREATED_ISO)))));
        assertThat(p2.kind()).isEqualTo(FailureKind.PAYLOAD_TOO_LARGE);

        // Just under the limit passes, even though escaping makes the record itself larger.
        ObjectNode fits = JSON.createObjectNode().put("bio", "\"".repeat(EnvelopeParser.MAX_PAYLOAD_BYTES / 2 - 20));
        assertThat(parse(envelope("c", afterRow(EVENT_ID, "UserCreated", jsonString(JSON.writeValueAsString(fits)), q(CREATED_ISO)))))
                .isInstanceOf(ParseResult.Change.class);
    }

    @Test
    void fastUtcTimestampAgreesWithTheFormatter() {
        for (String t : List.of("2026-11-28T10:15:30Z", "2026-11-28T10:15:30.1Z", "2026-11-28T10:15:30.12345Z",
                "2026-11-28T10:15:30.123456Z", "2026-11-28T10:15:30.1234567Z", "2026-11-28T10:15:30.123456789Z",
                "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z", "2024-02-29T23:59:59.000001Z", "2099-12-31T00:00:00.5Z")) {
            assertThat(EnvelopeParser.utcMicros(t)).as(t).isEqualTo(Clock.toMicros(Instant.parse(t)));
        }
    }

    @Test
    void fastUtcTimestampLeavesOtherFormsToTheFormatter() {
        for (String t : List.of("2026-11-28T10:15:30+00:00", "2026-11-28T10:15:30.1234+02:00", "2026-02-30T10:15:30Z",
                "2026-11-28T24:15:30Z", "2026-11-28T10:15:30.Z", "2026-11-28T10:15:30,5Z", "2026-11-28 10:15:30Z", "+2026-11-28T10:15:30Z")) {
            assertThat(EnvelopeParser.utcMicros(t)).as(t).isNull();
        }
    }

    @Test
    void theSkippedSourceBlockMustStillBeValidJson() {
        String broken = envelope("c", "{}").replace("\"txId\":771", "\"txId\":771,,");
        assertThat(poison(parse(broken)).kind()).isEqualTo(FailureKind.UNPARSEABLE_JSON);
        assertThat(poison(parse(envelope("c", "{}") + " trailing")).kind()).isEqualTo(FailureKind.UNPARSEABLE_JSON);
    }
}
