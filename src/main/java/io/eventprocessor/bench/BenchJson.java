package io.eventprocessor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        ObjectNode versions = root.putObject("versions");
        r.versions().forEach(versions::put);

        ArrayNode goals = root.putArray("goals");
        for (BenchResult.Goal g : r.goals()) {
            ObjectNode o = goals.addObject();
            o.put("name", g.name());
            o.put("target", g.target());
            o.put("measured", round(g.measured(), 3));
            o.put("unit", g.unit());
            o.put("met", g.met());
        }
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        return root;
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
