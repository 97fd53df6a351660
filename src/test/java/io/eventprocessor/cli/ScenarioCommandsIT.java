package io.eventprocessor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import io.eventprocessor.scenario.WarmUp;
import io.eventprocessor.testing.SharedStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.data.Percentage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** reset, run and verify, as the demo scripts call them, against the shared embedded stack. */
@ExtendWith(SharedStack.class)
class ScenarioCommandsIT {

    @Test
    void resetThenRunThenVerifyReportsEverythingProcessedAndMatched(Settings settings, @TempDir Path dir) throws Exception {
        Map<String, String> env = settings.toEnv();

        CliIT.Run reset = CliIT.run(env, "reset");
        assertThat(reset.exitCode()).as(reset.out() + reset.err()).isZero();
        assertThat(count(settings)).as("outbox after reset").isZero();

        Path report = dir.resolve("run.json");
        CliIT.Run run = CliIT.run(env, "run", "--events", "60", "--batch-size", "20", "--report", report.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("60 sent, 60 processed, 0 dead-lettered, 0 missing").contains("MATCHED")
                .contains("Successfully processed 60 events");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("events").path("processed").asLong()).isEqualTo(60);
        assertThat(json.path("integrity").path("match").asBoolean()).isTrue();
        assertThat(dir.resolve("run.html")).exists();
        // Every figure of a real run is consistent with the others.
        for (var stage : (Iterable<Map.Entry<String, JsonNode>>) json.path("latency_ms")::fields) {
            JsonNode s = stage.getValue();
            assertThat(s.path("count").asLong()).as(stage.getKey()).isEqualTo(60);
            double[] ordered = {s.path("min").asDouble(), s.path("p50").asDouble(), s.path("p95").asDouble(), s.path("p99").asDouble(),
                    s.path("max").asDouble()};
            assertThat(ordered).as(stage.getKey() + " min <= p50 <= p95 <= p99 <= max").isSorted();
        }
        assertThat(json.path("throughput").path("average_eps").asDouble())
                .isCloseTo(60 / json.path("duration_seconds").asDouble(), Percentage.withPercentage(0.5));

        Path verifyReport = dir.resolve("demo_report.json");
        CliIT.Run verify = CliIT.run(env, "verify", "--report", verifyReport.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("INTEGRITY MATCHED").contains("Events found in MongoDB:  60 of 60")
                .containsPattern("TARGET P50 < 30 ms: (PASS|FAIL)").contains("STAGE stage=end_to_end count=60");
        assertThat(Files.size(verifyReport)).isPositive();
    }

    @Test
    void warmUpWarmsAnEmptyPipelineAndRefusesOneWithEvents(Settings settings) throws Exception {
        Map<String, String> env = new HashMap<>(settings.toEnv());
        assertThat(CliIT.run(env, "reset").exitCode()).isZero();
        env.put(WarmUp.VARIABLE, "2000");
        CliIT.Run warm = CliIT.run(env, "warm-up");
        assertThat(warm.exitCode()).as(warm.out() + warm.err()).isZero();
        assertThat(warm.out()).contains("Warmed up with 2,000 throw-away events, cleared.");
        assertThat(count(settings)).as("outbox after the warm-up").isZero();

        assertThat(CliIT.run(env, "run", "--events", "5").exitCode()).isZero();
        CliIT.Run refused = CliIT.run(env, "warm-up");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.out()).contains("The outbox holds events").contains("event-processor reset");
        assertThat(count(settings)).as("the events the refused warm-up left alone").isEqualTo(5);

        env.put(WarmUp.VARIABLE, "0");
        CliIT.Run skipped = CliIT.run(env, "warm-up");
        assertThat(skipped.exitCode()).isZero();
        assertThat(skipped.out()).contains("WARM_UP=0: no warm-up.");
    }

    @Test
    void verifyNamesAnOutboxEventThatNeverReachedMongo(Settings settings) throws Exception {
        Map<String, String> env = settings.toEnv();
        assertThat(CliIT.run(env, "reset").exitCode()).isZero();
        // An event of a type nobody handles is dead-lettered: it exists in the outbox but in no read model.
        String id = UUID.randomUUID().toString();
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.postgresUser(), settings.postgresPassword())) {
            c.createStatement().execute("INSERT INTO " + Names.OUTBOX_QUALIFIED + " (event_id, aggregate_id, aggregate_type, event_type, payload)"
                    + " VALUES ('" + id + "', gen_random_uuid(), 'Thing', 'NobodyHandlesThis', '{}')");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            CliIT.Run v = CliIT.run(env, "verify", "--timeout", "5");
            return v.out().contains("dead-lettered (metrics): 0 / 1");
        });
        CliIT.Run verify = CliIT.run(env, "verify", "--timeout", "5");
        assertThat(verify.exitCode()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(verify.out()).contains("INTEGRITY MISMATCH").contains(id);
    }

    private static long count(Settings settings) throws Exception {
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.postgresUser(), settings.postgresPassword());
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + Names.OUTBOX_QUALIFIED)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
