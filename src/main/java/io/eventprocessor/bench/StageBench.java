package io.eventprocessor.bench;

import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.StackMode;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.measure.MachineProbe;
import io.eventprocessor.measure.MachineProbe.Machine;
import io.eventprocessor.measure.StageSummary;
import io.eventprocessor.report.Report;
import io.eventprocessor.scenario.CacheTraining;
import io.eventprocessor.scenario.ScenarioRun;
import io.eventprocessor.scenario.WarmUp;
import io.eventprocessor.stack.LocalStack;
import io.eventprocessor.stack.ProcessCpu;
import io.eventprocessor.stack.StackLauncher;
import io.eventprocessor.stack.StackState;
import io.eventprocessor.stack.TemporaryHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The presenter's path, measured as the audience meets it, with no warm-up of its own: the machine first
 * ({@link MachineProbe}, before anything of the stack runs), then a fresh background stack started
 * the way {@code setup.sh} and the dashboard start it, the product's own warm-up ({@link WarmUp}, as many events as
 * {@code WARM_UP} says), then the scenarios 10, 100, 1,000 and 10,000 in the order a presenter clicks them, each sent as
 * its preset sends it, and finally the idle cost: the CPU the kernel counted for every process of the stack (its JVM and
 * the PostgreSQL server) and for this process over {@link #IDLE}. This process plays the dashboard's part (generator and
 * collector) without drawing anything.
 */
public final class StageBench {
    /** How long the idle cost is measured. */
    static final Duration IDLE = Duration.ofSeconds(30);
    /**
     * The pause before the idle measurement, so that the last run's background work is over: statistics, commits, and the
     * JIT compiler, which goes on compiling what the 10,000-event run made hot for some 10-20 s after it.
     */
    static final Duration SETTLE = Duration.ofSeconds(20);
    /** A presenter's pause between two clicks. */
    static final Duration BETWEEN_CLICKS = Duration.ofSeconds(2);

    /**
     * @param launchToReadySeconds from starting the stack to the end of the warm-up: when a presenter can click
     * @param stackStartSeconds from starting the stack to its process being ready
     * @param warmUpEvents throw-away events of the warm-up (0: none)
     * @param stackJvm which Java the stack's JVM ran and how it compiled
     * @param machine what this machine charges for a hand-over between threads and for a system call, measured before
     *                the stack started
     * @param trainingSeconds how long the AOT cache's training took before the launch, when this build had none yet
     *                        (as a presenter's first launch after a build would); NaN when there was nothing to train
     */
    public record Result(double launchToReadySeconds, double stackStartSeconds, int warmUpEvents, double warmUpSeconds,
            List<Run> runs, Idle idle, String stackJvm, Machine machine, double trainingSeconds) {
        public Result {
            runs = List.copyOf(runs);
        }
    }

    /**
     * One scenario as a presenter clicks it.
     *
     * @param stages summaries per stage key (end_to_end first), milliseconds
     */
    public record Run(String scenario, int events, double durationSeconds, double averageEps, double peakEps,
            Map<String, StageSummary> stages, boolean complete) {
        public Run {
            stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
        }

        public StageSummary endToEnd() {
            return stages.getOrDefault(Stage.END_TO_END.key(), StageSummary.EMPTY);
        }
    }

    /**
     * CPU in cores (CPU seconds per second) over the idle window.
     *
     * @param stackJvmCores the stack's JVM (broker, Debezium, the processor, the MongoDB stand-in)
     * @param postgresCores the PostgreSQL server's processes
     * @param clientCores this process alone (the dashboard's part: nothing runs in it while idle)
     */
    public record Idle(double seconds, double stackJvmCores, double postgresCores, double clientCores) {
        public double stackCores() {
            return stackJvmCores + postgresCores;
        }

        public double totalCores() {
            return stackCores() + clientCores;
        }
    }

    private final Map<String, String> env;
    private final Consumer<String> progress;

