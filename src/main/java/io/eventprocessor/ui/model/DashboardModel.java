package io.eventprocessor.ui.model;

import io.eventprocessor.contract.Messages;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.measure.InstanceCounts;
import io.eventprocessor.measure.PercentileCurve;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.readmodel.NewestDocuments;
import io.eventprocessor.report.Report;
import io.eventprocessor.report.ReportWriter;
import io.eventprocessor.scenario.Pipeline;
import io.eventprocessor.scenario.PipelineDetail;
import io.eventprocessor.scenario.PipelineStart;
import io.eventprocessor.scenario.PlannedFault;
import io.eventprocessor.scenario.Progress;
import io.eventprocessor.scenario.ScenarioRun;
import io.eventprocessor.stack.Fault;
import io.eventprocessor.stack.Health;
import io.eventprocessor.stack.Injection;
import io.eventprocessor.verify.Scope;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javax.imageio.ImageIO;

/**
 * The dashboard's state and commands, with no view in it: read-only properties that views bind to, commands that
 * views call. Every read of and command on the pipeline goes through {@link Pipeline} in a background {@link Task};
 * results land on the FX thread through the task's callbacks. Properties are read and changed on the FX thread only.
 *
 * <p>The figures come only from the metrics topic (through the run's collector), the outbox and the read models, so
 * the dashboard works the same against an external pipeline.
 */
