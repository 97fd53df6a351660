package io.eventprocessor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventprocessor.measure.MachineProbe.Machine;
import io.eventprocessor.measure.StageSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The presenter's path as {@code bench --stage} writes it: its JSON and its lines carry every figure measured. */
class StageReportTest {
    static StageSummary summary(long count, double p50) {
        return new StageSummary(count, p50 / 2, p50 * 4, p50, 1, p50, p50 * 1.2, p50 * 1.5, p50 * 2, p50 * 3, p50 * 3.5, 0);
    }

    static StageBench.Run run(String scenario, int events, double p50) {
        Map<String, StageSummary> stages = new LinkedHashMap<>();
        stages.put("end_to_end", summary(events, p50));
        stages.put("cdc_capture", summary(events, p50 / 4));
        return new StageBench.Run(scenario, events, events / 1900.0, 1900, 2000, stages, true);
    }

    static StageBench.Result result() {
        return new StageBench.Result(12.7, 3.0, 10_000, 9.7,
                List.of(run("stress", 1000, 14.5), run("extreme", 10_000, 17.0)),
                new StageBench.Idle(30, 0.0217, 0.0007, 0.0017),
                "Java 25.0.3, both compilers, from the AOT cache recorded 2026-12-02T05:38:23Z",
                new Machine("AMD EPYC", 21.04, 1.4123, 612.34), Double.NaN);
    }

    @Test
    void theJsonSaysWhichJvmTheStackRanAndHoldsEveryScenarioAndTheIdleCost(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stage.json");
        BenchJson.writeStage(result(), file);
        JsonNode stage = new ObjectMapper().readTree(Files.readString(file)).get("stage");
        assertThat(stage.get("stack_jvm").asText()).isEqualTo(result().stackJvm());
        assertThat(stage.get("launch_to_ready_seconds").asDouble()).isEqualTo(12.7);
        assertThat(stage.get("scenarios")).hasSize(2);
        JsonNode stress = stage.get("scenarios").get(0).get("latency_ms").get("end_to_end");
        assertThat(List.of(stress.get("p50").asDouble(), stress.get("p95").asDouble(), stress.get("p99").asDouble(),
                stress.get("max").asDouble())).containsExactly(14.5, 29.0, 43.5, 58.0);
        assertThat(stage.get("idle").get("total_cores").asDouble()).isEqualTo(0.0241);
        assertThat(stage.get("goals").findValuesAsText("name")).contains("stage_1000_end_to_end_p50", "stage_idle_cpu");
        JsonNode p50 = null;
        for (JsonNode g : stage.get("goals")) if (g.get("name").asText().equals("stage_1000_end_to_end_p50")) p50 = g;
        assertThat(p50.get("measured").asDouble()).isEqualTo(14.5);
        assertThat(p50.get("met").asBoolean()).isTrue();
        JsonNode machine = stage.get("machine");
        assertThat(machine.get("cpu_model").asText()).isEqualTo("AMD EPYC");
        assertThat(machine.get("thread_round_trip_us").asDouble()).isEqualTo(21.04);
        assertThat(machine.get("system_call_us").asDouble()).isEqualTo(1.412);
        assertThat(machine.get("durable_write_us").asDouble()).isEqualTo(612.3);
    }

    @Test
    void aTrainingBeforeTheLaunchIsReportedApartFromLaunchToReady(@TempDir Path dir) throws Exception {
        StageBench.Result r = result();
        Path file = dir.resolve("stage.json");
        BenchJson.writeStage(r, file);
        assertThat(new ObjectMapper().readTree(Files.readString(file)).get("stage").get("training_seconds").isNull()).isTrue();
        assertThat(BenchTable.renderStage(r)).doesNotContain("training_s");

        StageBench.Result trained = new StageBench.Result(r.launchToReadySeconds(), r.stackStartSeconds(), r.warmUpEvents(),
                r.warmUpSeconds(), r.runs(), r.idle(), r.stackJvm(), r.machine(), 61.25);
        BenchJson.writeStage(trained, file);
        JsonNode stage = new ObjectMapper().readTree(Files.readString(file)).get("stage");
        assertThat(stage.get("training_seconds").asDouble()).isEqualTo(61.25);
        assertThat(stage.get("launch_to_ready_seconds").asDouble()).isEqualTo(12.7);
        assertThat(BenchTable.renderStage(trained)).contains("stage    training_s          61.25");
    }

    @Test
    void aMachineFigureThatCouldNotBeMeasuredIsNullInTheJsonAndSaidSoInTheLines(@TempDir Path dir) throws Exception {
        StageBench.Result r = result();
        StageBench.Result unmeasured = new StageBench.Result(r.launchToReadySeconds(), r.stackStartSeconds(), r.warmUpEvents(),
                r.warmUpSeconds(), r.runs(), r.idle(), r.stackJvm(), new Machine("riscv64", 19.5, Double.NaN, 250.0), r.trainingSeconds());
        Path file = dir.resolve("stage.json");
        BenchJson.writeStage(unmeasured, file);
        JsonNode machine = new ObjectMapper().readTree(Files.readString(file)).get("stage").get("machine");
        assertThat(machine.get("system_call_us").isNull()).isTrue();
        assertThat(machine.get("thread_round_trip_us").asDouble()).isEqualTo(19.5);
        assertThat(BenchTable.renderStage(unmeasured))
                .contains("stage    machine           riscv64; thread round trip 19.5 us, system call not measured, durable write after a pause 250 us");
    }

    @Test
    void theLinesSayWhichJvmTheStackRan() {
        assertThat(BenchTable.renderStage(result())).contains("stage    stack_jvm         " + result().stackJvm())
                .contains("stage    stress        1000 end_to_end")
                .contains("stage    machine           AMD EPYC; thread round trip 21.0 us, system call 1.41 us, durable write after a pause 612 us");
    }
}