    /**
     * @param env read for {@code WARM_UP} only: the same number the product's warm-up uses
     * @param progress hears what is being done, a line at a time
     */
    public StageBench(Map<String, String> env, Consumer<String> progress) {
        this.env = env;
        this.progress = progress;
    }

    public Result run() throws Exception {
        progress.accept("Measuring this machine: a hand-over between two threads, a system call, a durable write");
        Machine machine = MachineProbe.probe();
        int warmUp = WarmUp.events(env);
        // Before the launch, and timed apart from it: a presenter's first launch after a build pays this once.
        double training = StackLauncher.trainIfNeeded(CacheTraining::run, progress)
                .map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
        Path home = TemporaryHome.create("event-processor-stage");
        StackState state = new StackState(home);
        long t0 = System.nanoTime();
        progress.accept("Starting a fresh stack in the background, as setup.sh and the dashboard do");
        WarmUp.Prepared prepared = WarmUp.prepareInBackground(warmUp);
        StackState.Running running = StackLauncher.startBackground(state, LocalStack.Options.anyPorts(home), 300,
                CacheTraining::run, line -> {});
        try {
            double stackStart = seconds(t0);
            Settings settings = running.settings();
            long t1 = System.nanoTime();
            if (WarmUp.runIfEmpty(settings, prepared, StackMode.EMBEDDED, progress)) WarmUp.settle(state, progress);
            double warmUpSeconds = seconds(t1);
            double ready = seconds(t0);
            progress.accept(String.format(Locale.ROOT, "Ready to click %.1f s after launch", ready));

            List<Run> runs = new ArrayList<>();
            for (Scenario scenario : Scenario.PRESETS) {
                Thread.sleep(BETWEEN_CLICKS.toMillis());
                progress.accept("Scenario " + scenario.name() + ": " + scenario.totalEvents() + " events, as its button sends them");
                ScenarioRun.Result r = new ScenarioRun(settings).run(ScenarioRun.Request.of(scenario, StackMode.EMBEDDED),
                        new ScenarioRun.Listener() {});
                runs.add(run(scenario, r));
            }

            progress.accept(String.format(Locale.ROOT, "Idle: %d s to settle, then the CPU of every process over %d s",
                    SETTLE.toSeconds(), IDLE.toSeconds()));
            Thread.sleep(SETTLE.toMillis());
            // The stack's JVM is this process's child: each process is counted on its own, not with its descendants.
            List<ProcessHandle> stack = ProcessCpu.ofStack(running.pid(), home);
            List<ProcessHandle> postgres = stack.stream().filter(p -> p.pid() != running.pid()).toList();
            long self = ProcessHandle.current().pid();
            double jvmBefore = ProcessCpu.seconds(running.pid());
            double postgresBefore = ProcessCpu.seconds(postgres);
            double selfBefore = ProcessCpu.seconds(self);
            long i0 = System.nanoTime();
            Thread.sleep(IDLE.toMillis());
            double window = seconds(i0);
            Idle idle = new Idle(window, (ProcessCpu.seconds(running.pid()) - jvmBefore) / window,
                    (ProcessCpu.seconds(postgres) - postgresBefore) / window, (ProcessCpu.seconds(self) - selfBefore) / window);
            return new Result(ready, stackStart, warmUp, warmUpSeconds, runs, idle, running.jvm(), machine, training);
        } finally {
            StackLauncher.discard(running.process(), home, StackLauncher.ORDERLY_STOP);
        }
    }

    static Run run(Scenario scenario, ScenarioRun.Result r) {
        Report report = r.report();
        Map<String, StageSummary> stages = new LinkedHashMap<>();
        for (Stage s : Stage.values()) stages.put(s.key(), report.latencyMs().getOrDefault(s.key(), StageSummary.EMPTY));
        return new Run(scenario.name(), scenario.totalEvents(), report.durationSeconds(), report.throughput().averageEps(),
                report.throughput().peakEps(), stages, r.complete());
    }

    private static double seconds(long fromNanos) {
        return (System.nanoTime() - fromNanos) / 1e9;
    }
}
