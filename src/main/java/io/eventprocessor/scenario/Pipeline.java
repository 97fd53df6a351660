package io.eventprocessor.scenario;

import com.mongodb.client.MongoClient;
import io.eventprocessor.cdc.ReplicationSetup;
import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Messages;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.StackMode;
import io.eventprocessor.measure.MetricsCollector;
import io.eventprocessor.measure.PartitionLag;
import io.eventprocessor.readmodel.NewestDocuments;
import io.eventprocessor.report.Report;
import io.eventprocessor.report.ReportWriter;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.Fault;
import io.eventprocessor.stack.FaultTarget;
import io.eventprocessor.stack.Health;
import io.eventprocessor.stack.Injection;
import io.eventprocessor.stack.LocalStack;
import io.eventprocessor.stack.StackControl;
import io.eventprocessor.stack.StackLauncher;
import io.eventprocessor.stack.StackState;
import io.eventprocessor.stack.StackStatus;
import io.eventprocessor.verify.IntegrityResult;
import io.eventprocessor.verify.Scope;
import io.eventprocessor.verify.Verifier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;

/**
 * One pipeline a face works with (the dashboard above all): where it is, and every read and command on it. Each call
 * blocks, so a UI runs them in the background. One MongoDB client serves the verifications and document reads of the
 * pipeline's lifetime; {@link #close()} releases it. Thread-safe.
 */
public final class Pipeline implements AutoCloseable {
    /** How long {@link #inspect()} waits for each part. */
    static final Duration INSPECT_TIMEOUT = Duration.ofSeconds(5);

    private final Settings settings;
    private final StackMode mode;
    /** The environment the pipeline was found from (where the local stack's state directory is). */
    private final Map<String, String> env;
    /** The embedded stack in this JVM, faults injected into it directly; null: through the control channel of the one in {@link #env}. */
    private final FaultTarget stack;
    private final Verifier verifier;
    private final MongoClient mongo;

    private Pipeline(Settings settings, StackMode mode, Map<String, String> env, FaultTarget stack) {
        this.settings = settings;
        this.mode = mode;
        this.env = Map.copyOf(env);
        this.stack = stack;
        this.verifier = new Verifier(settings);
        this.mongo = Clients.mongo(settings);
    }

    /** A pipeline already running at {@code settings}. */
    public static Pipeline of(Settings settings, StackMode mode) {
        return new Pipeline(settings, mode, System.getenv(), null);
    }

    /** The embedded stack {@code stack}, running in this JVM: its faults are injected into it directly. */
    public static Pipeline of(LocalStack stack) {
        return new Pipeline(stack.settings(), StackMode.EMBEDDED, Map.of(), stack);
    }

    /**
     * The external services when configured, else the running local stack, else a local stack started now and warmed
     * with {@code warmUpEvents} throw-away events ({@link WarmUp}); {@code progress} hears each step in words.
     */
    public static Pipeline attachOrStart(Map<String, String> env, int warmUpEvents, Consumer<String> progress) throws Exception {
        // Generating the first round's events in the background is work wasted when there is a stack to attach to.
        WarmUp.Prepared warmUp = StackLauncher.startsLocalStack(env) ? WarmUp.prepareInBackground(warmUpEvents) : WarmUp.prepare(warmUpEvents);
        StackLauncher.Target target = StackLauncher.attachOrStart(env, CacheTraining::run, progress);
        if (target.startedNow() && warmUpEvents > 0) {
            if (WarmUp.runIfEmpty(target.settings(), warmUp, target.stackMode(), progress)) {
                WarmUp.settle(new StackState(Settings.home(env)), progress);
            } else {
                progress.accept("Not warming up: the outbox already holds events from an earlier session");
            }
        }
        return new Pipeline(target.settings(), target.stackMode(), env, null);
    }

    public Settings settings() {
        return settings;
    }

    public StackMode mode() {
        return mode;
    }

    /** Every part of the pipeline, in its order. */
    public List<Health> health() {
        return Connectivity.pipeline(settings);
    }

    /** The most recently written read-model documents, newest first. */
    public List<NewestDocuments.Doc> newestDocuments(int limit) {
        return NewestDocuments.read(mongo.getDatabase(settings.mongoDatabase()), limit);
    }

