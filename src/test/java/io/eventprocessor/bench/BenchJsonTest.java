package io.eventprocessor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.eventprocessor.contract.Stage;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Set<ValidationMessage> errors(JsonNode json) throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(Path.of("docs/bench.schema.json").toFile()));
        return schema.validate(JSON.readTree(JSON.writeValueAsString(json)));
    }

    @Test
    void holdsEveryFieldOfTheIssueAndValidatesAgainstTheSchema() throws Exception {
        ObjectNode json = BenchJson.toJson(Samples.result());
        assertThat(errors(json)).isEmpty();
        assertThat(json.fieldNames()).toIterable().contains("paced", "burst", "floors", "ratios", "memory", "startup_seconds", "cores", "versions");

        JsonNode paced = json.get("paced").get(1);
        assertThat(paced.get("rate_eps").asInt()).isEqualTo(200);
        for (String figure : List.of("end_to_end", "end_to_end_from_intended")) {
            assertThat(paced.get(figure).fieldNames()).toIterable().contains("p50_ms", "p99_ms", "p999_ms");
        }
        for (Stage s : Stage.values()) {
            assertThat(paced.get("stages").get(s.key()).fieldNames()).toIterable().contains("p50_ms", "p99_ms", "p999_ms");
        }
        assertThat(paced.get("end_to_end").get("p50_ms").asDouble()).isEqualTo(4.2);
        assertThat(json.get("burst").get(0).fieldNames()).toIterable().contains("events", "throughput_eps", "duration_seconds");
        assertThat(json.get("floors").fieldNames()).toIterable()
                .contains("kafka_only_p50_ms", "kafka_only_p99_ms", "insert_eps", "debezium_only_eps");
        assertThat(json.get("ratios").fieldNames()).toIterable()
                .contains("latency_over_kafka_floor", "throughput_over_debezium_ceiling", "insert_over_pipeline");
        assertThat(json.get("memory").get("peak_rss_mb").asLong()).isEqualTo(1_100);
        assertThat(json.get("cores").asInt()).isEqualTo(2);
        assertThat(json.get("versions").get("debezium").asText()).isEqualTo("3.6.1.Final");
        assertThat(json.get("machine").get("thread_round_trip_us").asDouble()).isEqualTo(21.0);
        assertThat(json.get("machine").get("system_call_us").asDouble()).isEqualTo(1.4);
        assertThat(json.get("machine").get("durable_write_us").asDouble()).isEqualTo(640.0);
    }

    @Test
    void schemaRejectsAMissingOrMisnamedField() throws Exception {
        ObjectNode missingStage = BenchJson.toJson(Samples.result());
        ((ObjectNode) missingStage.get("paced").get(0).get("stages")).remove("consumer_wait");
        assertThat(errors(missingStage)).isNotEmpty();

        ObjectNode misnamed = BenchJson.toJson(Samples.result());
        ObjectNode floors = (ObjectNode) misnamed.get("floors");
        floors.set("debezium_eps", floors.remove("debezium_only_eps"));
        assertThat(errors(misnamed)).isNotEmpty();

        ObjectNode noMemory = BenchJson.toJson(Samples.result());
        noMemory.remove("memory");
        assertThat(errors(noMemory)).isNotEmpty();
    }

    @Test
    void roundsAndNeverWritesNaN() {
        assertThat(BenchJson.round(1.23456, 3)).isEqualTo(1.235);
        assertThat(BenchJson.round(Double.NaN, 3)).isZero();
        assertThat(BenchJson.round(Double.POSITIVE_INFINITY, 1)).isZero();
    }
}