public final class DashboardModel implements AutoCloseable {
    /** Health checks open a connection to each service: often while a run goes, rarely while nothing happens. */
    static final Duration HEALTH_RUNNING = Duration.ofSeconds(3);
    static final Duration HEALTH_IDLE = Duration.ofSeconds(10);
    /** While a fault plays out: the part's red, then green, shows within a second. */
    static final Duration HEALTH_FAULT = Duration.ofSeconds(1);
    static final Duration DOCUMENTS_RUNNING = Duration.ofSeconds(2);
    static final Duration DOCUMENTS_IDLE = Duration.ofSeconds(30);
    /**
     * A live verification of the run's window scans the outbox and MongoDB: seconds apart, not back to back, and not
     * within the 10,000 scenario (5.4 s), whose last batches it slowed (first click p95 / p99 47-58 / 72-84 ms with 5 s,
     * 40-47 / 60-74 with 10 s); a run that short is verified whole as it ends.
     */
    static final Duration INTEGRITY_EVERY = Duration.ofSeconds(10);
    static final int DOCUMENTS_SHOWN = 12;
    /** The kinds of background read, as the poller knows them. */
    private static final String READ_HEALTH = "health";
    private static final String READ_DOCUMENTS = "documents";
    private static final String READ_INTEGRITY = "integrity";
    private static final String READ_INSPECT = "inspect";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT);

    /** One command at a time (the busy flag refuses a second); background reads go through the {@link Poller}. */
    private final ExecutorService commands = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dashboard-command");
        t.setDaemon(true);
        return t;
    });
    /** Faults have their own thread: a scenario holds the command thread for its whole run. */
    private final ExecutorService faultCommands = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dashboard-fault");
        t.setDaemon(true);
        return t;
    });
    private final Poller poller = new Poller();
    private final PipelineMeter pipelineMeter = new PipelineMeter();
    private final GuidedDemo guide = new GuidedDemo();

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
    private final ReadOnlyObjectWrapper<Figures> figures = new ReadOnlyObjectWrapper<>(Figures.EMPTY);
    private final ReadOnlyObjectWrapper<PipelineFigures> pipelineFigures = new ReadOnlyObjectWrapper<>(new PipelineMeter().update(null, List.of()));
    private final ReadOnlyObjectWrapper<GuidedDemo.Phase> guidePhase = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper guideLine = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<FaultState> fault = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper faultActive = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Map<Fault, String>> faultRefusals = new ReadOnlyObjectWrapper<>(refusals(null, null, false, null, "", null));
    private final ReadOnlyObjectWrapper<Path> exportFolder = new ReadOnlyObjectWrapper<>(Path.of("").toAbsolutePath());
    private final ObservableList<Health> health = FXCollections.observableArrayList();
    private final ObservableList<RunSummary> history = FXCollections.observableArrayList();
    private final ObservableList<RunSummary> compared = FXCollections.observableArrayList();
    private final ObservableList<NewestDocuments.Doc> newestDocuments = FXCollections.observableArrayList();
    private final ObservableList<Task<?>> backgroundWork = FXCollections.observableArrayList();
    // One read-only view per list, kept: a listener on a throw-away wrapper would be collected with it.
    private final ObservableList<Health> healthView = FXCollections.unmodifiableObservableList(health);
    private final ObservableList<RunSummary> historyView = FXCollections.unmodifiableObservableList(history);
    private final ObservableList<RunSummary> comparedView = FXCollections.unmodifiableObservableList(compared);
    private final ObservableList<NewestDocuments.Doc> documentsView = FXCollections.unmodifiableObservableList(newestDocuments);
    private final ObservableList<Task<?>> backgroundView = FXCollections.unmodifiableObservableList(backgroundWork);
    private final List<Consumer<HealthChange>> healthListeners = new ArrayList<>();

    /** The run's latest progress, handed over by its ticker thread and taken into {@link #run} by the next tick. */
    private volatile Progress latest;
    /** The run's phase, handed over by its thread as it enters it: a fault goes in only while the run inserts or waits. */
    private volatile ScenarioRun.Phase runPhase;
    /** A fault the run injected (a planned one, or one from {@link #inject}), handed over by its thread to the next tick. */
    private final AtomicReference<Injection> heard = new AtomicReference<>();
    private ScenarioRun current;
    /** The first run of the guided demo (runs from it on are the demo's); 0 outside the guide. */
    private int guideFirstRun;
    private Supplier<BufferedImage> picture = () -> null;

    /** What an export wrote; {@code png} is null when no picture was asked for. */
    public record Exported(ReportWriter.Written written, Path png) {}

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
    /** The tiles' figures, computed once per tick of the UI clock. */
    public ReadOnlyObjectProperty<Figures> figuresProperty() { return figures.getReadOnlyProperty(); }
    /** The pipeline diagram's figures, once per tick. */
    public ReadOnlyObjectProperty<PipelineFigures> pipelineFiguresProperty() { return pipelineFigures.getReadOnlyProperty(); }
    /** The guided demo's current phase; null outside the guide. */
    public ReadOnlyObjectProperty<GuidedDemo.Phase> guidePhaseProperty() { return guidePhase.getReadOnlyProperty(); }
    /** The guide's line for the room: the phase, its story and what the key does next; empty outside the guide. */
    public ReadOnlyStringProperty guideLineProperty() { return guideLine.getReadOnlyProperty(); }
    /** The fault the presenter injected last, as it plays out; null before the first. */
    public ReadOnlyObjectProperty<FaultState> faultProperty() { return fault.getReadOnlyProperty(); }
    /** A fault is playing out: the Resilience control takes no other until every part is healthy again. */
    public ReadOnlyBooleanProperty faultActiveProperty() { return faultActive.getReadOnlyProperty(); }
    /** Each fault that cannot be injected now, with why in a sentence ({@link FaultState#refusal}); the others can. */
    public ReadOnlyObjectProperty<Map<Fault, String>> faultRefusalsProperty() { return faultRefusals.getReadOnlyProperty(); }
    /** Where exports go; the last folder used. */
    public ReadOnlyObjectProperty<Path> exportFolderProperty() { return exportFolder.getReadOnlyProperty(); }
    public ObservableList<Health> health() { return healthView; }
    public ObservableList<RunSummary> history() { return historyView; }
    /** The runs ticked for comparison, in history order. */
    public ObservableList<RunSummary> compared() { return comparedView; }
    public ObservableList<NewestDocuments.Doc> newestDocuments() { return documentsView; }
    /** Background work in progress (start-up, reset, verification, export), each a task with a title and a message. */
    public ObservableList<Task<?>> backgroundWork() { return backgroundView; }

    /** The most recent metric records of the current or last run, newest first, for the recent-events table. */
    public List<MetricRecord> recentNewestFirst() {
        Snapshot s = runSnapshot();
        if (s == null) return List.of();
        List<MetricRecord> out = new ArrayList<>(s.recent());
        Collections.reverse(out);
        return out;
    }

    /** Each processor instance of the current or last run, by its id: events, rates and partitions; empty before a run. */
    public Map<String, InstanceCounts> processorsOfRun() {
        Snapshot s = runSnapshot();
        return s == null ? Map.of() : s.byProcessor();
    }

    /** The current or last run's figures; null before the first. */
    private Snapshot runSnapshot() {
        RunState r = run.get();
        return r == null ? null : r.snapshot();
    }

    /** Percentile curves per stage of the last finished run; empty before the first or while one runs. */
    public Map<String, PercentileCurve> curves() {
        RunState r = run.get();
        return r == null || r.result() == null ? Map.of() : r.result().report().charts().percentileCurves();
    }

    /** The runs ticked for comparison, side by side. */
    public Comparison comparison() {
        return Comparison.of(compared);
    }

    // ---------------------------------------------------------------- Commands

    /**
     * One tick of the UI clock: takes the run's latest progress, keeps the banner telling the room what happens,
     * starts the background reads that are due, and computes the figures for the tiles and the pipeline once.
     */
    public Figures tick(Instant now) {
        RunState r = run.get();
        Progress p = latest;
        if (r != null && r.running() && p != null && p != r.progress()) {
            r = r.with(p);
            run.set(r);
        }
        Figures f = r == null ? Figures.EMPTY : Figures.of(r.snapshot(), r.target(), r.running());
        figures.set(f);
        pipelineFigures.set(pipelineMeter.update(r, health));
        Injection i = heard.getAndSet(null);
        if (i != null) adopt(i);
        FaultState fs = fault.get();
        faultActive.set(fs != null && fs.active(now));
        updateFaultRefusals(now);
        String story = fs == null ? null : fs.banner(now, waiting());
        if (running.get()) narrative.set(story != null ? story : Narrative.running(f, phase.get().isBlank() ? "Working" : phase.get()));
        else if (story != null && faultActive.get()) narrative.set(story);
        Pipeline p0 = pipeline.get();
        if (p0 != null) {
            boolean live = running.get();
            Instant checkStarted = now;
            poller.due(READ_HEALTH, faultActive.get() ? HEALTH_FAULT : live ? HEALTH_RUNNING : HEALTH_IDLE, now, p0::health, list -> {
                if (p0 != pipeline.get()) return;
                List<HealthChange> changes = HealthChange.between(List.copyOf(health), list);
                boolean wasDown = health.stream().anyMatch(h -> !h.ok());
                health.setAll(list);
                boolean told = faultChecked(list, checkStarted);
                // Between runs the banner says whether the pipeline can take one (unless a fault's story is told).
                if (!busy.get() && !told) {
                    if (list.stream().anyMatch(h -> !h.ok())) narrative.set(Narrative.down(list));
                    else if (wasDown) narrative.set(Narrative.ready());
                }
                for (HealthChange c : changes) healthListeners.forEach(l -> l.accept(c));
            });
            poller.due(READ_DOCUMENTS, live ? DOCUMENTS_RUNNING : DOCUMENTS_IDLE, now, () -> p0.newestDocuments(DOCUMENTS_SHOWN),
                    newestDocuments::setAll);
            if (r != null && r.running()) {
                Instant from = r.startedAt();
                RunState polled = r;
                poller.due(READ_INTEGRITY, INTEGRITY_EVERY, now, () -> p0.verify(Scope.window(from, null)), result -> {
                    if (run.get() != null && run.get().number() == polled.number() && run.get().running()) {
                        integrity.set(IntegrityView.of(result, true, "this run, so far"));
                    }
                });
            }
        }
        return f;
    }

    /** The current run's events inserted and without an outcome yet; -1 when no run goes. */
    private long waiting() {
        RunState r = run.get();
        if (r == null || !r.running() || !running.get()) return -1;
        Progress p = r.progress();
        return p == null ? 0 : Math.max(0, p.sent() - p.snapshot().seen());
    }

    /**
     * A fault the run injected: a planned one starts its story here; one from {@link #inject} is told by its own task
     * (the run hears it first, on the fault's thread, before the task hands it over).
     */
    private void adopt(Injection i) {
        FaultState fs = fault.get();
        boolean fromMenu = fs != null && (i.equals(fs.injection()) || (fs.injection() == null && fs.failure() == null && fs.fault() == i.fault()));
        if (fromMenu) return;
        fault.set(FaultState.requested(i.fault(), i.injectedAt()).injected(i));
        faultActive.set(fault.get().active(Instant.now()));
        poller.soon(READ_HEALTH);
    }

    private void updateFaultRefusals(Instant now) {
        Pipeline p = pipeline.get();
        faultRefusals.set(refusals(p == null ? null : p.faults(), fault.get(), busy.get(), running.get() ? runPhase : null, phase.get(), now));
    }

    private static Map<Fault, String> refusals(List<Fault> available, FaultState current, boolean busy, ScenarioRun.Phase runPhase,
            String work, Instant now) {
        String busyWith = FaultState.busyWith(busy, runPhase, work);
        Map<Fault, String> out = new EnumMap<>(Fault.class);
        for (Fault f : Fault.values()) {
            String why = FaultState.refusal(f, available, current, now, busyWith);
            if (why != null) out.put(f, why);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Hands a health check to the fault playing out; when it finds the pipeline whole again between runs, the banner says
     * so. True while the fault's story is the banner's (the check's own line stays out of it).
     */
    private boolean faultChecked(List<Health> list, Instant startedAt) {
        FaultState before = fault.get();
        if (before == null) return false;
        Instant now = Instant.now();
        FaultState after = before.checked(list, startedAt, now, waiting());
        if (after != before) {
            fault.set(after);
            faultActive.set(after.active(now));
            if (after.backAt() != null && !busy.get() && after.banner(now, -1) != null) narrative.set(after.banner(now, -1));
        }
        return after.banner(now, -1) != null;
    }

    /** Hears every part of the pipeline that goes down or comes back (FX thread). */
    public void onHealthChange(Consumer<HealthChange> listener) {
        healthListeners.add(listener);
    }

    /** Where the guided demo's report step takes its picture of the window from (the view; null for none). */
    public void setPictureSource(Supplier<BufferedImage> source) {
        picture = source;
    }

    public void setExportFolder(Path folder) {
        if (folder != null) exportFolder.set(folder.toAbsolutePath());
    }

    /**
     * Waits in the background for {@code start} (the local stack started, or the running one or the external services
     * found), showing its progress lines in {@link #phaseProperty()}.
     */
    public void connect(PipelineStart start) {
        busy.set(true);
        status.set(RunStatus.CONNECTING);
        submit(new Task<Attached>() {
            @Override
            protected Attached call() throws Exception {
                updateTitle("Starting or finding the pipeline");
                // Lines come indented for a console; on the screen each stands alone.
                Pipeline p = start.await(line -> updateMessage(line.strip()));
                // Checked before the window says ready: begun at ready, the check's connections (five, two with
                // PostgreSQL's password exchange) ran beside a click that came at once.
                updateMessage("Checking every part of the pipeline");
                return new Attached(p, p.health());
            }
        }, a -> use(a.pipeline(), a.health()), "Could not start or attach to the pipeline");
    }

    /** A pipeline just started or found, and its parts' health then. */
    private record Attached(Pipeline pipeline, List<Health> health) {}

    /** Uses a pipeline that is already running (tests, or a caller that attached itself). */
    public void use(Pipeline p) {
        use(p, List.of());
    }

    /** Uses {@code p}, whose parts were found as {@code checked} a moment ago (empty: not checked yet). */
    private void use(Pipeline p, List<Health> checked) {
        Pipeline old = pipeline.get();
        pipeline.set(p);
        if (old != null && old != p) old.close();
        Instant now = Instant.now();
        connectedAt.set(now);
        health.setAll(checked);
        if (checked.isEmpty()) poller.soon(READ_HEALTH);
        else poller.holdOff(READ_HEALTH, now);
        poller.soon(READ_DOCUMENTS);
        phase.set("");
        narrative.set(checked.stream().anyMatch(h -> !h.ok()) ? Narrative.down(checked) : Narrative.ready());
        busy.set(false);
        // Last: a click scripted to come at ready starts from this, on a model that is already settled.
        status.set(RunStatus.READY);
        updateFaultRefusals(now);
    }

    /**
     * Runs a scenario end to end. Refused (returns false) while another scenario, reset or verification runs, so
     * a second click cannot start it twice.
     */
    public boolean runScenario(Launch launch) {
        return runScenario(launch, List.of());
    }

    /**
     * Runs a scenario with {@code planned} faults, each injected at its time after the run's first insert, as
     * {@code run --fault} does (scripted demos); the banner tells each one's story as for a fault from {@link #inject}.
     * Refused also when the pipeline does not take one of the faults (external services take only poison).
     */
    public boolean runScenario(Launch launch, List<PlannedFault> planned) {
        Pipeline p = pipeline.get();
        if (busy.get() || p == null) return false;
        for (PlannedFault f : planned) {
            if (!p.faults().contains(f.fault())) {
                lastError.set("Cannot inject " + f.fault().key() + ": " + FaultState.refusal(f.fault(), p.faults(), null, Instant.now(), null));
                return false;
            }
        }
        ScenarioRun scenario = planned.isEmpty() ? p.newRun() : p.newRun(planned);
        current = scenario;
        latest = null;
        runPhase = ScenarioRun.Phase.GENERATING;
        run.set(RunState.started(history.size() + 1, launch, Instant.now()));
        running.set(true);
        busy.set(true);
        status.set(RunStatus.RUNNING);
        lastError.set("");
        integrity.set(null);
        phase.set(ScenarioRun.Phase.GENERATING.label());
        narrative.set(ScenarioRun.Phase.GENERATING.label() + "...");
        Instant now = Instant.now();
        updateFaultRefusals(now);
        // A run's first moments belong to the pipeline. Each background read opens connections to the services (a health
        // check five, two of them with PostgreSQL's password exchange) or scans the read models, and started with the run
        // they took the CPU its first batches needed: they come a whole interval into the run instead.
        for (String kind : List.of(READ_HEALTH, READ_DOCUMENTS, READ_INTEGRITY)) poller.holdOff(kind, now);
        ScenarioRun.Request request = ScenarioRun.Request.of(launch.scenario(), p.mode()).withPlan(launch.plan());
        submit(new Task<ScenarioRun.Result>() {
            @Override
            protected ScenarioRun.Result call() throws Exception {
                return scenario.run(request, new ScenarioRun.Listener() {
                    @Override
                    public void phase(ScenarioRun.Phase ph) {
                        runPhase = ph;
                        updateMessage(ph.label());
                    }

                    @Override
                    public void progress(Progress progress) {
                        latest = progress;
                    }

                    @Override
                    public void fault(Injection injection) {
                        heard.set(injection);
                    }
                });
            }
        }, this::finished, "The scenario failed", false);
        return true;
    }

    /**
     * Injects {@code f} now, in the background, with its default duration (MongoDB paused 10 s): into the run that goes, which
     * records it in its report's {@code faults} section, or outside any run. The banner tells what happens, health is read
     * every second until every part is healthy again. Refused (false) without a pipeline, for a fault that needs the
     * local stack on external services, while another fault plays out, and while the pipeline does something no fault
     * goes into (a run generating or verifying its events, a reset, a verification): {@link #faultRefusalsProperty()}
     * says why.
     */
    public boolean inject(Fault f) {
        Pipeline p = pipeline.get();
        Instant now = Instant.now();
        updateFaultRefusals(now);
        if (faultRefusals.get().containsKey(f)) return false;
        ScenarioRun during = current;
        fault.set(FaultState.requested(f, now));
        faultActive.set(true);
        updateFaultRefusals(now);
        if (!busy.get()) narrative.set(Narrative.faultRequested(f));
        Task<Injection> task = task("Resilience: " + f.key(), () -> p.inject(f, null, during));
        backgroundWork.add(task);
        task.setOnSucceeded(e -> {
            backgroundWork.remove(task);
            FaultState done = fault.get().injected(task.getValue());
            fault.set(done);
            Instant at = Instant.now();
            faultActive.set(done.active(at));
            String story = done.banner(at, -1);
            if (!running.get() && !busy.get() && story != null) narrative.set(story);
            updateFaultRefusals(at);
            poller.soon(READ_HEALTH);
        });
        task.setOnFailed(e -> {
            backgroundWork.remove(task);
            String message = Messages.describe(task.getException());
            fault.set(fault.get().failed(message));
            faultActive.set(false);
            lastError.set("Could not inject " + f.key() + ": " + message);
            if (!running.get()) narrative.set(Narrative.error("could not inject " + f.key() + ": " + message));
            updateFaultRefusals(Instant.now());
            poller.soon(READ_HEALTH);
        });
        faultCommands.submit(task);
        poller.soon(READ_HEALTH);
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
        submit(task("Clearing the demo data", p::reset), cleared -> {
            busy.set(false);
            phase.set("");
            run.set(null);
            integrity.set(null);
            newestDocuments.clear();
            status.set(RunStatus.READY);
            narrative.set(String.format(Locale.US, "Demo data cleared: %s outbox rows, %s documents. %s",
                    Format.count(cleared.outboxRows()), Format.count(cleared.documents()),
                    guide.started() ? "Every figure from here on is this demo's." : Narrative.ready()));
            guideDone();
        }, "Reset failed");
        return true;
    }

    /** Compares the whole outbox with MongoDB; refused while something runs. */
    public boolean verify() {
        Pipeline p = pipeline.get();
        if (busy.get() || p == null) return false;
        busy.set(true);
        phase.set("Verifying PostgreSQL against MongoDB");
        submit(task("Verifying PostgreSQL against MongoDB", () -> p.verify(Scope.all())), r -> {
            busy.set(false);
            phase.set("");
            integrity.set(IntegrityView.of(r, false, "whole outbox"));
            narrative.set(r.match()
                    ? "Verified: all " + Format.count(r.postgresEvents()) + " outbox events are in MongoDB, no referential issue."
                    : "Verification found " + Format.count(r.missingEventCount()) + " events missing from MongoDB and "
                            + r.referentialIssues().size() + " referential issues.");
            guideDone();
        }, "Verification failed");
        return true;
    }

    /** What each part of the pipeline holds now (slot lag, offsets per partition, documents), for a part's detail. */
    public void inspect(Consumer<PipelineDetail> done) {
        Pipeline p = pipeline.get();
        if (p == null) return;
        poller.now(READ_INSPECT, p::inspect, done);
    }

    /** Ticks or unticks a finished run for comparison. */
    public void compare(RunSummary r, boolean ticked) {
        if (ticked && !compared.contains(r) && history.contains(r)) {
            compared.add(r);
            compared.sort((a, b) -> Integer.compare(a.number(), b.number()));
        } else if (!ticked) {
            compared.remove(r);
        }
    }

    /** A file name for an export made now: {@code demo_metrics_20261201_101523}. */
    public static String exportName(String prefix) {
        return prefix + "_" + LocalDateTime.now().format(FILE_TIME);
    }

    /**
     * Writes the last run's report (JSON, and when asked the HTML page comparing the ticked runs and a PNG of the window)
     * in the background; remembers the folder; calls back on the FX thread.
     */
    public boolean exportReport(ExportRequest request, Consumer<Exported> done) {
        Report report = lastReport.get();
        Pipeline p = pipeline.get();
        if (report == null || p == null) {
            lastError.set("No finished run to export yet.");
            return false;
        }
        exportFolder.set(request.folder().toAbsolutePath());
        List<Report> runs = request.compared().size() >= Comparison.MINIMUM ? Comparison.of(request.compared()).reports() : List.of();
        submit(task("Exporting the report", () -> {
            ReportWriter.Written w = p.export(report, request.json(), runs, request.html());
            Path png = null;
            if (request.picture() != null) {
                png = ReportWriter.sibling(request.json(), ".png");
                ImageIO.write(request.picture(), "png", png.toFile());
            }
            return new Exported(w, png);
        }), exported -> {
            List<String> files = new ArrayList<>();
            files.add(exported.written().json().getFileName().toString());
            if (exported.written().html() != null) files.add(exported.written().html().getFileName().toString());
            if (exported.png() != null) files.add(exported.png().getFileName().toString());
            narrative.set("Report saved in " + request.folder() + ": " + String.join(", ", files));
            done.accept(exported);
        }, "Export failed");
        return true;
    }

    // ---------------------------------------------------------------- The guided demo

    /**
     * The guided demo's key: takes the next phase (setup, each scenario, verification, report) and carries it out.
     * Refused while the current phase still runs (the guide line says so) or before the pipeline is ready.
     */
    public boolean guideNext() {
        if (pipeline.get() == null) {
            guideLine.set("Guided demo: the pipeline is still starting. Press G again once it is ready.");
            return false;
        }
        if (busy.get()) {
            GuidedDemo.Phase now = guide.current();
            guideLine.set((now == null ? "" : line(now) + "  ") + "Still running: press G again when it is done.");
            return false;
        }
        GuidedDemo.Phase next = guide.advance();
        if (next == null) {
            guideLeave();
            return false;
        }
        guidePhase.set(next);
        guideLine.set(line(next));
        boolean started = switch (next.action()) {
            case SETUP -> {
                guideFirstRun = history.size() + 1;
                compared.clear();
                yield reset();
            }
            case SCENARIO -> runScenario(Launch.of(next.scenario()));
            case VERIFY -> verify();
            case REPORT -> {
                List<RunSummary> demoRuns = history.stream().filter(r -> guideFirstRun > 0 && r.number() >= guideFirstRun).toList();
                compared.setAll(demoRuns);
                yield exportReport(new ExportRequest(exportFolder.get(), exportName("demo_report"), true, picture.get(), demoRuns),
                        e -> guideDone());
            }
        };
        if (!started) guideLine.set(line(next) + "  Could not start: " + (lastError.get().isBlank() ? "busy" : lastError.get()));
        return started;
    }

    /** Leaves the guided demo; whatever runs goes on. */
    public void guideLeave() {
        guide.leave();
        guideFirstRun = 0;
        guidePhase.set(null);
        guideLine.set("");
    }

    /** True while the guided demo is on. */
    public boolean guiding() {
        return guide.started();
    }

    private String line(GuidedDemo.Phase p) {
        return String.format(Locale.US, "Phase %d of %d: %s. %s", p.number(), GuidedDemo.PHASES.size(), p.title(), p.story());
    }

    /** When a phase ended: say what the key does next. */
    private void guideDone() {
        GuidedDemo.Phase now = guide.current();
        if (now == null) return;
        GuidedDemo.Phase next = guide.upcoming();
        guideLine.set(line(now) + (next == null ? "  Demo complete: press G or Esc to leave the guide." : "  Press G for: " + next.title() + "."));
    }

    // ---------------------------------------------------------------- internals

    private void finished(ScenarioRun.Result result) {
        current = null;
        runPhase = null;
        Injection unheard = heard.getAndSet(null);
        if (unheard != null) adopt(unheard);
        if (fault.get() != null) fault.set(fault.get().quieted());
        RunState done = run.get().finished(result);
        run.set(done);
        figures.set(Figures.of(done.snapshot(), done.target(), false));
        pipelineFigures.set(pipelineMeter.update(done, health));
        running.set(false);
        busy.set(false);
        phase.set("");
        lastReport.set(result.report());
        integrity.set(IntegrityView.of(result.integrity(), false, "this run"));
        RunSummary summary = RunSummary.of(done.number(), result.report());
        if (result.load().completed()) {
            status.set(result.complete() ? RunStatus.COMPLETE : RunStatus.ERROR);
            narrative.set(Narrative.finished(summary));
        } else {
            status.set(RunStatus.STOPPED);
            narrative.set(Narrative.stopped(result.load().eventsSent()));
        }
        updateFaultRefusals(Instant.now());
        poller.soon(READ_DOCUMENTS);
        guideDone();
        history.add(summary);
    }

    /** Runs a command in the background, listed in {@link #backgroundWork()}. */
    private <T> void submit(Task<T> task, Consumer<T> onSuccess, String failurePrefix) {
        submit(task, onSuccess, failurePrefix, true);
    }

    /**
     * Runs a command in the background; on failure the banner says what failed and the health is checked again.
     *
     * @param listed shown among the background work (a scenario is not: the whole window shows it)
     */
    private <T> void submit(Task<T> task, Consumer<T> onSuccess, String failurePrefix, boolean listed) {
        task.messageProperty().addListener((o, a, b) -> {
            if (b != null && !b.isBlank()) {
                phase.set(b);
                if (status.get() == RunStatus.CONNECTING) narrative.set(Narrative.connecting(b));
            }
        });
        if (listed) backgroundWork.add(task);
        task.setOnSucceeded(e -> {
            backgroundWork.remove(task);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            backgroundWork.remove(task);
            String message = Messages.describe(task.getException());
            RunState r = run.get();
            if (current != null && r != null && r.running()) run.set(r.failed(message));
            current = null;
            runPhase = null;
            running.set(false);
            busy.set(false);
            phase.set("");
            lastError.set(failurePrefix + ": " + message);
            status.set(RunStatus.ERROR);
            narrative.set(Narrative.error(failurePrefix + ": " + message));
            poller.soon(READ_HEALTH);
            guideDone();
        });
        commands.submit(task);
    }

    private static <T> Task<T> task(String title, Callable<T> work) {
        return new Task<>() {
            @Override
            protected T call() throws Exception {
                updateTitle(title);
                updateMessage(title);
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
        faultCommands.shutdownNow();
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
