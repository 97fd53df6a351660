package io.eventprocessor.scenario;

import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Messages;
import io.eventprocessor.contract.StackMode;
import io.eventprocessor.loadgen.EventGenerator;
import io.eventprocessor.loadgen.EventOrder;
import io.eventprocessor.loadgen.LoadResult;
import io.eventprocessor.loadgen.LoadRunner;
import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.loadgen.SendPlan;
import io.eventprocessor.measure.AwaitResult;
import io.eventprocessor.measure.MetricsCollector;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.outbox.OutboxEvent;
import io.eventprocessor.report.Report;
import io.eventprocessor.report.RunEnvironment;
import io.eventprocessor.report.RunScenario;
import io.eventprocessor.stack.Fault;
import io.eventprocessor.stack.FaultTarget;
import io.eventprocessor.stack.Injection;
import io.eventprocessor.verify.IntegrityResult;
import io.eventprocessor.verify.Scope;
import io.eventprocessor.verify.Verifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scenario, start to finish: generate the events, send them into the outbox (burst or paced), wait until
 * every one was processed or dead-lettered (learning that only from the metrics topic, as against an external
 * pipeline), verify the read models against the outbox and build the report. The CLI and the dashboard both
 * run scenarios through this class.
 */
public final class ScenarioRun {
    private static final Logger log = LoggerFactory.getLogger(ScenarioRun.class);

    /**
     * @param timeout how long to wait for the last event after the last insert
     * @param stackMode where the services run, for the report
     */
    public record Request(Scenario scenario, SendPlan plan, long seed, EventOrder order, Duration timeout, StackMode stackMode) {
        public static Request of(Scenario scenario, StackMode stackMode) {
            return new Request(scenario, SendPlan.of(scenario), EventGenerator.randomSeed(), EventOrder.GROUPED,
                    Duration.ofSeconds(120), stackMode);
        }

        public Request withPlan(SendPlan p) {
            return new Request(scenario, p, seed, order, timeout, stackMode);
        }

        public Request withSeed(long s) {
            return new Request(scenario, plan, s, order, timeout, stackMode);
        }

        public Request withTimeout(Duration t) {
            return new Request(scenario, plan, seed, order, t, stackMode);
        }

        /** The report's description of this run. */
        public RunScenario describe() {
            String name = scenario.name();
            return plan.mode() == SendPlan.Mode.PACED
                    ? RunScenario.paced(name, scenario.totalEvents(), plan.batchSize(), plan.ratePerSecond())
                    : RunScenario.burst(name, scenario.totalEvents(), plan.batchSize());
        }
    }

    /**
     * What a watcher (progress line, dashboard, benchmark) hears. {@link #progress} comes from the run's ticker thread
     * every {@link #CADENCE} once the collector runs, and once more when the run is done; the others on the run's thread.
     * All of them must be quick.
     */
    public interface Listener {
        default void phase(Phase phase) {}

        default void sent(long sent, long total) {}

        default void progress(Progress progress) {}

        /** A planned fault took effect (on the faults' own thread), or one injected into the run by {@link #injectNow} (on its caller's). */
        default void fault(Injection injection) {}
    }

    /** How often a running scenario tells its listener where it is: the dashboard's refresh rate, a progress line's redraw. */
    public static final Duration CADENCE = Duration.ofMillis(250);
    /**
     * Longest wait for the metrics collector to start before the first insert (it has started when it is positioned on
     * the metrics topic and has measured the group's lag once). Started beside the first batches, its first requests
     * took as much CPU as Debezium's decoding of them (a {@code run} of 1,000 in a new JVM: the collector's threads ran
     * 17 ms of the first batch's 40, Debezium's 8). A broker that does not answer holds the run no longer than this.
     */
    static final Duration COLLECTOR_START = Duration.ofSeconds(5);

