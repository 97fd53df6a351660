package io.eventprocessor.ui.model;

import io.eventprocessor.contract.Messages;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.measure.PercentileCurve;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.readmodel.NewestDocuments;
import io.eventprocessor.report.Report;
import io.eventprocessor.report.ReportWriter;
import io.eventprocessor.scenario.Pipeline;
import io.eventprocessor.scenario.Progress;
import io.eventprocessor.scenario.ScenarioRun;
import io.eventprocessor.scenario.WarmUp;
import io.eventprocessor.stack.Health;
import io.eventprocessor.verify.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
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
 * The dashboard's state and commands, with no view in it: read-only properties that views bind to, commands that
 * views call. Every read of and command on the pipeline goes through {@link Pipeline} in a background {@link Task};
 * results land on the FX thread through the task's callbacks. Properties are read and changed on the FX thread only.
 *
 * <p>The figures come only from the metrics topic (through the run's collector), the outbox and the read models, so
 * the dashboard works the same against an external pipeline.
 */
public final class DashboardModel implements AutoCloseable {
    static final Duration HEALTH_EVERY = Duration.ofSeconds(5);
    static final Duration DOCUMENTS_EVERY = Duration.ofSeconds(2);
    static final Duration INTEGRITY_EVERY = Duration.ofSeconds(2);
    static final int DOCUMENTS_SHOWN = 12;

    /** One command at a time (the busy flag refuses a second); background reads go through the {@link Poller}. */
    private final ExecutorService commands = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dashboard-command");
        t.setDaemon(true);
        return t;
    });
    private final Poller poller = new Poller();

    // ---------------------------------------------------------------- Properties

    private final ReadOnlyObjectWrapper<Pipeline> pipeline = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RunStatus> status = new ReadOnlyObjectWrapper<>(RunStatus.CONNECTING);
    private final ReadOnlyStringWrapper narrative = new ReadOnlyStringWrapper(Narrative.connecting(null));
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Instant> connectedAt = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RunState> run = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Report> lastReport = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<IntegrityView> integrity = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper("");
    private final ObservableList<Health> health = FXCollections.observableArrayList();
    private final ObservableList<RunSummary> history = FXCollections.observableArrayList();
    private final ObservableList<NewestDocuments.Doc> newestDocuments = FXCollections.observableArrayList();
    // One read-only view per list, kept: a listener on a throw-away wrapper would be collected with it.
    private final ObservableList<Health> healthView = FXCollections.unmodifiableObservableList(health);
    private final ObservableList<RunSummary> historyView = FXCollections.unmodifiableObservableList(history);
    private final ObservableList<NewestDocuments.Doc> documentsView = FXCollections.unmodifiableObservableList(newestDocuments);

    /** The run's latest progress, handed over by its ticker thread and taken into {@link #run} by the next tick. */
    private volatile Progress latest;
    private ScenarioRun current;

    /** The pipeline in use; null until connected. */
    public ReadOnlyObjectProperty<Pipeline> pipelineProperty() { return pipeline.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<RunStatus> statusProperty() { return status.getReadOnlyProperty(); }
    /** The banner: what is happening, in words for the room. */
    public ReadOnlyStringProperty narrativeProperty() { return narrative.getReadOnlyProperty(); }
    /** What the run or the start-up is doing now ("Inserting into the outbox", a stack progress line). */
    public ReadOnlyStringProperty phaseProperty() { return phase.getReadOnlyProperty(); }
    /** A scenario is in progress. */
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    /** A scenario, reset, verification or connection is in progress: the buttons that start one are disabled. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Instant> connectedAtProperty() { return connectedAt.getReadOnlyProperty(); }
    /** The current or last scenario; null before the first. */
    public ReadOnlyObjectProperty<RunState> runProperty() { return run.getReadOnlyProperty(); }
    /** The last finished run's report; null before the first. */
    public ReadOnlyObjectProperty<Report> lastReportProperty() { return lastReport.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<IntegrityView> integrityProperty() { return integrity.getReadOnlyProperty(); }
    public ReadOnlyStringProperty lastErrorProperty() { return lastError.getReadOnlyProperty(); }
    public ObservableList<Health> health() { return healthView; }
    public ObservableList<RunSummary> history() { return historyView; }
    public ObservableList<NewestDocuments.Doc> newestDocuments() { return documentsView; }

    /** The most recent metric records of the current or last run, newest first, for the recent-events table. */
    public List<MetricRecord> recentNewestFirst() {
        RunState r = run.get();
        Snapshot s = r == null ? null : r.snapshot();
        if (s == null) return List.of();
        List<MetricRecord> out = new ArrayList<>(s.recent());
        Collections.reverse(out);
        return out;
    }

    /** Percentile curves per stage of the last finished run; empty before the first or while one runs. */
    public Map<String, PercentileCurve> curves() {
        RunState r = run.get();
        return r == null || r.result() == null ? Map.of() : r.result().report().charts().percentileCurves();
    }

    // ---------------------------------------------------------------- Commands

    /**
     * One tick of the UI clock: takes the run's latest progress, keeps the banner telling the room what happens,
     * starts the background reads that are due, and returns the figures for the tiles.
     */
    public Figures tick(Instant now) {
        RunState r = run.get();
        Progress p = latest;
        if (r != null && r.running() && p != null && p != r.progress()) {
            r = r.with(p);
            run.set(r);
        }
        Figures f = r == null ? Figures.EMPTY : Figures.of(r.snapshot(), r.target());
        if (running.get()) narrative.set(Narrative.running(f, phase.get().isBlank() ? "Working" : phase.get()));
        Pipeline p0 = pipeline.get();
        if (p0 != null) {
            poller.due("health", HEALTH_EVERY, now, p0::health, list -> {
                if (p0 == pipeline.get()) health.setAll(list);
            });
            poller.due("documents", DOCUMENTS_EVERY, now, () -> p0.newestDocuments(DOCUMENTS_SHOWN), newestDocuments::setAll);
            if (r != null && r.running()) {
                Instant from = r.startedAt();
                RunState polled = r;
                poller.due("integrity", INTEGRITY_EVERY, now, () -> p0.verify(Scope.window(from, null)), result -> {
                    if (run.get() != null && run.get().number() == polled.number() && run.get().running()) {
                        integrity.set(IntegrityView.of(result, true, "this run, so far"));
                    }
                });
            }
        }
        return f;
    }

    /**
     * Starts the local stack in the background (or attaches to the running one, or to external services when
     * configured), showing its progress lines in {@link #phaseProperty()}.
     */
    public void connect(Map<String, String> env) {
        busy.set(true);
        status.set(RunStatus.CONNECTING);
        submit(new Task<Pipeline>() {
            @Override
            protected Pipeline call() throws Exception {
                return Pipeline.attachOrStart(env, WarmUp.events(env), this::updateMessage);
            }
        }, this::use, "Could not start or attach to the pipeline");
    }

    /** Uses a pipeline that is already running (tests, or a caller that attached itself). */
    public void use(Pipeline p) {
        Pipeline old = pipeline.get();
        pipeline.set(p);
        if (old != null && old != p) old.close();
        connectedAt.set(Instant.now());
        busy.set(false);
        status.set(RunStatus.READY);
        phase.set("");
        narrative.set(Narrative.ready());
        health.clear();
        poller.soon("health");
        poller.soon("documents");
    }

    /**
     * Runs a scenario end to end. Refused (returns false) while another scenario, reset or verification runs, so
     * a second click cannot start it twice.
     */
    public boolean runScenario(Launch launch) {
        Pipeline p = pipeline.get();
        if (busy.get() || p == null) return false;
        ScenarioRun scenario = p.newRun();
        current = scenario;
        latest = null;
        run.set(RunState.started(history.size() + 1, launch, Instant.now()));
        running.set(true);
        busy.set(true);
        status.set(RunStatus.RUNNING);
        lastError.set("");
        integrity.set(null);
        phase.set(ScenarioRun.Phase.GENERATING.label());
        narrative.set(ScenarioRun.Phase.GENERATING.label() + "...");
        poller.soon("integrity");
        ScenarioRun.Request request = ScenarioRun.Request.of(launch.scenario(), p.mode()).withPlan(launch.plan());
        submit(new Task<ScenarioRun.Result>() {
            @Override
            protected ScenarioRun.Result call() throws Exception {
                return scenario.run(request, new ScenarioRun.Listener() {
                    @Override
                    public void phase(ScenarioRun.Phase ph) {
                        updateMessage(ph.label());
                    }

                    @Override
                    public void progress(Progress progress) {
                        latest = progress;
                    }
                });
            }
        }, this::finished, "The scenario failed");
        return true;
    }

    /** Stops sending; the run still follows what it sent to MongoDB and reports it. */
    public void cancel() {
        ScenarioRun r = current;
        if (r != null) r.cancel();
    }

    /** Deletes the demo data (outbox rows, topic records, read models); refused while something runs. */
    public boolean reset() {
        Pipeline p = pipeline.get();
        if (busy.get() || p == null) return false;
        busy.set(true);
        phase.set("Resetting the demo data");
        submit(task(p::reset), cleared -> {
            busy.set(false);
            phase.set("");
            run.set(null);
            integrity.set(null);
            newestDocuments.clear();
            narrative.set(String.format(Locale.US, "Demo data cleared: %s outbox rows, %s documents. %s",
                    Format.count(cleared.outboxRows()), Format.count(cleared.documents()), Narrative.ready()));
        }, "Reset failed");
        return true;
    }

    /** Compares the whole outbox with MongoDB; refused while something runs. */
    public boolean verify() {
        Pipeline p = pipeline.get();
        if (busy.get() || p == null) return false;
        busy.set(true);
        phase.set("Verifying PostgreSQL against MongoDB");
        submit(task(() -> p.verify(Scope.all())), r -> {
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
        Pipeline p = pipeline.get();
        if (report == null || p == null) {
            lastError.set("No finished run to export yet.");
            return;
        }
        submit(task(() -> p.export(report, json)), written -> {
            narrative.set("Report saved to " + written.json().getFileName() + " (and " + written.html().getFileName() + ")");
            done.accept(written);
        }, "Export failed");
    }

    // ---------------------------------------------------------------- internals

    private void finished(ScenarioRun.Result result) {
        current = null;
        RunState done = run.get().finished(result);
        run.set(done);
        running.set(false);
        busy.set(false);
        phase.set("");
        lastReport.set(result.report());
        integrity.set(IntegrityView.of(result.integrity(), false, "this run's " + Format.count(result.load().eventsSent()) + " events"));
        RunSummary summary = RunSummary.of(done.number(), result.report());
        history.add(summary);
        if (result.load().completed()) {
            status.set(result.complete() ? RunStatus.COMPLETE : RunStatus.ERROR);
            narrative.set(Narrative.finished(summary));
        } else {
            status.set(RunStatus.STOPPED);
            narrative.set(Narrative.stopped(result.load().eventsSent()));
        }
    }

    /** Runs a command in the background; on failure the banner says what failed and the health is checked again. */
    private <T> void submit(Task<T> task, Consumer<T> onSuccess, String failurePrefix) {
        task.messageProperty().addListener((o, a, b) -> {
            if (b != null && !b.isBlank()) {
                phase.set(b);
                if (status.get() == RunStatus.CONNECTING) narrative.set(Narrative.connecting(b));
            }
        });
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> {
            String message = Messages.describe(task.getException());
            RunState r = run.get();
            if (current != null && r != null && r.running()) run.set(r.failed(message));
            current = null;
            running.set(false);
            busy.set(false);
            phase.set("");
            lastError.set(failurePrefix + ": " + message);
            status.set(RunStatus.ERROR);
            narrative.set(Narrative.error(failurePrefix + ": " + message));
            poller.soon("health");
        });
        commands.submit(task);
    }

    private static <T> Task<T> task(Callable<T> work) {
        return new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
    }

    /** Stops the run and the background work; the pipeline's clients are released once the reads in flight ended. */
    @Override
    public void close() {
        cancel();
        poller.close();
        commands.shutdownNow();
        Pipeline p = pipeline.get();
        if (p == null) return;
        Thread release = new Thread(() -> {
            try {
                poller.awaitTermination(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.close();
        }, "dashboard-release");
        release.setDaemon(true);
        release.start();
    }
}
