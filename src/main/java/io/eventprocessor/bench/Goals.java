package io.eventprocessor.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The benchmark's goals (docs/benchmark.md), checked against a run's figures. A goal whose figure was not measured is reported as not met. */
public final class Goals {
    /** The paced rate the latency goals are set at. */
    public static final int REFERENCE_RATE = 200;
    /** The burst the throughput and memory goals are set at. */
    public static final int REFERENCE_BURST = 10_000;

    public static final double P50_MS = 5;
    public static final double P99_MS = 20;
    public static final double P999_MS = 50;
    public static final double BURST_EPS = 10_000;
    public static final double SHARE_OF_CEILING = 0.80;
    public static final double MEMORY_MB = 1024;

    /** The presenter's path: end-to-end percentiles of the 1,000 and 10,000 scenarios, milliseconds. */
    public static final double STAGE_P50_MS = 15;
    public static final double STAGE_P95_MS = 50;
    public static final double STAGE_P99_MS = 100;
    /** Launch to ready (stack start and warm-up), seconds. */
    public static final double STAGE_READY_SECONDS = 20;
    /** Idle CPU of the stack and its client together, cores. */
    public static final double STAGE_IDLE_CORES = 0.05;

    private Goals() {}

    public static List<BenchResult.Goal> evaluate(List<BenchResult.Paced> paced, List<BenchResult.Burst> bursts, Ratios ratios,
            BenchResult.Memory memory) {
        List<BenchResult.Goal> goals = new ArrayList<>();
        Percentiles e2e = paced.stream().filter(p -> p.rateEps() == REFERENCE_RATE).findFirst()
                .map(BenchResult.Paced::endToEnd).orElse(Percentiles.NONE);
        boolean measured = e2e.count() > 0;
        goals.add(atMost("paced_200_end_to_end_p50", P50_MS, e2e.p50Ms(), "ms", measured));
        goals.add(atMost("paced_200_end_to_end_p99", P99_MS, e2e.p99Ms(), "ms", measured));
        goals.add(atMost("paced_200_end_to_end_p999", P999_MS, e2e.p999Ms(), "ms", measured));
        double eps = referenceBurst(bursts).map(BenchResult.Burst::throughputEps).orElse(0.0);
        goals.add(new BenchResult.Goal("burst_10k_throughput", ">= " + (long) BURST_EPS + " events/s", eps, "events/s", eps >= BURST_EPS));
        double share = ratios.throughputOverDebeziumCeiling();
        goals.add(new BenchResult.Goal("burst_10k_share_of_debezium_ceiling", ">= " + SHARE_OF_CEILING, share, "ratio",
                share >= SHARE_OF_CEILING));
        long mb = memory.burstPeakPssMb();
        goals.add(new BenchResult.Goal("burst_10k_memory_pss", "<= " + (long) MEMORY_MB + " MB", mb, "MB", mb > 0 && mb <= MEMORY_MB));
        return goals;
    }

    /** The presenter's path: the 1,000 and 10,000 scenarios, launch to ready, idle CPU. */
    public static List<BenchResult.Goal> evaluateStage(StageBench.Result stage) {
        List<BenchResult.Goal> goals = new ArrayList<>();
        for (StageBench.Run run : stage.runs()) {
            if (run.events() < 1_000) continue;
            var e2e = run.endToEnd();
            boolean measured = e2e.count() > 0;
            String name = "stage_" + run.events() + "_end_to_end_";
            goals.add(atMost(name + "p50", STAGE_P50_MS, e2e.p50(), "ms", measured));
            goals.add(atMost(name + "p95", STAGE_P95_MS, e2e.p95(), "ms", measured));
            goals.add(atMost(name + "p99", STAGE_P99_MS, e2e.p99(), "ms", measured));
        }
        goals.add(atMost("stage_launch_to_ready", STAGE_READY_SECONDS, stage.launchToReadySeconds(), "s", true));
        goals.add(atMost("stage_idle_cpu", STAGE_IDLE_CORES, stage.idle().totalCores(), "cores", stage.idle().seconds() > 0));
        return goals;
    }

    static Optional<BenchResult.Burst> referenceBurst(List<BenchResult.Burst> bursts) {
        return bursts.stream().filter(b -> b.events() == REFERENCE_BURST).findFirst();
    }

    private static BenchResult.Goal atMost(String name, double limit, double value, String unit, boolean measured) {
        return new BenchResult.Goal(name, "<= " + fmt(limit) + " " + unit, value, unit, measured && value <= limit);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
