package io.eventprocessor.stack;

import io.eventprocessor.cdc.DebeziumRelay;
import io.eventprocessor.cdc.ReplicationSetup;
import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.contract.Names;
import io.eventprocessor.outbox.Migrations;
import io.eventprocessor.processor.EventProcessor;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
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
 */
public final class LocalStack implements AutoCloseable {
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

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private Settings settings;
    private Path offsetFile;
    private DebeziumRelay relay;
    private EventProcessor processor;
    private StartupTimes startupTimes;

    private LocalStack() {}

    public static LocalStack start(Options options, Consumer<String> progress) throws Exception {
        LocalStack stack = new LocalStack();
        try {
            stack.startAll(options, progress);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Options o, Consumer<String> progress) throws Exception {
        long t0 = System.nanoTime();
        Map<String, Duration> parts = new LinkedHashMap<>();
        Path data = o.home().resolve("data");

        // Before the port is chosen: a server left running by a killed stack holds the directory and, often, the port.
        stopLeftovers(o.home()).ifPresent(done -> progress.accept("Recovering from a stack that was killed: " + done));
        progress.accept("Starting PostgreSQL (wal_level=logical)...");
        long t = System.nanoTime();
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(Ports.preferOrFree(o.postgresPort()), postgresData(o.home()));
        started.push(postgres);
        parts.put("postgresql", since(t));

        progress.accept("Starting Kafka (KRaft)...");
        t = System.nanoTime();
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(Ports.preferOrFree(o.kafkaPort()), data.resolve("kafka"));
        started.push(kafka);
        parts.put("kafka", since(t));

        progress.accept("Starting MongoDB wire-protocol server...");
        t = System.nanoTime();
        EmbeddedMongoServer mongo = EmbeddedMongoServer.start(Ports.preferOrFree(o.mongoPort()));
        started.push(mongo);
        parts.put("mongodb", since(t));

        settings = new Settings("127.0.0.1", postgres.port(), Names.DATABASE, EmbeddedPostgresServer.SUPERUSER, postgres.password(),
                kafka.bootstrapServers(), mongo.uri(), Names.MONGO_DATABASE, Optional.empty());

        progress.accept("Preparing the outbox, topics and replication slot...");
        t = System.nanoTime();
        try (Connection c = Clients.postgres(settings)) {
            new Migrations().apply(c);
            ReplicationSetup.ensurePublicationAndSlot(c);
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
            // MongoDB here keeps its data in memory: a restarted stack rebuilds the read models from the topic.
            ConsumerGroups.resetToEarliest(settings);
            startProcessor();
            parts.put("processor", since(t));
        }

        startupTimes = new StartupTimes(parts, since(t0));
        log.info("Embedded stack ready in {} ms: {}", startupTimes.total().toMillis(), settings);
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
     */
    public synchronized void startCapture() throws Exception {
        if (relay != null) return;
        relay = DebeziumRelay.start(settings, offsetFile);
        try (Connection c = Clients.postgres(settings)) {
            ReplicationSetup.awaitSlotActive(c, Duration.ofSeconds(60));
        }
    }

    /** Stops the Debezium relay (as a crash or a redeploy of the connector would); the rest keeps running. */
    public synchronized void stopCapture() throws Exception {
        if (relay == null) return;
        relay.close();
        relay = null;
    }

    /** Starts the stack's own event processor (one member of the consumer group) and waits until it has joined. */
    public synchronized void startProcessor() throws InterruptedException {
        if (processor != null) return;
        processor = new EventProcessor(settings, "embedded");
        Thread thread = new Thread(processor, "event-processor");
        thread.setDaemon(true);
        thread.start();
        if (!processor.awaitAssignment(Duration.ofSeconds(60))) {
            throw new IllegalStateException("The event processor did not join consumer group " + Names.CONSUMER_GROUP + " within 60 s");
        }
    }

    /** Stops the stack's event processor after it finished and committed its current poll. */
    public synchronized void stopProcessor() {
        if (processor == null) return;
        processor.close();
        processor = null;
    }

    /** The stack's own processor, if it runs one. */
    public synchronized Optional<EventProcessor> processor() {
        return Optional.ofNullable(processor);
    }

    public Settings settings() {
        return settings;
    }

    public DebeziumRelay relay() {
        return relay;
    }

    public StartupTimes startupTimes() {
        return startupTimes;
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    /** Stops everything in reverse start order; the data directories stay. */
    @Override
    public void close() {
        stopProcessor();
        try {
            stopCapture();
        } catch (Exception e) {
            log.warn("Stopping Debezium failed: {}", e.toString());
        }
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