    /**
     * What each part holds now: outbox rows and the replication slot's lag (PostgreSQL), the processor group's offsets
     * per partition (Kafka), documents per read-model collection (MongoDB). A part that cannot be read is named in
     * {@link PipelineDetail#problems()}; the others are still given.
     */
    public PipelineDetail inspect() {
        List<String> problems = new ArrayList<>();
        long rows = -1;
        long slotLag = -1;
        try (Connection c = Clients.postgres(settings, INSPECT_TIMEOUT); Statement s = c.createStatement()) {
            rows = DemoData.outboxRows(s);
            slotLag = ReplicationSetup.slotLagBytes(c);
        } catch (Exception e) {
            problems.add("PostgreSQL: " + Messages.describe(e));
        }
        List<PartitionLag> partitions = List.of();
        try (Admin admin = Clients.kafkaAdmin(settings.kafkaBootstrapServers(), "dashboard-inspect", INSPECT_TIMEOUT)) {
            partitions = MetricsCollector.groupLag(admin);
        } catch (Exception e) {
            problems.add("Kafka: " + Messages.describe(e));
        }
        Map<String, Long> documents = new LinkedHashMap<>();
        try {
            for (String collection : Names.READ_MODEL_COLLECTIONS) {
                documents.put(collection, mongo.getDatabase(settings.mongoDatabase()).getCollection(collection).countDocuments());
            }
        } catch (RuntimeException e) {
            problems.add("MongoDB: " + Messages.describe(e));
        }
        return new PipelineDetail(rows, slotLag, partitions, documents, problems);
    }

    /** The outbox in {@code scope} against MongoDB. */
    public IntegrityResult verify(Scope scope) throws Exception {
        return verifier.verify(scope);
    }

    /** Clears the demo data everywhere; every service keeps running. */
    public DemoData.Cleared reset() throws Exception {
        return DemoData.reset(settings);
    }

    /** A scenario run on this pipeline; start it with {@link ScenarioRun#run}. */
    public ScenarioRun newRun() {
        return new ScenarioRun(settings);
    }

    // ---------------------------------------------------------------- resilience

    /** The faults that can be injected here: all of them into the embedded stack, only poison into external services. */
    public List<Fault> faults() {
        return mode == StackMode.EMBEDDED ? List.of(Fault.values()) : List.of(Fault.POISON);
    }

    /**
     * A run that injects {@code planned} faults, each at its time after the first insert; its report gets a
     * {@code faults} section and its listener hears each injection ({@link ScenarioRun.Listener#fault}).
     */
    public ScenarioRun newRun(List<PlannedFault> planned) {
        boolean stack = planned.stream().anyMatch(f -> f.fault().byStack());
        return new ScenarioRun(settings).withFaults(stack ? control() : null, planned);
    }

    /**
     * Injects one fault now, outside a run; {@code down} is how long the part stays down ({@link Fault#defaultDuration()}
     * when null). Poison is written here and returns once written (its dead letters follow).
     */
    public Injection inject(Fault fault, Duration down) throws Exception {
        if (fault == Fault.POISON) {
            PoisonEvents.Plan plan = PoisonEvents.plan(PoisonEvents.KINDS);
            Instant at = Instant.now();
            plan.inject(settings);
            return new Injection(fault, at, Duration.ZERO, plan.size() + " poison events, one of each kind");
        }
        return control().inject(fault, down == null ? fault.defaultDuration() : down);
    }

    /**
     * Injects one fault now into {@code during}, a run of this pipeline that is going: done as {@link #inject(Fault, Duration)}
     * does, and recorded as one of the run's faults, so its report's {@code faults} section has its figures (poison is
     * then the run's share: 1 % of its events, at least one of each kind). When {@code during} is null or not taking
     * faults (it has not started sending, or it is verifying or over), the fault is injected outside any run.
     */
    public Injection inject(Fault fault, Duration down, ScenarioRun during) throws Exception {
        Duration d = down == null ? fault.defaultDuration() : down;
        if (during != null) {
            Optional<Injection> recorded = during.injectNow(fault, d, fault.byStack() ? control() : null);
            if (recorded.isPresent()) return recorded.get();
        }
        return inject(fault, d);
    }

    /** The embedded stack's own view: each supervised part (up, restarts, last failure) and its latest events. */
    public StackStatus stackStatus() throws Exception {
        return control().status();
    }

    private FaultTarget control() {
        if (mode != StackMode.EMBEDDED) {
            throw new IllegalStateException("faults other than poison are injected into the embedded stack; this pipeline is external");
        }
        if (stack != null) return stack;
        return StackControl.of(new StackState(Settings.home(env)));
    }

    /** Writes a report as JSON, with its HTML page beside it. */
    public ReportWriter.Written export(Report report, Path json) throws Exception {
        return ReportWriter.write(report, json);
    }

    /** Writes a report as JSON and, when {@code html}, its page beside it, comparing {@code compared} when two or more. */
    public ReportWriter.Written export(Report report, Path json, List<Report> compared, boolean html) throws Exception {
        return ReportWriter.write(report, json, compared, html);
    }

    @Override
    public void close() {
        verifier.close();
        mongo.close();
    }
}
