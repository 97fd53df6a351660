package io.eventprocessor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventprocessor.measure.MachineProbe.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's JSON, with exactly the field names of docs/bench.schema.json ({@code paced}, {@code burst}, {@code floors},
 * {@code ratios}, {@code memory.peak_rss_mb}, {@code startup_seconds}, {@code cores}, {@code versions}) plus
 * extra figures beside them; docs/bench.schema.json describes it.
 */
public final class BenchJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchJson() {}

    public static ObjectNode toJson(BenchResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("benchmark", "event-processor");
        root.put("mode", r.mode());
        root.put("started_at", r.startedAt());
        root.put("warmup", r.warmup());

        ArrayNode paced = root.putArray("paced");
        for (BenchResult.Paced p : r.paced()) {
            ObjectNode o = paced.addObject();
            o.put("rate_eps", p.rateEps());
            o.put("events", p.events());
            o.put("achieved_eps", round(p.achievedEps(), 1));
            o.set("end_to_end", percentiles(p.endToEnd()));
            o.set("end_to_end_from_intended", percentiles(p.endToEndFromIntended()));
            ObjectNode stages = o.putObject("stages");
            p.stages().forEach((stage, figures) -> stages.set(stage, percentiles(figures)));
            o.put("complete", p.complete());
        }

        ArrayNode burst = root.putArray("burst");
        for (BenchResult.Burst b : r.burst()) {
            ObjectNode o = burst.addObject();
            o.put("events", b.events());
            o.put("throughput_eps", round(b.throughputEps(), 1));
            o.put("duration_seconds", round(b.durationSeconds(), 3));
            o.put("insert_eps", round(b.insertEps(), 1));
            o.set("end_to_end", percentiles(b.endToEnd()));
            o.put("complete", b.complete());
        }

        BenchResult.Floors f = r.floors();
        ObjectNode floors = root.putObject("floors");
        floors.put("kafka_only_p50_ms", round(f.kafkaOnlyP50Ms(), 3));
        floors.put("kafka_only_p99_ms", round(f.kafkaOnlyP99Ms(), 3));
        floors.put("kafka_only_p999_ms", round(f.kafkaOnlyP999Ms(), 3));
        floors.put("kafka_only_mean_ms", round(f.kafkaOnlyMeanMs(), 3));
        floors.put("kafka_only_records", f.kafkaOnlyRecords());
        floors.put("kafka_only_method", f.kafkaOnlyMethod());
        KafkaTool.Result tool = f.kafkaTool();
        floors.put("kafka_tool_p50_ms", tool.p50Ms());
        floors.put("kafka_tool_p99_ms", tool.p99Ms());
        floors.put("kafka_tool_p999_ms", tool.p999Ms());
        floors.put("kafka_tool_avg_ms", round(tool.avgMs(), 4));
        floors.put("kafka_tool_records", tool.records());
        floors.put("kafka_tool_method", tool.status());
        floors.put("insert_eps", round(f.insertEps(), 1));
        floors.put("debezium_only_eps", round(f.debeziumOnlyEps(), 1));
        floors.put("debezium_only_events", f.debeziumOnlyEvents());
        floors.put("debezium_only_seconds", round(f.debeziumOnlySeconds(), 3));

        ObjectNode ratios = root.putObject("ratios");
        ratios.put("latency_over_kafka_floor", round(r.ratios().latencyOverKafkaFloor(), 3));
        ratios.put("throughput_over_debezium_ceiling", round(r.ratios().throughputOverDebeziumCeiling(), 3));
        ratios.put("insert_over_pipeline", round(r.ratios().insertOverPipeline(), 3));

        BenchResult.Memory m = r.memory();
        ObjectNode memory = root.putObject("memory");
        memory.put("peak_rss_mb", m.peakRssMb());
        memory.put("peak_pss_mb", m.peakPssMb());
        memory.put("burst_peak_rss_mb", m.burstPeakRssMb());
        memory.put("burst_peak_pss_mb", m.burstPeakPssMb());
        memory.put("burst_events", m.burstEvents());
        memory.put("samples", m.samples());
        memory.put("sample_interval_ms", m.sampleIntervalMs());
        memory.put("max_heap_mb", m.maxHeapMb());

        root.put("startup_seconds", round(r.startupSeconds(), 3));
        ObjectNode parts = root.putObject("startup_parts_seconds");
        r.startupParts().forEach((k, v) -> parts.put(k, round(v, 3)));
        root.put("cores", r.cores());
        machine(root.putObject("machine"), r.machine());
        ObjectNode versions = root.putObject("versions");
        r.versions().forEach(versions::put);

        ArrayNode goals = root.putArray("goals");
        for (BenchResult.Goal g : r.goals()) goal(goals.addObject(), g);
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        r.stage().ifPresent(stage -> root.set("stage", stage(stage)));
        return root;
    }

    /** The presenter's path: launch to ready, each scenario in click order, the idle cost, and its goals. */
    public static ObjectNode stage(StageBench.Result r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("launch_to_ready_seconds", round(r.launchToReadySeconds(), 3));
        o.put("stack_start_seconds", round(r.stackStartSeconds(), 3));
        if (Double.isFinite(r.trainingSeconds())) {
            o.put("training_seconds", round(r.trainingSeconds(), 3));
        } else {
            o.putNull("training_seconds");
        }
        o.put("stack_jvm", r.stackJvm());
        o.put("warm_up_events", r.warmUpEvents());
        o.put("warm_up_seconds", round(r.warmUpSeconds(), 3));
        machine(o.putObject("machine"), r.machine());
        ArrayNode runs = o.putArray("scenarios");
        for (StageBench.Run run : r.runs()) {
            ObjectNode x = runs.addObject();
            x.put("scenario", run.scenario());
            x.put("events", run.events());
            x.put("duration_seconds", round(run.durationSeconds(), 3));
            x.put("average_eps", round(run.averageEps(), 1));
            x.put("peak_eps", round(run.peakEps(), 1));
            ObjectNode stages = x.putObject("latency_ms");
            run.stages().forEach((stage, sum) -> {
                ObjectNode st = stages.putObject(stage);
                st.put("count", sum.count());
                st.put("p50", round(sum.p50(), 3));
                st.put("p95", round(sum.p95(), 3));
                st.put("p99", round(sum.p99(), 3));
                st.put("p999", round(sum.p999(), 3));
                st.put("max", round(sum.max(), 3));
            });
            x.put("complete", run.complete());
        }
        ObjectNode idle = o.putObject("idle");
        idle.put("seconds", round(r.idle().seconds(), 1));
        idle.put("stack_jvm_cores", round(r.idle().stackJvmCores(), 4));
        idle.put("postgres_cores", round(r.idle().postgresCores(), 4));
        idle.put("stack_cores", round(r.idle().stackCores(), 4));
        idle.put("client_cores", round(r.idle().clientCores(), 4));
        idle.put("total_cores", round(r.idle().totalCores(), 4));
        ArrayNode goals = o.putArray("goals");
        for (BenchResult.Goal g : Goals.evaluateStage(r)) goal(goals.addObject(), g);
        return o;
    }

    private static void machine(ObjectNode o, Machine m) {
        o.put("cpu_model", m.cpuModel());
        orNull(o, "thread_round_trip_us", m.threadRoundTripMicros(), 2);
        orNull(o, "system_call_us", m.systemCallMicros(), 3);
        orNull(o, "durable_write_us", m.durableWriteMicros(), 1);
    }

    /** A figure this machine could not give is null, not zero. */
    private static void orNull(ObjectNode o, String field, double value, int places) {
        if (Double.isFinite(value)) o.put(field, round(value, places));
        else o.putNull(field);
    }

    private static void goal(ObjectNode o, BenchResult.Goal g) {
        o.put("name", g.name());
        o.put("target", g.target());
        o.put("measured", round(g.measured(), 3));
        o.put("unit", g.unit());
        o.put("met", g.met());
    }

    /** Writes the presenter's path alone ({@code bench --stage}). */
    public static void writeStage(StageBench.Result r, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("benchmark", "event-processor");
        root.put("mode", "stage");
        root.set("stage", stage(r));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, JSON.writeValueAsString(root) + System.lineSeparator());
    }

    static ObjectNode percentiles(Percentiles p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("p50_ms", round(p.p50Ms(), 3));
        o.put("p99_ms", round(p.p99Ms(), 3));
        o.put("p999_ms", round(p.p999Ms(), 3));
        o.put("count", p.count());
        return o;
    }

    public static String toString(BenchResult r) {
        try {
            return JSON.writeValueAsString(toJson(r));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(BenchResult r, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, toString(r) + System.lineSeparator());
    }

    static double round(double v, int decimals) {
        if (!Double.isFinite(v)) return 0;
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
