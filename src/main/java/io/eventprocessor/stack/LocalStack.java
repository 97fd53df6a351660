package io.eventprocessor.stack;

import io.eventprocessor.cdc.DebeziumRelay;
import io.eventprocessor.cdc.ReplicationSetup;
import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.contract.Messages;
import io.eventprocessor.contract.Names;
import io.eventprocessor.outbox.Migrations;
import io.eventprocessor.processor.EventProcessor;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded pipeline: real PostgreSQL with logical decoding, a real KRaft Kafka broker, the Debezium engine
 * relaying to Kafka, and the MongoDB wire-protocol server. {@link #start} returns only when the replication slot
 * is streaming, so no write can reach the outbox unseen.
 *
 * <p>A supervisor looks at the parts four times a second and restarts, after a back-off (1 s, doubling up to 30 s;
 * back to 1 s once a part has run for a minute), the processor when its thread died, the Debezium relay when it
 * stopped on its own, and PostgreSQL when its server exited; if PostgreSQL does not start again, the stack gives up
 * loudly ({@link #onFatal}). Parts stopped on purpose ({@link #stopProcessor}, {@link #stopCapture}) stay stopped.
 * {@link #inject} breaks a part on demand, for the tests and for the stage; {@link #status} tells what happened.
 */
public final class LocalStack implements FaultTarget, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /**
     * @param home state directory: data of PostgreSQL and Kafka, Debezium's offsets
     * @param postgresPort 0 for any free port; likewise the others
     */
    public record Options(Path home, int postgresPort, int kafkaPort, int mongoPort, boolean processor) {
        /** The usual ports when free, with the processor. */
        public static Options defaults(Path home) {
            return new Options(home, 5432, 9092, 27017, true);
        }

        /** Any free ports: for tests, which must not collide with a stack someone left running. */
        public static Options anyPorts(Path home) {
            return new Options(home, 0, 0, 0, true);
        }
    }

    /** How long each part took to start, in start order. */
    public record StartupTimes(Map<String, Duration> parts, Duration total) {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(total.toMillis() + " ms (");
            parts.forEach((k, v) -> s.append(s.charAt(s.length() - 1) == '(' ? "" : ", ").append(k).append(' ').append(v.toMillis()).append(" ms"));
            return s.append(')').toString();
        }
    }

    /** First pause before restarting a part that stopped; doubles with each failed restart up to {@link #RESTART_BACKOFF_MAX}. */
    static final Duration RESTART_BACKOFF = Duration.ofSeconds(1);
    static final Duration RESTART_BACKOFF_MAX = Duration.ofSeconds(30);
    /** A part that ran this long since its last restart counts as healthy again: its next restart waits the first pause. */
    static final Duration HEALTHY_AFTER = Duration.ofSeconds(60);
    /** How often the supervisor looks at the parts. */
    static final Duration SUPERVISION_INTERVAL = Duration.ofMillis(250);
    /** Attempts to start PostgreSQL again after it died before the stack gives up and says so. */
    static final int POSTGRES_START_ATTEMPTS = 3;
    private static final int EVENTS_KEPT = 100;
    static final String PROCESSOR_ID = "embedded";

    private Options options;
    private Settings settings;
    private Path offsetFile;
    private EmbeddedPostgresServer postgres;
    private int postgresPort;
    private EmbeddedKafkaBroker kafka;
    private int kafkaPort;
    private EmbeddedMongoServer mongo;
    private DebeziumRelay relay;
    private EventProcessor processor;
    private StartupTimes startupTimes;

    /** What the supervisor keeps running: a part stopped on purpose (tests, the benchmark) is not restarted. */
    private volatile boolean processorWanted;
    private volatile boolean captureWanted;
    private volatile boolean closing;
    /** PostgreSQL is kept down on purpose (a fault): the supervisor leaves it alone until this is false again. */
    private volatile boolean postgresHeldDown;
    private final Restarts processorRestarts = new Restarts(PROCESSOR);
    private final Restarts relayRestarts = new Restarts(DEBEZIUM);
    private final Restarts postgresRestarts = new Restarts(POSTGRESQL);
    private int kafkaRestarts;
    private final ArrayDeque<StackStatus.Event> events = new ArrayDeque<>();
    private ScheduledExecutorService supervisor;
    private final ExecutorService faults = Executors.newSingleThreadExecutor(daemon("stack-faults"));
    private volatile Consumer<String> onFatal = message -> log.error("{}", message);
    /** Closes the stack as its JVM exits, unless {@link #close} ran before. */
    private final Thread onExit = new Thread(this::close, "stack-stop");
    private final Object closeLock = new Object();

    private static final String POSTGRESQL = "PostgreSQL";
    private static final String KAFKA = "Kafka";
    private static final String DEBEZIUM = "Debezium";
    private static final String PROCESSOR = "Processor";
    private static final String MONGODB = "MongoDB";

    private LocalStack() {}

    /**
     * Starts every part. The stack stops with its JVM in any case (a shutdown hook closes it, in order, unless it was
     * closed before): a JVM that exits without closing it (Ctrl-C, SIGTERM) leaves no PostgreSQL server behind.
     */
    public static LocalStack start(Options options, Consumer<String> progress) throws Exception {
        LocalStack stack = new LocalStack();
        Runtime.getRuntime().addShutdownHook(stack.onExit);
        try {
            stack.startAll(options, progress);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Options o, Consumer<String> progress) throws Exception {
        options = o;
        long t0 = System.nanoTime();
        Map<String, Duration> parts = new LinkedHashMap<>();
        Path data = o.home().resolve("data");

        // Before the port is chosen: a server left running by a killed stack holds the directory and, often, the port.
        stopLeftovers(o.home()).ifPresent(done -> progress.accept("Recovering from a stack that was killed: " + done));
        progress.accept("Starting PostgreSQL (wal_level=logical)...");
        long t = System.nanoTime();
        postgres = EmbeddedPostgresServer.start(Ports.preferOrFree(o.postgresPort()), postgresData(o.home()));
        postgresPort = postgres.port();
        parts.put("postgresql", since(t));

        progress.accept("Starting Kafka (KRaft)...");
        t = System.nanoTime();
        kafka = EmbeddedKafkaBroker.start(Ports.preferOrFree(o.kafkaPort()), data.resolve("kafka"));
        kafkaPort = Ports.of(kafka.bootstrapServers());
        parts.put("kafka", since(t));

        progress.accept("Starting MongoDB wire-protocol server...");
        t = System.nanoTime();
        mongo = EmbeddedMongoServer.start(Ports.preferOrFree(o.mongoPort()), data.resolve("mongodb"));
        parts.put("mongodb", since(t));

        settings = new Settings("127.0.0.1", postgres.port(), Names.DATABASE, EmbeddedPostgresServer.SUPERUSER, postgres.password(),
                kafka.bootstrapServers(), mongo.uri(), Names.MONGO_DATABASE, Optional.empty());

        progress.accept("Preparing the outbox, topics and replication slot...");
        t = System.nanoTime();
        try (Connection c = Clients.postgres(settings)) {
            new Migrations().apply(c);
            ReplicationSetup.ensurePublicationAndSlot(c);
            ReplicationSetup.ensureDoorbell(c);
        }
        createTopics(settings);
        parts.put("schema_and_topics", since(t));

        progress.accept("Starting Debezium (pgoutput)...");
        t = System.nanoTime();
        offsetFile = data.resolve("debezium-offsets.dat");
        startCapture();
        parts.put("debezium", since(t));

        if (o.processor()) {
            progress.accept("Starting the event processor...");
            t = System.nanoTime();
            // The MongoDB stand-in starts empty: a restarted stack rebuilds the read models from the topic.
            ConsumerGroups.resetToEarliest(settings);
            startProcessor();
            parts.put("processor", since(t));
        }

        startupTimes = new StartupTimes(parts, since(t0));
        supervisor = Executors.newSingleThreadScheduledExecutor(daemon("stack-supervisor"));
        supervisor.scheduleWithFixedDelay(this::supervise, SUPERVISION_INTERVAL.toMillis(), SUPERVISION_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("Embedded stack ready in {} ms: {}", startupTimes.total().toMillis(), settings);
    }

    /**
     * What to do when a part is gone for good (PostgreSQL died and does not start again): the stack's own process says
     * so and exits; by default the message is logged.
     */
    public void onFatal(Consumer<String> handler) {
        onFatal = handler;
    }

    /**
     * Stops what a stack killed without its shutdown left running in {@code home} (its PostgreSQL server); says what it
     * did, or nothing. {@link #start} does the same before it starts.
     */
    public static Optional<String> stopLeftovers(Path home) throws IOException, InterruptedException {
        return PostgresOrphans.stopLeftovers(postgresData(home));
    }

    private static Path postgresData(Path home) {
        return home.resolve("data").resolve("postgres");
    }

    /** The pipeline's own topics, with the partitions a consumer group needs; idempotent. */
    public static void createTopics(Settings settings) throws Exception {
        try (Admin admin = Clients.kafkaAdmin(settings.kafkaBootstrapServers(), "stack-topics")) {
            List<NewTopic> topics = List.of(
                    new NewTopic(Names.OUTBOX_TOPIC, Tuning.OUTBOX_TOPIC_PARTITIONS, (short) 1),
                    new NewTopic(Names.METRICS_TOPIC, 1, (short) 1),
                    new NewTopic(Names.DLQ_TOPIC, 1, (short) 1),
                    new NewTopic(Names.HEARTBEAT_TOPIC, 1, (short) 1));
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                }
            }
        }
    }

    /**
     * Starts the Debezium relay and returns once it streams from the slot. Changes committed while it was
     * stopped are kept by the slot and delivered now; its offsets keep it from replaying what it had sent.
     * From now on the supervisor restarts it whenever it stops on its own.
     */
    public void startCapture() throws Exception {
        synchronized (this) {
            captureWanted = true;
            if (relay == null) relay = DebeziumRelay.start(settings, offsetFile);
        }
        try (Connection c = Clients.postgres(settings)) {
            ReplicationSetup.awaitSlotActive(c, Duration.ofSeconds(60));
        }
    }

    /**
     * Stops the Debezium relay (as a redeploy of the connector would) and returns once its server process has let go of
     * the slot; the rest keeps running and nothing restarts it.
     */
    public synchronized void stopCapture() throws Exception {
        captureWanted = false;
        closeRelay();
        try (Connection c = Clients.postgres(settings)) {
            ReplicationSetup.awaitSlotInactive(c, Duration.ofSeconds(30));
        }
    }

    private synchronized void closeRelay() throws IOException {
        if (relay == null) return;
        DebeziumRelay r = relay;
        relay = null;
        r.close();
    }

    /**
     * Starts the stack's own event processor (one member of the consumer group) and waits until it has joined. From now
     * on the supervisor restarts it whenever its thread dies.
     */
    public void startProcessor() throws InterruptedException {
        EventProcessor p;
        synchronized (this) {
            processorWanted = true;
            if (processor == null) processor = newProcessor();
            p = processor;
        }
        if (!p.awaitAssignment(Duration.ofSeconds(60))) {
            throw new IllegalStateException("The event processor did not join consumer group " + Names.CONSUMER_GROUP + " within 60 s");
        }
    }

    private EventProcessor newProcessor() {
        EventProcessor p = new EventProcessor(settings, PROCESSOR_ID);
        Thread thread = new Thread(p, "event-processor");
        thread.setDaemon(true);
        thread.start();
        return p;
    }

    /** Stops the stack's event processor after it finished and committed its current poll; nothing restarts it. */
    public void stopProcessor() {
        EventProcessor p;
        synchronized (this) {
            processorWanted = false;
            p = processor;
            processor = null;
        }
        if (p != null) p.close();
    }

    /** The stack's own processor, if it runs one. */
    public synchronized Optional<EventProcessor> processor() {
        return Optional.ofNullable(processor);
    }

    public Settings settings() {
        return settings;
    }

    public synchronized DebeziumRelay relay() {
        return relay;
    }

    public StartupTimes startupTimes() {
        return startupTimes;
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    // ---------------------------------------------------------------- supervision

    /** One look at every supervised part; restarts, after a back-off, what stopped on its own. */
    private void supervise() {
        if (closing) return;
        try {
            supervisePostgres();
            superviseRelay();
            superviseProcessor();
        } catch (RuntimeException | Error e) {
            log.error("The stack's supervisor failed once (it keeps going)", e);
        }
    }

    private void superviseProcessor() {
        EventProcessor p;
        synchronized (this) {
            p = processor;
        }
        if (!processorWanted || p == null || !p.hasStopped()) {
            processorRestarts.running();
            return;
        }
        if (!processorRestarts.due(describe(p.failure()))) return;
        synchronized (this) {
            if (closing || !processorWanted || processor != p) return;
            p.close();
            processor = newProcessor();
        }
        processorRestarts.restarted();
    }

    private void superviseRelay() {
        DebeziumRelay r;
        synchronized (this) {
            r = relay;
        }
        if (!captureWanted || (r != null && r.isRunning())) {
            relayRestarts.running();
            return;
        }
        if (!relayRestarts.due(r == null ? "not running" : describe(r.failure()))) return;
        try {
            synchronized (this) {
                if (closing || !captureWanted || relay != r) return;
                closeRelay();
                relay = DebeziumRelay.start(settings, offsetFile);
            }
            relayRestarts.restarted();
        } catch (Exception e) {
            relayRestarts.failed(describe(e));
        }
    }

    private void supervisePostgres() {
        EmbeddedPostgresServer pg;
        synchronized (this) {
            pg = postgres;
        }
        if (postgresHeldDown || (pg != null && pg.isAlive())) {
            postgresRestarts.running();
            return;
        }
        if (!postgresRestarts.due(pg == null ? "the server is down" : "the server process exited")) return;
        try {
            restartPostgres();
            postgresRestarts.restarted();
        } catch (Exception e) {
            postgresRestarts.failed(describe(e));
            if (postgresRestarts.failures() >= POSTGRES_START_ATTEMPTS) {
                onFatal.accept("PostgreSQL is gone and could not be started again (" + POSTGRES_START_ATTEMPTS + " attempts; last: "
                        + describe(e) + "). Nothing can be captured without it: the stack stops. See " + options.home().resolve("stack.log")
                        + "; `event-processor stack up` starts it again.");
            }
        }
    }

    private synchronized void restartPostgres() throws Exception {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Stopping PostgreSQL failed: {}", e.toString());
            }
        }
        postgres = null;
        postgres = EmbeddedPostgresServer.start(postgresPort, postgresData(options.home()));
    }

    private static String describe(Throwable t) {
        return t == null ? "stopped" : Messages.describe(t);
    }

    /** The restarts of one part: when the next is due, and the events they make. */
    private final class Restarts {
        private final String part;
        private long downSinceNanos;
        private long nextAttemptNanos;
        private long lastRestartNanos;
        private long delayMs = RESTART_BACKOFF.toMillis();
        private int count;
        private int failures;
        private String lastFailure;

        Restarts(String part) {
            this.part = part;
        }

        /** The part runs: a part that has run long enough since its last restart is healthy again. */
        synchronized void running() {
            downSinceNanos = 0;
            if (lastRestartNanos != 0 && System.nanoTime() - lastRestartNanos > HEALTHY_AFTER.toNanos()) {
                delayMs = RESTART_BACKOFF.toMillis();
                failures = 0;
            }
        }

        /** The part is down: true when its restart is due now (the first time, it is announced and scheduled). */
        synchronized boolean due(String why) {
            long now = System.nanoTime();
            if (downSinceNanos == 0) {
                downSinceNanos = now;
                nextAttemptNanos = now + TimeUnit.MILLISECONDS.toNanos(delayMs);
                lastFailure = why;
                event(part, "stopped: " + why + "; restarting it in " + delayMs + " ms");
                log.error("{} stopped: {}; restarting it in {} ms", part, why, delayMs);
                return false;
            }
            return now >= nextAttemptNanos;
        }

        synchronized void restarted() {
            count++;
            lastRestartNanos = System.nanoTime();
            event(part, "restarted (" + count + (count == 1 ? " restart" : " restarts") + " so far), "
                    + TimeUnit.NANOSECONDS.toMillis(lastRestartNanos - downSinceNanos) + " ms after it stopped");
            log.warn("{} restarted by the stack's supervisor", part);
            downSinceNanos = 0;
            delayMs = Math.min(delayMs * 2, RESTART_BACKOFF_MAX.toMillis());
        }

        synchronized void failed(String why) {
            failures++;
            lastFailure = why;
            event(part, "restart failed: " + why + "; next attempt in " + delayMs + " ms");
            log.error("Restarting {} failed: {}; next attempt in {} ms", part, why, delayMs);
            nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
            delayMs = Math.min(delayMs * 2, RESTART_BACKOFF_MAX.toMillis());
        }

        synchronized int failures() {
            return failures;
        }

        synchronized StackStatus.Part status(boolean up, long retriedPolls) {
            return new StackStatus.Part(part, up, count, lastFailure, retriedPolls);
        }
    }

    private void event(String part, String what) {
        synchronized (events) {
            if (events.size() == EVENTS_KEPT) events.removeFirst();
            events.addLast(new StackStatus.Event(Instant.now(), part, what));
        }
    }

    /** Each part (up or not, restarts, last failure) and the latest events, oldest first. */
    @Override
    public StackStatus status() {
        List<StackStatus.Part> parts = new ArrayList<>();
        synchronized (this) {
            parts.add(postgresRestarts.status(postgres != null && postgres.isAlive(), 0));
            parts.add(relayRestarts.status(relay != null && relay.isRunning(), 0));
            parts.add(new StackStatus.Part(KAFKA, kafka != null, kafkaRestarts, null));
            parts.add(processorRestarts.status(processor != null && processor.isRunning(), processor == null ? 0 : processor.counters().retries()));
            parts.add(new StackStatus.Part(MONGODB, mongo != null && !mongo.isPaused(), 0, null));
        }
        synchronized (events) {
            return new StackStatus(parts, new ArrayList<>(events));
        }
    }

    // ---------------------------------------------------------------- faults

    /**
     * Injects {@code fault} (not {@link Fault#POISON}, which is the client's) and returns once it has taken effect; what
     * comes back later (a restart, MongoDB listening again) happens in the background and shows in {@link #status()}.
     *
     * @param down how long a stopped part stays down (for {@link Fault#MONGODB_PAUSE}, how long MongoDB is unreachable)
     */
    @Override
    public Injection inject(Fault fault, Duration down) throws Exception {
        if (!fault.byStack()) throw new IllegalArgumentException(fault.key() + " is injected by the client, not by the stack");
        if (down.isNegative()) throw new IllegalArgumentException("a fault's duration cannot be negative: " + down);
        String detail;
        switch (fault) {
            case PROCESSOR_CRASH -> {
                EventProcessor p = processor().orElseThrow(() -> new IllegalStateException("the stack runs no processor (--no-processor)"));
                p.crash();
                detail = "processor thread crashed mid-poll; the supervisor restarts it";
            }
            case MONGODB_PAUSE -> {
                mongo.pause();
                faults.execute(() -> {
                    sleepQuietly(down);
                    mongo.resume();
                    event(MONGODB, "listening again after " + down.toMillis() + " ms, with its data");
                });
                detail = "MongoDB port and connections closed for " + down.toMillis() + " ms";
            }
            case KAFKA_RESTART -> {
                synchronized (this) {
                    kafka.close();
                    kafka = null;
                }
                faults.execute(() -> restartLater(KAFKA, down, () -> {
                    synchronized (this) {
                        kafka = EmbeddedKafkaBroker.start(kafkaPort, options.home().resolve("data").resolve("kafka"));
                        kafkaRestarts++;
                    }
                }));
                detail = "Kafka broker stopped; it starts again on port " + kafkaPort + " after " + down.toMillis() + " ms";
            }
            case DEBEZIUM_RESTART -> {
                stopCapture();
                faults.execute(() -> restartLater(DEBEZIUM, down, this::startCapture));
                detail = "Debezium engine stopped; it starts again from its offsets after " + down.toMillis() + " ms";
            }
            case DEBEZIUM_CRASH -> {
                int cut;
                try (Connection c = Clients.postgres(settings); PreparedStatement ps = c.prepareStatement(
                        "SELECT count(pg_terminate_backend(active_pid)) FROM pg_replication_slots WHERE slot_name = ? AND active_pid IS NOT NULL")) {
                    ps.setString(1, Names.REPLICATION_SLOT);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        cut = rs.getInt(1);
                    }
                }
                detail = cut == 0 ? "Debezium had no replication connection to cut" : "PostgreSQL cut Debezium's replication connection";
            }
            case POSTGRES_RESTART -> {
                synchronized (this) {
                    postgresHeldDown = true;
                    if (postgres != null) postgres.close();
                    postgres = null;
                }
                // After the pause, the supervisor starts it again as after any death (and gives up loudly if it cannot).
                faults.execute(() -> {
                    sleepQuietly(down);
                    postgresHeldDown = false;
                });
                detail = "PostgreSQL stopped (fast shutdown); the stack starts it again on port " + postgresPort + " after "
                        + down.toMillis() + " ms";
            }
            default -> throw new IllegalArgumentException(fault.key());
        }
        // Stamped once the fault has taken effect (stopping a broker takes a while): an event inserted after this
        // instant meets the fault, which is what a run's recovery time is measured from.
        Instant at = Instant.now();
        event(fault.key(), "injected: " + detail);
        log.warn("Fault injected: {}: {}", fault.key(), detail);
        return new Injection(fault, at, down, detail);
    }

    private interface Step {
        void run() throws Exception;
    }

    private void restartLater(String part, Duration down, Step start) {
        sleepQuietly(down);
        for (int attempt = 1; !closing; attempt++) {
            try {
                start.run();
                event(part, "started again after the fault");
                return;
            } catch (Exception e) {
                log.error("Starting {} again failed (attempt {}): {}", part, attempt, e.toString());
                event(part, "starting again failed: " + describe(e));
                sleepQuietly(Duration.ofSeconds(Math.min(30, attempt)));
            }
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops everything in reverse start order; the data directories stay. Once: a later call returns when it is done. */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closing) return;
            closing = true;
            if (Thread.currentThread() != onExit) {
                try {
                    Runtime.getRuntime().removeShutdownHook(onExit);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting: the hook finds the stack closed
                }
            }
            if (supervisor != null) supervisor.shutdownNow();
            faults.shutdownNow();
            stopProcessor();
            try {
                stopCapture();
            } catch (Exception e) {
                log.warn("Stopping Debezium failed: {}", e.toString());
            }
            closeQuietly(mongo);
            closeQuietly(kafka);
            closeQuietly(postgres);
        }
    }

    private static void closeQuietly(AutoCloseable part) {
        if (part == null) return;
        try {
            part.close();
        } catch (Exception e) {
            log.warn("Stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
        }
    }
}