    public enum Phase {
        GENERATING("Generating events"),
        SENDING("Inserting into the outbox"),
        WAITING("Waiting for the last events"),
        VERIFYING("Verifying PostgreSQL against MongoDB"),
        DONE("Done");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param outcome which sent events had an outcome when the wait ended
     * @param last the collector's final snapshot, from which the report was built
     */
    public record Result(Request request, LoadResult load, AwaitResult outcome, IntegrityResult integrity, Report report, Snapshot last) {
        /** Every event sent, every one processed or dead-lettered, and the read models match the outbox. */
        public boolean complete() {
            return load.completed() && outcome.complete() && integrity.match();
        }
    }

    private final Settings settings;
    private FaultTarget faultTarget;
    private List<PlannedFault> faults = List.of();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<LoadRunner> runner = new AtomicReference<>();
    private volatile Phase phase = Phase.GENERATING;
    private volatile long sent;

    // Faults injected while the run goes (the dashboard's Resilience control), recorded as the planned ones are.
    private final Object byHandLock = new Object();
    /** From the first insert until the run stops waiting for outcomes. */
    private boolean takingFaults;
    /** Injections under way: the run waits for them before it counts the faults. */
    private int injecting;
    private final List<FaultSchedule.Done> byHand = new ArrayList<>();
    private MetricsCollector collector;
    private Listener listener;
    private int runEvents;
    private long sendingStartedNanos;

    public ScenarioRun(Settings settings) {
        this.settings = settings;
    }

    /**
     * Faults to inject during the run, each at its time after the first insert; the report then has a {@code faults}
     * section. {@code target} does those of the stack (null when there are only poison events, which the run writes).
     */
    public ScenarioRun withFaults(FaultTarget target, List<PlannedFault> planned) {
        for (PlannedFault f : planned) {
            if (f.fault().byStack() && target == null) {
                throw new IllegalArgumentException(f.fault().key() + " is injected into the embedded stack, and this run has none: "
                        + "only poison can be injected into external services");
            }
        }
        this.faultTarget = target;
        this.faults = List.copyOf(planned);
        return this;
    }

    /** Stops sending; the run then waits only for what was sent. Safe from any thread. */
    public void cancel() {
        cancelled.set(true);
        LoadRunner r = runner.get();
        if (r != null) r.cancel();
    }

    /** The events {@code request} sends, generated now from its seed. */
    public static List<OutboxEvent> generate(Request request) {
        return new EventGenerator(request.seed(), Instant.now()).generate(request.scenario().mix(), request.order());
    }

    /** Runs the scenario on the calling thread; the listener hears its progress. Call once. */
    public Result run(Request request, Listener listener) throws Exception {
        enter(Phase.GENERATING, listener);
        return run(request, generate(request), listener);
    }

