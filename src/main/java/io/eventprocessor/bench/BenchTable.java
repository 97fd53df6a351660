package io.eventprocessor.bench;

import io.eventprocessor.measure.MachineProbe.Machine;
import java.util.Locale;
import java.util.Map;

/**
 * The readable result: a fixed-format table whose every line starts with its section ({@code paced},
 * {@code burst}, {@code floor}, {@code ratio}, {@code memory}, {@code startup}, {@code goal}), so that
 * {@code grep '^paced'} or {@code awk} picks figures out like from Kafka's own perf tools.
 */
public final class BenchTable {
    private BenchTable() {}

    public static String render(BenchResult r) {
        StringBuilder s = new StringBuilder();
        line(s, "# event-processor bench (%s) started %s, cores=%d", r.mode(), r.startedAt(), r.cores());
        line(s, "# machine: %s", machine(r.machine()));
        line(s, "# versions %s", r.versions());
        line(s, "# warm-up: %s", r.warmup());
        line(s, "#");
        line(s, "# %-6s %8s %8s %9s  %-26s %8s %10s %10s %10s", "paced", "rate_eps", "events", "sent_eps", "stage", "count",
                "p50_ms", "p99_ms", "p999_ms");
        for (BenchResult.Paced p : r.paced()) {
            row(s, p, "end_to_end", p.endToEnd());
            row(s, p, "end_to_end_from_intended", p.endToEndFromIntended());
            for (Map.Entry<String, Percentiles> e : p.stages().entrySet()) {
                if (!e.getKey().equals("end_to_end")) row(s, p, e.getKey(), e.getValue());
            }
            if (!p.complete()) line(s, "paced  %8d  INCOMPLETE: events missing or read models mismatched", p.rateEps());
        }
        line(s, "#");
        line(s, "# %-6s %8s %14s %12s %12s %10s %10s %10s", "burst", "events", "throughput_eps", "duration_s", "insert_eps",
                "p50_ms", "p99_ms", "p999_ms");
        for (BenchResult.Burst b : r.burst()) {
            line(s, "burst    %8d %14.0f %12.3f %12.0f %10.2f %10.2f %10.2f%s", b.events(), b.throughputEps(), b.durationSeconds(),
                    b.insertEps(), b.endToEnd().p50Ms(), b.endToEnd().p99Ms(), b.endToEnd().p999Ms(), b.complete() ? "" : "  INCOMPLETE");
        }
        line(s, "#");
        BenchResult.Floors f = r.floors();
        line(s, "floor    kafka_only_p50_ms      %10.3f", f.kafkaOnlyP50Ms());
        line(s, "floor    kafka_only_p99_ms      %10.3f", f.kafkaOnlyP99Ms());
        line(s, "floor    kafka_only_p999_ms     %10.3f", f.kafkaOnlyP999Ms());
        line(s, "floor    kafka_only_mean_ms     %10.3f   (%s)", f.kafkaOnlyMeanMs(), f.kafkaOnlyMethod());
        KafkaTool.Result t = f.kafkaTool();
        if (t.ok()) {
            line(s, "floor    kafka_tool_p50_ms      %10.0f   (Kafka's EndToEndLatency itself, whole ms: p99 %.0f, p99.9 %.0f, avg %.3f; %d records)",
                    t.p50Ms(), t.p99Ms(), t.p999Ms(), t.avgMs(), t.records());
        } else {
            line(s, "floor    kafka_tool             not measured: %s", t.status());
        }
        line(s, "floor    insert_eps             %10.0f", f.insertEps());
        line(s, "floor    debezium_only_eps      %10.0f   (%d events in %.3f s, processor stopped)", f.debeziumOnlyEps(),
                f.debeziumOnlyEvents(), f.debeziumOnlySeconds());
        line(s, "ratio    latency_over_kafka_floor          %8.2f", r.ratios().latencyOverKafkaFloor());
        line(s, "ratio    throughput_over_debezium_ceiling  %8.2f", r.ratios().throughputOverDebeziumCeiling());
        line(s, "ratio    insert_over_pipeline              %8.2f", r.ratios().insertOverPipeline());
        BenchResult.Memory m = r.memory();
        line(s, "memory   peak_rss_mb %6d   peak_pss_mb %6d   burst_%d_peak_rss_mb %6d   burst_%d_peak_pss_mb %6d   (max heap %d MB, %d samples: every second, in the burst when the JVM grew by 4 MB, checked every %d ms)",
                m.peakRssMb(), m.peakPssMb(), m.burstEvents(), m.burstPeakRssMb(), m.burstEvents(), m.burstPeakPssMb(), m.maxHeapMb(),
                m.samples(), m.sampleIntervalMs());
        StringBuilder parts = new StringBuilder();
        r.startupParts().forEach((k, v) -> parts.append(parts.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(String.format(Locale.ROOT, "%.2f", v)));
        line(s, "startup  seconds %.2f   (%s)", r.startupSeconds(), parts);
        line(s, "#");
        for (BenchResult.Goal g : r.goals()) {
            line(s, "goal     %-38s %-18s measured %10.2f %-8s %s", g.name(), g.target(), g.measured(), g.unit(), g.met() ? "MET" : "NOT MET");
        }
        for (String note : r.notes()) line(s, "# note: %s", note);
        r.stage().ifPresent(stage -> s.append(renderStage(stage)));
        return s.toString();
    }

    static String machine(Machine m) {
        return String.format("%s; thread round trip %s, system call %s, durable write after a pause %s", m.cpuModel(),
                figure(m.threadRoundTripMicros(), "%.1f us"), figure(m.systemCallMicros(), "%.2f us"), figure(m.durableWriteMicros(), "%.0f us"));
    }

    private static String figure(double value, String format) {
        return Double.isFinite(value) ? String.format(format, value) : "not measured";
    }

    /** The presenter's path: lines starting with {@code stage}, then its goals. */
    public static String renderStage(StageBench.Result r) {
        StringBuilder s = new StringBuilder();
        line(s, "#");
        line(s, "stage    launch_to_ready_s %7.2f   (stack %.2f s, warm-up of %,d events %.2f s)", r.launchToReadySeconds(),
                r.stackStartSeconds(), r.warmUpEvents(), r.warmUpSeconds());
        if (Double.isFinite(r.trainingSeconds())) {
            line(s, "stage    training_s        %7.2f   (no AOT cache for this build yet: recorded before the launch, once)",
                    r.trainingSeconds());
        }
        line(s, "stage    stack_jvm         %s", r.stackJvm());
        line(s, "stage    machine           %s", machine(r.machine()));
        line(s, "# %-6s %-10s %7s %-15s %8s %9s %9s %9s %9s %9s", "stage", "scenario", "events", "stage", "count", "p50_ms", "p95_ms",
                "p99_ms", "p999_ms", "max_ms");
        for (StageBench.Run run : r.runs()) {
            run.stages().forEach((stage, x) -> line(s, "stage    %-10s %7d %-15s %8d %9.2f %9.2f %9.2f %9.2f %9.2f", run.scenario(), run.events(),
                    stage, x.count(), x.p50(), x.p95(), x.p99(), x.p999(), x.max()));
            line(s, "stage    %-10s %7d throughput      average %,.0f ev/s, peak %,.0f ev/s over %.2f s%s", run.scenario(), run.events(),
                    run.averageEps(), run.peakEps(), run.durationSeconds(), run.complete() ? "" : "  INCOMPLETE");
        }
        line(s, "stage    idle_cpu_cores %.4f   (stack JVM %.4f, PostgreSQL %.4f, client %.4f, over %.0f s)", r.idle().totalCores(),
                r.idle().stackJvmCores(), r.idle().postgresCores(), r.idle().clientCores(), r.idle().seconds());
        for (BenchResult.Goal g : Goals.evaluateStage(r)) {
            line(s, "goal     %-38s %-18s measured %10.3f %-8s %s", g.name(), g.target(), g.measured(), g.unit(), g.met() ? "MET" : "NOT MET");
        }
        return s.toString();
    }

    private static void row(StringBuilder s, BenchResult.Paced p, String stage, Percentiles x) {
        line(s, "paced    %8d %8d %9.1f  %-26s %8d %10.3f %10.3f %10.3f", p.rateEps(), p.events(), p.achievedEps(), stage, x.count(),
                x.p50Ms(), x.p99Ms(), x.p999Ms());
    }

    private static void line(StringBuilder s, String format, Object... args) {
        s.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
