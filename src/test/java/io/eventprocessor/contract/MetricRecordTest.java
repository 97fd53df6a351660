package io.eventprocessor.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventprocessor.processor.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class MetricRecordTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void processedRecordCarriesTimingPointsAndEveryStageInMicroseconds() throws Exception {
        EventTiming timing = new EventTiming(1_000, 1_250, 1_400, 2_000, 2_010, 2_500);
        MetricRecord m = new MetricRecord("e1", Names.USER_CREATED, "a1", MetricRecord.STATUS_PROCESSED, null, null,
                timing, 2, 41, "p1", "ada");
        JsonNode n = JSON.readTree(m.toJsonLine());

        assertThat(n.get("event_id").asText()).isEqualTo("e1");
        assertThat(n.get("event_type").asText()).isEqualTo("UserCreated");
        assertThat(n.get("aggregate_id").asText()).isEqualTo("a1");
        assertThat(n.get("status").asText()).isEqualTo("processed");
        assertThat(n.get("t0").asLong()).isEqualTo(1_000);
        assertThat(n.get("t5").asLong()).isEqualTo(2_500);
        for (Stage stage : Stage.values()) assertThat(n.get(stage.key()).asLong()).as(stage.key()).isEqualTo(stage.of(timing));
        assertThat(n.get("end_to_end").asLong()).isEqualTo(1_500);
        assertThat(n.get("partition").asInt()).isEqualTo(2);
        assertThat(n.get("offset").asLong()).isEqualTo(41);
        assertThat(n.get("processor_id").asText()).isEqualTo("p1");
        assertThat(n.get("detail").asText()).isEqualTo("ada");
        assertThat(n.get("error").isNull()).isTrue();

        assertThat(MetricRecord.fromJson(m.toJsonLine())).isEqualTo(m);
    }

    @Test
    void t2SourceIsWrittenAndReadBackAndNullWhenTheWriterDoesNotSay() throws Exception {
        EventTiming timing = new EventTiming(1_000, 1_250, 2_000, 2_100, 2_110, 2_500);
        MetricRecord m = new MetricRecord("e1", Names.USER_CREATED, "a1", MetricRecord.STATUS_PROCESSED, null, null,
                timing, 0, 1, "p1", null, T2Source.BROKER_APPEND_TIME.key());
        assertThat(JSON.readTree(m.toJsonLine()).get("t2_source").asText()).isEqualTo("broker_log_append_time");
        assertThat(MetricRecord.fromJson(m.toJsonLine()).t2Source()).isEqualTo("broker_log_append_time");

        MetricRecord silent = new MetricRecord("e2", Names.USER_CREATED, "a1", MetricRecord.STATUS_PROCESSED, null, null,
                timing, 0, 2, "p1", null);
        assertThat(JSON.readTree(silent.toJsonLine()).get("t2_source").isNull()).isTrue();
        assertThat(MetricRecord.fromJson(silent.toJsonLine()).t2Source()).isNull();
    }

    @Test
    void deadLetteredRecordHasNoTiming() throws Exception {
        MetricRecord m = new MetricRecord(null, null, null, MetricRecord.STATUS_DEAD_LETTERED, FailureKind.UNPARSEABLE_JSON.key(),
                "record value is not JSON", null, 0, 7, "p1", "record value is not JSON");
        JsonNode n = JSON.readTree(m.toJsonLine());
        assertThat(n.get("t0").isNull()).isTrue();
        assertThat(n.get(Stage.END_TO_END.key()).isNull()).isTrue();
        assertThat(n.get("error_kind").asText()).isEqualTo("unparseable_json");
        assertThat(MetricRecord.fromJson(m.toJsonLine())).isEqualTo(m);
    }

    @Test
    void theLineIsWhatATreeOfTheSameFieldsWouldBe() throws Exception {
        EventTiming timing = new EventTiming(1_000, 1_250, 1_400, 2_000, 2_010, 2_500);
        MetricRecord m = new MetricRecord("e1", Names.USER_CREATED, "a1", MetricRecord.STATUS_PROCESSED, null, "a \"quoted\" é",
                timing, 2, 41, "p1", "ada", T2Source.RELAY_HEADER.key());
        var tree = JSON.createObjectNode().put("event_id", "e1").put("event_type", "UserCreated").put("aggregate_id", "a1")
                .put("status", "processed").putNull("error_kind").put("error", "a \"quoted\" é")
                .put("t0", 1_000L).put("t1", 1_250L).put("t2", 1_400L).put("t3", 2_000L).put("t4", 2_010L).put("t5", 2_500L);
        for (Stage stage : Stage.values()) tree.put(stage.key(), stage.of(timing));
        tree.put("partition", 2).put("offset", 41L).put("processor_id", "p1").put("detail", "ada").put("t2_source", "relay_header");
        assertThat(m.toJsonLine()).isEqualTo(tree.toString());
    }

    @Test
    void anythingButAWholeRecordIsRefusedAsNotAMetricRecord() {
        for (String bad : new String[] {"", "[]", "{\"t0\": 1, \"t1\": 2}", "{\"event_id\": \"e1\"} trailing", "{\"event_id\": "}) {
            assertThatThrownBy(() -> MetricRecord.fromJson(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        MetricRecord unknownFields = MetricRecord.fromJson("{\"event_id\": \"e1\", \"new_field\": {\"a\": [1]}, \"partition\": 3}");
        assertThat(unknownFields.eventId()).isEqualTo("e1");
        assertThat(unknownFields.partition()).isEqualTo(3);
        assertThat(unknownFields.timing()).isNull();
    }

    @Test
    void deadLetterKeepsTheOriginalRecord() {
        ConsumerRecord<byte[], byte[]> original = new ConsumerRecord<>(Names.OUTBOX_TOPIC, 1, 99,
                "{\"id\":\"k\"}".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, 0x00});
        original.headers().add(new RecordHeader("ep_t2_us", "123".getBytes(StandardCharsets.UTF_8)));
        DeadLetter d = new DeadLetter(FailureKind.UNPARSEABLE_JSON, "record value is not JSON", null, "p1",
                Instant.parse("2026-11-28T10:00:00Z"), original);
        JsonNode n = d.toJson();
        assertThat(n.get("reason").asText()).isEqualTo("record value is not JSON");
        assertThat(n.get("error_kind").asText()).isEqualTo("unparseable_json");
        assertThat(n.get("event_id").isNull()).isTrue();
        JsonNode o = n.get("original");
        assertThat(o.get("topic").asText()).isEqualTo(Names.OUTBOX_TOPIC);
        assertThat(o.get("partition").asInt()).isEqualTo(1);
        assertThat(o.get("offset").asLong()).isEqualTo(99);
        assertThat(o.get("key").asText()).isEqualTo("{\"id\":\"k\"}");
        assertThat(o.get("value_base64").asText()).isEqualTo("/wA=");
        assertThat(o.get("headers").get("ep_t2_us").asText()).isEqualTo("123");
    }
}