    /**
     * Runs the scenario on the calling thread with its events generated already ({@link #generate}), so it starts with
     * the inserts; the listener hears its progress. Call once.
     */
    public Result run(Request request, List<OutboxEvent> events, Listener listener) throws Exception {
        long total = request.scenario().totalEvents();
        if (events.size() != total) {
            throw new IllegalArgumentException(request.scenario().name() + " sends " + total + " events, not the " + events.size() + " given");
        }
        List<String> ids = events.stream().map(e -> e.eventId().toString()).toList();

        MetricsCollector metrics = startCollector();
        ReconnectingSink sink = outboxConnection();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scenario-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> listener.progress(new Progress(phase, sent, total, metrics.snapshot())),
                CADENCE.toMillis(), CADENCE.toMillis(), TimeUnit.MILLISECONDS);
        FaultSchedule schedule = null;
        try {
            metrics.expect(ids);
            metrics.awaitStarted(COLLECTOR_START);
            enter(Phase.SENDING, listener);
            if (!faults.isEmpty()) schedule = FaultSchedule.start(faultTarget, faults, settings, metrics, ids.size(), listener::fault);
            openFaults(metrics, listener, ids.size());
            LoadResult load = send(sink, events, request.plan(), listener);
            if (request.plan().mode() == SendPlan.Mode.PACED) {
                Map<String, Long> intended = new HashMap<>();
                load.timings().forEach((id, t) -> intended.put(id.toString(), t.intendedMicros()));
                metrics.registerIntended(intended);
            }

            enter(Phase.WAITING, listener);
            List<String> sentIds = ids.subList(0, load.eventsSent());
            List<FaultSchedule.Done> injected = schedule == null ? List.of() : schedule.awaitAll();
            List<String> poisonIds = new ArrayList<>();
            for (FaultSchedule.Done d : injected) if (d.poison() != null) poisonIds.addAll(d.poison().eventIds());
            List<String> awaited = new ArrayList<>(sentIds);
            awaited.addAll(poisonIds);
            AwaitResult outcome = metrics.awaitOutcomes(awaited, request.timeout());
            List<FaultSchedule.Done> handInjected = closeFaults();
            if (!handInjected.isEmpty()) {
                List<String> handPoison = new ArrayList<>();
                for (FaultSchedule.Done d : handInjected) if (d.poison() != null) handPoison.addAll(d.poison().eventIds());
                if (!handPoison.isEmpty()) {
                    poisonIds.addAll(handPoison);
                    awaited.addAll(handPoison);
                    outcome = metrics.awaitOutcomes(awaited, request.timeout());
                }
                List<FaultSchedule.Done> all = new ArrayList<>(injected);
                all.addAll(handInjected);
                all.sort(Comparator.comparing(d -> d.planned().at()));
                injected = all;
            }

            enter(Phase.VERIFYING, listener);
            IntegrityResult integrity = verify(sentIds, !injected.isEmpty(), request.timeout());
            ticker.shutdownNow();
            ticker.awaitTermination(1, TimeUnit.SECONDS);
            Snapshot last = metrics.finalSnapshot();
            // Poison sent through the outbox counts as generated: the success rate then shows exactly what was injected.
            Report report = Report.build(request.describe(), load.eventsSent() + poisonIds.size(), last, metrics.curves(), integrity,
                    RunEnvironment.probe(settings, request.stackMode()));
            if (!injected.isEmpty()) report = report.withFaults(FaultFigures.of(injected, metrics.timeline(), integrity, last, settings));
            enter(Phase.DONE, listener);
            listener.progress(new Progress(Phase.DONE, load.eventsSent(), total, last));
            return new Result(request, load, outcome, integrity, report, last);
        } finally {
            synchronized (byHandLock) {
                takingFaults = false;
            }
            if (schedule != null) schedule.cancel();
            ticker.shutdownNow();
            sink.close();
            metrics.close();
        }
    }

    /**
     * Sends events generated for {@code request} ({@link #generate}) and waits until each was processed or
     * dead-lettered, without reading the read models back or building a report: for throw-away events (the warm-up's),
     * whose own figures nobody reads. No faults. Says which events had an outcome. Call once.
     */
    public AwaitResult deliver(Request request, List<OutboxEvent> events, Listener listener) throws Exception {
        List<String> ids = events.stream().map(e -> e.eventId().toString()).toList();
        try (MetricsCollector metrics = startCollector();
                ReconnectingSink sink = outboxConnection()) {
            metrics.expect(ids);
            metrics.awaitStarted(COLLECTOR_START);
            enter(Phase.SENDING, listener);
            LoadResult load = send(sink, events, request.plan(), listener);
            enter(Phase.WAITING, listener);
            AwaitResult outcome = metrics.awaitOutcomes(ids.subList(0, load.eventsSent()), request.timeout());
            enter(Phase.DONE, listener);
            return outcome;
        }
    }

    /** A collector of the metrics topic from now on, counting only the events it is told to expect. */
    private MetricsCollector startCollector() {
        return MetricsCollector.start(MetricsCollector.Options.from(settings.kafkaBootstrapServers(), Instant.now()).countingOnlyRegistered());
    }

