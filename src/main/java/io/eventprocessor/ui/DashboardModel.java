package io.eventprocessor.ui;

import io.eventprocessor.readmodel.ReadModelPeek;
import io.eventprocessor.stack.Health;
import io.eventprocessor.stack.HealthProbe;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.StackMode;
import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.scenario.ScenarioRun;
import io.eventprocessor.loadgen.SendPlan;
import io.eventprocessor.scenario.WarmUp;
import io.eventprocessor.measure.PercentileCurve;
import io.eventprocessor.report.Report;
import io.eventprocessor.report.ReportWriter;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.scenario.DemoData;
import io.eventprocessor.stack.StackLauncher;
import io.eventprocessor.verify.Scope;
import io.eventprocessor.verify.Verifier;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The dashboard's state and commands, with no view in it (the AtlantaFX sampler's model: read-only properties,
 * commands that views call). Everything that touches the network runs as a {@link Task} on the model's worker
 * threads; results land on the FX thread through the task's callbacks. Properties are read and changed on the
 * FX thread only.
 *
 * <p>The figures come only from the metrics topic (through {@link ScenarioRun}'s collector), the outbox and the
 * read models, so the dashboard works the same against an external pipeline.
 */
public final class DashboardModel implements AutoCloseable {

    /** A scenario the panel can start: the preset and how it is sent. */
    public record Launch(Scenario scenario, SendPlan plan) {
        public static Launch of(Scenario s) {
            return new Launch(s, SendPlan.of(s));
        }

        public long target() {
            return scenario.totalEvents();
        }
    }

    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dashboard-worker");
        t.setDaemon(true);
        return t;
    });

    // ---------------------------------------------------------------- Properties

    private final ReadOnlyObjectWrapper<Settings> settings = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<StackMode> stackMode = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RunStatus> status = new ReadOnlyObjectWrapper<>(RunStatus.CONNECTING);
    private final ReadOnlyStringWrapper narrative = new ReadOnlyStringWrapper(Narrative.connecting(null));
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Instant> connectedAt = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Report> lastReport = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<IntegrityView> integrity = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper("");
    private final ObservableList<Health> health = FXCollections.observableArrayList();
    private final ObservableList<RunSummary> history = FXCollections.observableArrayList();
    private final ObservableList<ReadModelPeek.Doc> newestDocuments = FXCollections.observableArrayList();

    private ScenarioRun current;
    private Launch currentLaunch;
    private Instant currentStart;
    private Snapshot frozen;
    private long frozenTarget;
    private boolean integrityPolling;
    private boolean healthPolling;
    private ReadModelPeek peek;
    private final AtomicInteger runNumber = new AtomicInteger();

    public ReadOnlyObjectProperty<Settings> settingsProperty() { return settings.getReadOnlyProperty(); }
        public ReadOnlyObjectProperty<RunStatus> statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty narrativeProperty() { return narrative.getReadOnlyProperty(); }
    /** What the run or the start-up is doing now ("Inserting into the outbox", a stack progress line). */
    public ReadOnlyStringProperty phaseProperty() { return phase.getReadOnlyProperty(); }
    /** A scenario is in progress. */
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    /** A scenario, reset, verification or connection is in progress: the buttons that start one are disabled. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Instant> connectedAtProperty() { return connectedAt.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Report> lastReportProperty() { return lastReport.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<IntegrityView> integrityProperty() { return integrity.getReadOnlyProperty(); }
    public ReadOnlyStringProperty lastErrorProperty() { return lastError.getReadOnlyProperty(); }
    // One read-only view per list, kept: a listener on a throw-away wrapper would be collected with it.
    private final ObservableList<Health> healthView = FXCollections.unmodifiableObservableList(health);
    private final ObservableList<RunSummary> historyView = FXCollections.unmodifiableObservableList(history);
    private final ObservableList<ReadModelPeek.Doc> documentsView = FXCollections.unmodifiableObservableList(newestDocuments);

    public ObservableList<Health> health() { return healthView; }
    public ObservableList<RunSummary> history() { return historyView; }
    public ObservableList<ReadModelPeek.Doc> newestDocuments() { return documentsView; }

    /** The live snapshot of the run in progress, else the last run's final one; null before the first run. */
    public Snapshot snapshot() {
        ScenarioRun run = current;
        if (run != null) return run.snapshot().orElse(frozen);
        return frozen;
    }

    /** Events the current (or last) run sends. */
    public long target() {
        return current != null && currentLaunch != null ? currentLaunch.target() : frozenTarget;
    }

    /** The figures the tiles show now: computed from the collector's snapshot only. */
    public Figures sample() {
        return Figures.of(snapshot(), target());
    }

    /**
     * Percentile curves per stage of the last finished run (from its report; the live collector inside
     * {@link ScenarioRun} exposes only snapshots). Empty before the first run.
     */
    public Map<String, PercentileCurve> curves() {
        return lastCurves;
    }

    private Map<String, PercentileCurve> lastCurves = Map.of();

    // ---------------------------------------------------------------- Commands

    /** Called by the UI clock with the figures it just sampled: keeps the banner telling the room what happens. */
    public void tick(Figures f) {
        if (running.get()) narrative.set(Narrative.running(f, phase.get().isBlank() ? "Working" : phase.get()));
    }

    /**
     * Starts the local stack in the background (or attaches to the running one, or to external services when
     * configured), showing its progress lines in {@link #phaseProperty()}.
     */
    public void connect(Map<String, String> env) {
        busy.set(true);
        status.set(RunStatus.CONNECTING);
        submit(new Task<StackLauncher.Target>() {
            @Override
            protected StackLauncher.Target call() throws Exception {
                int warmUp = WarmUp.events(env);
                PrintWriter lines = new PrintWriter(new LineWriter(this::updateMessage), true);
                StackLauncher.Target target = StackLauncher.attachOrStart(env, lines);
                if (target.startedNow() && warmUp > 0) {
                    // A stack started just now would show the JIT compiler in the first runs, not the pipeline.
                    if (!WarmUp.runIfEmpty(target.settings(), warmUp, target.stackMode(), this::updateMessage)) {
                        updateMessage("Not warming up: the outbox already holds events from an earlier session");
                    }
                }
                return target;
            }
        }, target -> use(target.settings(), target.stackMode()), "Could not start or attach to the pipeline");
    }

    /** Uses a pipeline that is already running (tests, or a caller that attached itself). */
    public void use(Settings s, StackMode mode) {
        settings.set(s);
        stackMode.set(mode);
        connectedAt.set(Instant.now());
        busy.set(false);
        status.set(RunStatus.READY);
        phase.set("");
        narrative.set(Narrative.ready());
        if (peek != null) peek.close();
        peek = null;
        refreshHealth();
    }

    /**
     * Runs a scenario end to end. Refused (returns false) while another scenario, reset or verification runs, so
     * a second click cannot start it twice.
     */
    public boolean runScenario(Launch launch) {
        if (busy.get() || settings.get() == null) return false;
        ScenarioRun run = new ScenarioRun(settings.get());
        current = run;
        currentLaunch = launch;
        currentStart = Instant.now();
        lastCurves = Map.of();
        running.set(true);
        busy.set(true);
        status.set(RunStatus.RUNNING);
        lastError.set("");
        integrity.set(null);
        phase.set(ScenarioRun.Phase.GENERATING.label());
        narrative.set(ScenarioRun.Phase.GENERATING.label() + "...");
        ScenarioRun.Request request = ScenarioRun.Request.of(launch.scenario(), stackMode.get()).withPlan(launch.plan());
        submit(new Task<ScenarioRun.Result>() {
            @Override
            protected ScenarioRun.Result call() throws Exception {
                return run.run(request, new ScenarioRun.Listener() {
                    @Override
                    public void phase(ScenarioRun.Phase p) {
                        updateMessage(p.label());
                    }

                    @Override
                    public void sent(long sent, long total) {
                        updateProgress(sent, total);
                    }
                });
            }
        }, result -> finished(run, launch, result), "The scenario failed");
        pollIntegrity();
        return true;
    }

    /** Stops sending; the run still follows what it sent to MongoDB and reports it. */
    public void cancel() {
        ScenarioRun run = current;
        if (run != null) run.cancel();
    }

    /** Deletes the demo data (outbox rows, topic records, read models); refused while something runs. */
    public boolean reset() {
        if (busy.get() || settings.get() == null) return false;
        busy.set(true);
        phase.set("Resetting the demo data");
        Settings s = settings.get();
        submit(task(() -> DemoData.reset(s)), cleared -> {
            busy.set(false);
            phase.set("");
            frozen = null;
            frozenTarget = 0;
            integrity.set(null);
            newestDocuments.clear();
            narrative.set(String.format(java.util.Locale.US, "Demo data cleared: %s outbox rows, %s documents. %s",
                    Format.count(cleared.outboxRows()), Format.count(cleared.documents()), Narrative.ready()));
        }, "Reset failed");
        return true;
    }

    /** Compares the whole outbox with MongoDB; refused while something runs. */
    public boolean verify() {
        if (busy.get() || settings.get() == null) return false;
        busy.set(true);
        phase.set("Verifying PostgreSQL against MongoDB");
        Settings s = settings.get();
        submit(task(() -> new Verifier(s).verify(Scope.all())), r -> {
            busy.set(false);
            phase.set("");
            integrity.set(IntegrityView.of(r, false, "whole outbox"));
            narrative.set(r.match()
                    ? "Verified: all " + Format.count(r.postgresEvents()) + " outbox events are in MongoDB, no referential issue."
                    : "Verification found " + Format.count(r.missingEventCount()) + " events missing from MongoDB and "
                            + r.referentialIssues().size() + " referential issues.");
        }, "Verification failed");
        return true;
    }

    /** Writes the last run's report (JSON, and the HTML page beside it); calls back on the FX thread. */
    public void exportReport(Path json, Consumer<ReportWriter.Written> done) {
        Report report = lastReport.get();
        if (report == null) {
            lastError.set("No finished run to export yet.");
            return;
        }
        submit(task(() -> ReportWriter.write(report, json)), written -> {
            narrative.set("Report saved to " + written.json().getFileName() + " (and " + written.html().getFileName() + ")");
            done.accept(written);
        }, "Export failed");
    }

    /** Re-checks every service now (also every few seconds on its own once connected). */
    public void refreshHealth() {
        Settings s = settings.get();
        if (s == null || healthPolling) return;
        healthPolling = true;
        submit(task(() -> HealthProbe.check(s)), list -> {
            healthPolling = false;
            if (s.equals(settings.get())) health.setAll(list);
        }, null);
    }

    /** Re-reads the newest MongoDB documents (the view calls this every couple of seconds). */
    public void refreshDocuments(int limit) {
        Settings s = settings.get();
        if (s == null) return;
        submit(task(() -> {
            synchronized (this) {
                if (peek == null) peek = new ReadModelPeek(s);
                return peek.newest(limit);
            }
        }), newestDocuments::setAll, null);
    }

    /** Live integrity while the run is in progress: the run's window of the outbox against MongoDB. */
    public void pollIntegrity() {
        Settings s = settings.get();
        Instant from = currentStart;
        if (s == null || from == null || !running.get() || integrityPolling) return;
        integrityPolling = true;
        submit(task(() -> new Verifier(s).verify(Scope.window(from, null))), r -> {
            integrityPolling = false;
            if (running.get()) integrity.set(IntegrityView.of(r, true, "this run, so far"));
        }, null);
    }

    /** The most recent metric records, newest first, for the recent-events table. */
    public List<MetricRecord> recentNewestFirst() {
        Snapshot s = snapshot();
        if (s == null) return List.of();
        List<MetricRecord> r = new java.util.ArrayList<>(s.recent());
        java.util.Collections.reverse(r);
        return r;
    }

    // ---------------------------------------------------------------- internals

    private void finished(ScenarioRun run, Launch launch, ScenarioRun.Result result) {
        frozen = run.snapshot().orElse(null);
        frozenTarget = launch.target();
        lastCurves = result.report().charts().percentileCurves();
        current = null;
        running.set(false);
        busy.set(false);
        phase.set("");
        lastReport.set(result.report());
        integrity.set(IntegrityView.of(result.integrity(), false, "this run's " + Format.count(result.load().eventsSent()) + " events"));
        RunSummary summary = RunSummary.of(runNumber.incrementAndGet(), result.report());
        history.add(summary);
        if (result.load().completed()) {
            status.set(result.complete() ? RunStatus.COMPLETE : RunStatus.ERROR);
            narrative.set(Narrative.finished(summary));
        } else {
            status.set(RunStatus.STOPPED);
            narrative.set(Narrative.stopped(result.load().eventsSent()));
        }
    }

    private <T> void submit(Task<T> task, Consumer<T> onSuccess, String failurePrefix) {
        task.messageProperty().addListener((o, a, b) -> {
            if (b != null && !b.isBlank()) {
                phase.set(b);
                if (status.get() == RunStatus.CONNECTING) narrative.set(Narrative.connecting(b));
            }
        });
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> {
            Throwable t = task.getException();
            String message = describe(t);
            if (failurePrefix == null) {
                // A background poll: keep the last figures; the health strip shows what is down.
                healthPolling = false;
                integrityPolling = false;
                return;
            }
            if (current != null) {
                frozen = current.snapshot().orElse(frozen);
                current = null;
            }
            running.set(false);
            busy.set(false);
            phase.set("");
            lastError.set(failurePrefix + ": " + message);
            status.set(RunStatus.ERROR);
            narrative.set(Narrative.error(failurePrefix + ": " + message));
            refreshHealth();
        });
        workers.submit(task);
    }

    private static <T> Task<T> task(Callable<T> work) {
        return new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
    }

    static String describe(Throwable e) {
        if (e == null) return "unknown error";
        StringBuilder s = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !s.toString().contains(c.getMessage())) s.append(": ").append(c.getMessage());
        }
        return s.toString();
    }

    @Override
    public void close() {
        cancel();
        workers.shutdownNow();
        if (peek != null) peek.close();
    }

    /** Turns the stack launcher's printed lines into task messages. */
    private static final class LineWriter extends Writer {
        private final Consumer<String> sink;
        private final StringBuilder line = new StringBuilder();

        LineWriter(Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                if (c == '\n') {
                    String l = line.toString().strip();
                    line.setLength(0);
                    if (!l.isEmpty()) sink.accept(l);
                } else if (c != '\r') {
                    line.append(c);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    /** For views that must run something on the FX thread later. */
    static void later(Runnable r) {
        Platform.runLater(r);
    }
}
