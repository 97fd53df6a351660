package io.eventprocessor.bench;

import io.eventprocessor.config.Tuning;
import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.StackMode;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.loadgen.EventGenerator;
import io.eventprocessor.loadgen.EventOrder;
import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.loadgen.SendPlan;
import io.eventprocessor.measure.MachineProbe;
import io.eventprocessor.measure.MachineProbe.Machine;
import io.eventprocessor.measure.MetricsAggregator;
import io.eventprocessor.measure.StageSummary;
import io.eventprocessor.report.RunEnvironment;
import io.eventprocessor.scenario.DemoData;
import io.eventprocessor.scenario.Progress;
import io.eventprocessor.scenario.ScenarioRun;
import io.eventprocessor.stack.LocalStack;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One benchmark run on one running embedded stack: warm-up, the Kafka-only floor, the paced rates, the
 * Debezium-only ceiling (with the generator's insert rate), then the bursts, with the data reset between phases
 * so the read models never grow from one phase to the next. Memory is sampled throughout.
 *
 * <p>Every pipeline phase goes through {@link ScenarioRun}, as the {@code run} command and the dashboard do: it
 * learns about processing only from the metrics topic and verifies the read models against the outbox.
 */
public final class Benchmark {

    /** What a watcher hears: a new phase, and a status line of the phase in progress (a few times a second). */
    public interface Watcher {
        void phase(String description);

        default void status(String line) {}

        Watcher NONE = d -> {};
    }

    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(180);

    private final LocalStack stack;
    private final Path home;
    private final BenchPlan plan;
    private final Watcher progress;
    private final List<String> notes = new ArrayList<>();

    /**
     * @param stack a running stack with its processor
     * @param home the stack's state directory (where its PostgreSQL data lives, for the memory of its postmaster)
     */
    public Benchmark(LocalStack stack, Path home, BenchPlan plan, Watcher progress) {
        this.stack = stack;
        this.home = home;
        this.plan = plan;
        this.progress = progress;
    }

    public BenchResult run() throws Exception {
        String startedAt = Instant.now().toString();
        String loadBefore = loadAverage();
        Machine machine = MachineProbe.probe();
        try (MemorySampler memory = new MemorySampler(ProcessHandle.current().pid(), home)) {
            reset();
            progress.phase(String.format("Warm-up (not measured): burst of %,d, then %,d paced at %.0f events/s",
                    plan.warmupBurstEvents(), plan.warmupPacedEvents(), plan.warmupPacedRate()));
            scenario("warm-up burst", plan.warmupBurstEvents(), SendPlan.burst(Tuning.INSERT_BATCH_SIZE, Duration.ZERO));
            scenario("warm-up paced", plan.warmupPacedEvents(), SendPlan.paced(plan.warmupPacedRate(), Tuning.INSERT_BATCH_SIZE));
            String jit = settleJit();
            reset();

            progress.phase(String.format("Kafka-only floor: closed loop, %,d records of %d B (after %,d warm-up)", plan.kafkaRecords(),
                    plan.kafkaRecordBytes(), plan.kafkaWarmupRecords()));
            KafkaLatencyFloor.Result kafka = KafkaLatencyFloor.measure(stack.settings().kafkaBootstrapServers(), plan.kafkaWarmupRecords(),
                    plan.kafkaRecords(), plan.kafkaRecordBytes());
            KafkaTool.Result tool = KafkaTool.Result.failed("not run");
            if (plan.kafkaToolRecords() > 0) {
                progress.phase(String.format("Kafka's own EndToEndLatency tool (cross-check): %,d records of %d B", plan.kafkaToolRecords(),
                        plan.kafkaRecordBytes()));
                memory.pause(true);
                try {
                    tool = KafkaTool.run(stack.settings().kafkaBootstrapServers(), plan.kafkaToolRecords(), plan.kafkaRecordBytes());
                } finally {
                    memory.pause(false);
                }
                if (!tool.ok()) notes.add("Kafka's EndToEndLatency tool: " + tool.status());
            }

            List<BenchResult.Paced> paced = new ArrayList<>();
            for (int rate : plan.pacedRates()) {
                int n = plan.pacedEvents(rate);
                progress.phase(String.format("Paced %,d events/s: %,d events", rate, n));
                ScenarioRun.Result r = scenario("paced " + rate, n, SendPlan.paced(rate, Tuning.INSERT_BATCH_SIZE));
                paced.add(paced(rate, r));
                reset();
            }

            progress.phase(String.format("Debezium-only ceiling and insert rate: %,d events, processor stopped", plan.debeziumOnlyEvents()));
            DebeziumCeiling.Result ceiling;
            stack.stopProcessor();
            try {
                ceiling = DebeziumCeiling.measure(stack.settings(), plan.debeziumOnlyEvents(), PHASE_TIMEOUT);
            } finally {
                reset(); // the change events must not reach the read models when the processor is back
                stack.startProcessor();
            }
            if (!ceiling.complete()) notes.add("Debezium-only phase timed out before every change event was read");

            List<BenchResult.Burst> bursts = new ArrayList<>();
            for (int size : plan.burstSizes()) {
                progress.phase(String.format("Burst of %,d events (batches of %d, no pause)", size, Tuning.INSERT_BATCH_SIZE));
                boolean window = size == plan.memoryBurst();
                if (window) memory.startWindow();
                ScenarioRun.Result r;
                try {
                    r = scenario("burst " + size, size, SendPlan.burst(Tuning.INSERT_BATCH_SIZE, Duration.ZERO));
                } finally {
                    if (window) memory.endWindow();
                }
                bursts.add(burst(size, r));
                reset();
            }

            BenchResult.Floors floors = new BenchResult.Floors(kafka.summary().p50(), kafka.summary().p99(), kafka.summary().p999(),
                    kafka.summary().mean(), kafka.records(), kafka.method(), tool, ceiling.insertEps(), ceiling.eventsPerSecond(), ceiling.events(),
                    ceiling.seconds());
            double e2eP50 = paced.stream().filter(p -> p.rateEps() == Goals.REFERENCE_RATE).findFirst()
                    .or(() -> paced.stream().findFirst()).map(p -> p.endToEnd().p50Ms()).orElse(0.0);
            double pipelineEps = Goals.referenceBurst(bursts).or(() -> bursts.stream().findFirst())
                    .map(BenchResult.Burst::throughputEps).orElse(0.0);
            Ratios ratios = Ratios.compute(e2eP50, floors.kafkaOnlyP50Ms(), pipelineEps, floors.debeziumOnlyEps(), floors.insertEps());
            BenchResult.Memory mem = memory.result(plan.memoryBurst());
            LocalStack.StartupTimes startup = stack.startupTimes();
            Map<String, Double> parts = new LinkedHashMap<>();
            startup.parts().forEach((k, v) -> parts.put(k, v.toNanos() / 1e9));
            RunEnvironment env = RunEnvironment.probe(stack.settings(), StackMode.EMBEDDED);
            String loadAfter = loadAverage();
            notes.add("Load average (1, 5, 15 min) at start " + loadBefore + ", at end " + loadAfter + " on "
                    + Runtime.getRuntime().availableProcessors() + " cores (the bench itself accounts for up to about the core count; "
                    + "well above it, other work shared the CPU and every figure, the tails above all, suffers).");
            notes.add("Memory is this JVM (embedded Kafka, Debezium, MongoDB server, the processor, and the bench's own generator and collectors) "
                    + "plus the PostgreSQL server processes.");
            return new BenchResult(plan.name(), startedAt, paced, bursts, floors, ratios, mem, startup.total().toNanos() / 1e9, parts,
                    Runtime.getRuntime().availableProcessors(), machine, env.versions(), warmupText() + "; " + jit, Goals.evaluate(paced, bursts, ratios, mem), notes, Optional.empty());
        }
    }

    /**
     * More paced warm-up rounds until the JIT compiler spends less than {@link #JIT_SETTLED_SHARE} of the wall time
     * compiling, or {@link BenchPlan#jitRounds()} have run. On 2 cores the C2 compiler was still busy 60-75% of a core
     * well after a fixed warm-up (the per-event paths of a paced load get hot later than a burst's per-batch ones), and
     * every figure measured meanwhile shared the CPU with it. Says what happened, for the JSON's {@code warmup}.
     */
    private String settleJit() throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (plan.jitRounds() == 0) return "no JIT-settling rounds";
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) return "JIT compile time not available: no JIT-settling rounds";
        double share = 1;
        int round = 0;
        while (round < plan.jitRounds()) {
            round++;
            progress.phase(String.format("Warm-up (not measured): JIT-settling round %d, %,d paced at %.0f events/s and a burst of %,d",
                    round, BenchPlan.JIT_ROUND_EVENTS, plan.warmupPacedRate(), plan.warmupBurstEvents()));
            long compiled = jit.getTotalCompilationTime();
            long start = System.nanoTime();
            // Both shapes of load: a paced one makes the per-event paths hot, a burst the per-batch ones.
            scenario("warm-up JIT", BenchPlan.JIT_ROUND_EVENTS, SendPlan.paced(plan.warmupPacedRate(), Tuning.INSERT_BATCH_SIZE));
            scenario("warm-up JIT", plan.warmupBurstEvents(), SendPlan.burst(Tuning.INSERT_BATCH_SIZE, Duration.ZERO));
            reset();
            share = (jit.getTotalCompilationTime() - compiled) / ((System.nanoTime() - start) / 1e6);
            if (share < JIT_SETTLED_SHARE) break;
        }
        return String.format("then %d JIT-settling round(s) (%d paced events and a burst of %d) until the JIT compiled under %.0f%% of "
                + "the time (last round: %.0f%%%s)", round, BenchPlan.JIT_ROUND_EVENTS, plan.warmupBurstEvents(), JIT_SETTLED_SHARE * 100, share * 100,
                share < JIT_SETTLED_SHARE ? "" : ", not settled within the rounds allowed");
    }

    /** The JIT counts as settled below this share of wall time spent compiling (summed over compiler threads). */
    static final double JIT_SETTLED_SHARE = 0.10;

    /** The first three fields of /proc/loadavg, or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception | Error e) {
            return "unknown";
        }
    }

    private String warmupText() {
        return String.format("burst of %d then %d paced at %.0f events/s through the whole pipeline, and %d Kafka-only records, "
                + "before measuring (JIT, connection pools, consumer fetch sessions); not counted", plan.warmupBurstEvents(),
                plan.warmupPacedEvents(), plan.warmupPacedRate(), plan.kafkaWarmupRecords());
    }

    private void reset() throws Exception {
        DemoData.reset(stack.settings());
    }

    private ScenarioRun.Result scenario(String label, int events, SendPlan send) throws Exception {
        Scenario scenario = Scenario.custom(events);
        ScenarioRun.Request request = new ScenarioRun.Request(scenario, send, EventGenerator.randomSeed(), EventOrder.GROUPED,
                PHASE_TIMEOUT, StackMode.EMBEDDED);
        ScenarioRun.Result r = new ScenarioRun(stack.settings()).run(request, new ScenarioRun.Listener() {
            @Override
            public void progress(Progress p) {
                progress.status(String.format("  %-14s %s", label, p.line()));
            }
        });
        if (!r.complete()) {
            notes.add(label + ": incomplete (" + r.outcome().missing().size() + " events without outcome, integrity "
                    + (r.integrity().match() ? "matched" : "MISMATCH") + ")");
        }
        return r;
    }

    static BenchResult.Paced paced(int rate, ScenarioRun.Result r) {
        Map<String, StageSummary> latency = r.report().latencyMs();
        Map<String, Percentiles> stages = new LinkedHashMap<>();
        for (Stage s : Stage.values()) stages.put(s.key(), Percentiles.of(latency.get(s.key())));
        return new BenchResult.Paced(rate, r.load().eventsSent(), r.load().insertRate(), stages.get(Stage.END_TO_END.key()),
                Percentiles.of(latency.get(MetricsAggregator.END_TO_END_FROM_INTENDED)), stages, r.complete());
    }

    static BenchResult.Burst burst(int size, ScenarioRun.Result r) {
        // First insert (the load's start) to the last MongoDB acknowledgement (the last T5).
        long lastT5 = Clock.toMicros(r.report().finishedAt());
        double seconds = (lastT5 - r.load().startMicros()) / 1e6;
        double eps = r.complete() && seconds > 0 ? r.load().eventsSent() / seconds : 0;
        return new BenchResult.Burst(size, eps, seconds, r.load().insertRate(), Percentiles.of(r.report().latencyMs().get(Stage.END_TO_END.key())),
                r.complete());
    }
}