    /**
     * The run's connection to the outbox, connected now (while the collector starts) and kept until the run is over: a
     * producer's pooled connection rather than one opened for the first batch and closed after the last. Opened at the
     * first batch, a new PostgreSQL backend made that batch's rows wait for its first INSERT ({@link OutboxWriter#prime});
     * closed right after the last, its backend's exit came as the last batch was being captured. The second 1,000 run on
     * a stack after its warm-up, five stacks each way: the last batch's {@code cdc_capture} median 5.6-9.6 ms, kept open
     * 2.5-5.8, its end-to-end median 18.0-24.7 against 12.8-15.9, the run's p95 22.6-39.6 against 18.1-31.3.
     */
    private ReconnectingSink outboxConnection() {
        ReconnectingSink sink = new ReconnectingSink(settings);
        sink.connect();
        return sink;
    }

    /** Inserts {@code events} into the outbox as {@code plan} says; throws what stopped it. */
    private LoadResult send(ReconnectingSink sink, List<OutboxEvent> events, SendPlan plan, Listener listener) throws Exception {
        LoadRunner loadRunner = new LoadRunner(sink);
        runner.set(loadRunner);
        if (cancelled.get()) loadRunner.cancel();
        LoadResult load = loadRunner.run(events, plan, (n, of) -> {
            sent = n;
            listener.sent(n, of);
        });
        if (load.failure().isPresent()) throw load.failure().get();
        return load;
    }

    /**
     * Injects a fault now into this run while it sends or waits for its events, and records it as one of the run's faults:
     * its report's {@code faults} section then has its figures, as for a planned fault. Poison is the run's share (1 %
     * of its events, at least one of each kind), counted among its outcomes. Empty when the run is not taking faults
     * (it has not started sending, or it is verifying or over): the caller injects the fault outside the run then.
     *
     * @param target does the faults of the stack; null for poison
     * @throws IllegalStateException when the fault could not be injected (recorded as such in the report)
     */
    Optional<Injection> injectNow(Fault fault, Duration down, FaultTarget target) {
        MetricsCollector metrics;
        Listener l;
        int n;
        Duration at;
        synchronized (byHandLock) {
            if (!takingFaults) return Optional.empty();
            injecting++;
            metrics = collector;
            l = listener;
            n = runEvents;
            at = Duration.ofNanos(System.nanoTime() - sendingStartedNanos);
        }
        FaultSchedule.Done d = null;
        try {
            d = FaultSchedule.inject(new PlannedFault(fault, at, down), target, settings, metrics, n);
        } finally {
            synchronized (byHandLock) {
                if (d != null) byHand.add(d);
                injecting--;
                byHandLock.notifyAll();
            }
        }
        if (d.injection() == null) throw new IllegalStateException(d.failure());
        l.fault(d.injection());
        return Optional.of(d.injection());
    }

    private void openFaults(MetricsCollector metrics, Listener l, int events) {
        synchronized (byHandLock) {
            collector = metrics;
            listener = l;
            runEvents = events;
            sendingStartedNanos = System.nanoTime();
            takingFaults = true;
        }
    }

    /** Takes no more faults into the run; returns those injected by hand once the injections under way are done. */
    private List<FaultSchedule.Done> closeFaults() throws InterruptedException {
        synchronized (byHandLock) {
            takingFaults = false;
            while (injecting > 0) byHandLock.wait();
            return List.copyOf(byHand);
        }
    }

    /**
     * Verifies the run's events. After a fault a part may still be coming back when the last event is in (MongoDB paused,
     * PostgreSQL restarting): the verification is then tried again, a second apart, for up to {@code timeout}.
     */
    private IntegrityResult verify(List<String> ids, boolean faulted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Verifier verifier = new Verifier(settings)) {
            while (true) {
                try {
                    return verifier.verify(Scope.events(ids));
                } catch (Exception e) {
                    if (!faulted || System.nanoTime() > deadline) throw e;
                    log.warn("Verification failed after a fault, trying again in a second: {}", Messages.describe(e));
                    Thread.sleep(1000);
                }
            }
        }
    }

    private void enter(Phase p, Listener listener) {
        phase = p;
        listener.phase(p);
    }
}
