package io.eventprocessor.processor;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.eventprocessor.cdc.EnvelopeParser;
import io.eventprocessor.cdc.ParseResult;
import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.EventTiming;
import io.eventprocessor.contract.FailureKind;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.OutboxRow;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.readmodel.EventHandler;
import io.eventprocessor.readmodel.EventWrites;
import io.eventprocessor.readmodel.HandlerRegistry;
import io.eventprocessor.readmodel.InvalidEventException;
import io.eventprocessor.readmodel.ReadModelWriter;
import io.eventprocessor.readmodel.StatisticsProjector;
import io.eventprocessor.readmodel.StatisticsRefresher;
import io.eventprocessor.readmodel.WriteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event processor: consumes the outbox topic in group {@link Names#CONSUMER_GROUP}, turns each poll into
 * one ordered bulk write per read-model collection, dead-letters what cannot be processed, publishes one
 * metric per event and commits the poll's offsets only after MongoDB and the dead-letter topic have
 * acknowledged it (at-least-once; the handlers are idempotent, so the read models end exactly-once).
 *
 * <p>Use: {@code new EventProcessor(settings, "p1")}, run {@link #run()} on its own thread,
 * {@link #awaitAssignment} to know it has joined the group, {@link #close()} to stop (from any thread:
 * it finishes and commits the current poll first). Several instances in the group share the partitions.
 */
public final class EventProcessor implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);

    /** How long one poll waits for records; bounds how late an idle processor notices stop or idle work. */
    static final Duration POLL_TIMEOUT = Duration.ofMillis(Tuning.CONSUMER_POLL_TIMEOUT_MS);
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(Tuning.PROCESSOR_COMMIT_INTERVAL_MS);
    /** The shortest poll while a poll's sends are unacknowledged: they gather for the metrics' linger anyway. */
    private static final long SETTLE_POLL_MILLIS = Math.max(1, Tuning.PROCESSOR_METRICS_LINGER_MS);
    /** The statistics document (it counts whole collections) is recomputed, off the processing thread, once writes have paused this long... */
    public static final long STATISTICS_QUIET_MS = 250;
    /**
     * ...or at the latest this long after a write it does not count yet, while events keep flowing. A recompute scans
     * both collections, and the embedded MongoDB holds each against the processor's writes meanwhile: at 5 s it fell
     * inside the 10,000 scenario (5.4 s) and made its slowest events (the dashboard's first 10,000 click, p95 / p99 79-109
     * / 105-137 ms; with 30 s, 50-52 / 67-95 ms). After a scenario the quiet pause brings it up to date.
     */
    static final long STATISTICS_MAX_STALENESS_MS = 30_000;
    /** How often the processor logs its summary line. */
    static final long SUMMARY_INTERVAL_MS = 10_000;
    /** Back-off between retries of a poll whose writes or dead-letter sends failed; doubles up to the maximum. */
    static final long RETRY_BACKOFF_MS = 200;
    static final long RETRY_BACKOFF_MAX_MS = 5_000;
    /** How long a MongoDB operation waits for a server to answer before the poll fails and is retried. */
    static final Duration MONGO_WAIT = Duration.ofSeconds(5);
    /** How long close() waits for the processing thread to finish its poll. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String processorId;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final MongoClient mongo;
    private final MongoDatabase database;
    private final ReadModelWriter writer;
    private final StatisticsRefresher statistics;
    /** Offsets after the last acknowledged poll, per partition: what a revocation or close commits for certain. */
    private final Map<TopicPartition, OffsetAndMetadata> processedOffsets = new HashMap<>();
    /** Offsets settled since the last commit: committed together, at most every {@link #COMMIT_INTERVAL_NANOS} ({@link #commitIfDue}). */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private long lastCommitNanos = System.nanoTime();
    /** Polls written to MongoDB, oldest first, whose sends to Kafka are not all acknowledged yet (see {@link #settle}). */
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private final HandlerRegistry handlers;
    private final EnvelopeParser parser = new EnvelopeParser();
    private final MetricsFile metricsFile;
    private final ProcessingSummary summary = new ProcessingSummary(SUMMARY_INTERVAL_MS);

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private final CountDownLatch joined = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<Set<TopicPartition>> assignment = new AtomicReference<>(Set.of());

    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    /** Set by {@link #crash()}: the loop dies at its next poll, as if the thread had hit a fatal error. */
    private final AtomicBoolean crashRequested = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** The loop died: closing the consumer must not settle or commit anything on the way (its revocation callback included). */
    private volatile boolean dead;

    public EventProcessor(Settings settings, String processorId) {
        this(settings, processorId, HandlerRegistry.standard());
    }

    public EventProcessor(Settings settings, String processorId, HandlerRegistry handlers) {
        this.processorId = processorId;
        this.handlers = handlers;
        // Built in order, and what was built is closed again if a later step fails (bad URI, unwritable file).
        List<AutoCloseable> built = new ArrayList<>();
        try {
            // A MongoDB that does not answer fails the poll after MONGO_WAIT (instead of the driver's 30 s), which is then read
            // again after a back-off: the partition waits, nothing is committed.
            this.mongo = add(built, Clients.mongo(settings, MONGO_WAIT));
            this.database = mongo.getDatabase(settings.mongoDatabase());
            this.writer = new ReadModelWriter(database);
            this.statistics = add(built, new StatisticsRefresher(new StatisticsProjector(database), processorId,
                    STATISTICS_QUIET_MS, STATISTICS_MAX_STALENESS_MS));
            this.consumer = add(built, new KafkaConsumer<>(consumerProperties(settings, processorId)));
            this.producer = add(built, new KafkaProducer<>(producerProperties(settings, processorId)));
            this.metricsFile = settings.metricsFile().map(MetricsFile::new).orElse(null);
        } catch (RuntimeException e) {
            for (AutoCloseable c : built) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static <T extends AutoCloseable> T add(List<AutoCloseable> built, T resource) {
        built.add(resource);
        return resource;
    }

    static Properties consumerProperties(Settings settings, String processorId) {
        // Offsets are committed by hand, after MongoDB acknowledged the poll: that is the at-least-once contract.
        Properties p = Clients.consumerProperties(settings.kafkaBootstrapServers(), "event-processor-" + processorId, Names.CONSUMER_GROUP);
        // Bytes in: the parser decides what a value is, and a DLQ record keeps the original bytes.
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    static Properties producerProperties(Settings settings, String processorId) {
        Properties p = Clients.producerProperties(settings.kafkaBootstrapServers(), "event-processor-" + processorId + "-out");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(Tuning.PROCESSOR_METRICS_LINGER_MS));
        return p;
    }

    public String processorId() {
        return processorId;
    }

    /** Waits until this processor has joined the group (its first assignment, possibly empty). */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return joined.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The partitions currently assigned to this processor. */
    public Set<TopicPartition> assignment() {
        return assignment.get();
    }

    /** Exact counts so far (committed polls only). */
    public ProcessorCounters counters() {
        return new ProcessorCounters(processed.get(), deadLettered.get(), skipped.get(), polls.get(), retries.get());
    }

    public boolean isRunning() {
        return started.get() && finished.getCount() > 0;
    }

    /** True once the loop has ended, whether stopped, closed or dead. */
    public boolean hasStopped() {
        return started.get() && finished.getCount() == 0;
    }

    /** What ended the loop when it did not stop because it was asked to; null otherwise. */
    public Throwable failure() {
        return failure.get();
    }

    /**
     * Makes the processing thread die at its next poll, after writing that poll to MongoDB and before committing it, as
     * a thread hit by a fatal error would: nothing in flight is committed, so those records are delivered again to
     * whoever takes the partitions over. A fault to inject; whoever runs the processor restarts it.
     */
    public void crash() {
        crashRequested.set(true);
        wakeUp();
    }

    /** The error {@link #crash()} makes the loop die of. */
    static final class InjectedCrash extends Error {
        InjectedCrash(String processorId) {
            super("processor " + processorId + " crashed on purpose (fault injection)");
        }
    }

    /**
     * The processing loop; returns after {@link #stop()} or {@link #close()}. Call once, on its own thread. A poll that
     * fails, for whatever reason, is read again after a back-off that doubles up to {@link #RETRY_BACKOFF_MAX_MS}: the
     * loop never ends on an exception. Only an {@link Error} (or {@link #crash()}) ends it, and then nothing in flight
     * is committed.
     */
    @Override
    public void run() {
        if (!started.compareAndSet(false, true)) throw new IllegalStateException("run() may be called once");
        boolean crashed = false;
        try {
            consumer.subscribe(List.of(Names.OUTBOX_TOPIC), new Rebalance());
            long backoff = RETRY_BACKOFF_MS;
            while (running.get()) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(pollTimeout());
                } catch (WakeupException e) {
                    crashIfRequested();
                    continue; // stop() woke us; the loop condition decides
                } catch (RuntimeException e) {
                    retries.incrementAndGet();
                    log.warn("poll_failed processor={} error=\"{}\"; polling again in {} ms", processorId, e.toString(), backoff);
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, RETRY_BACKOFF_MAX_MS);
                    continue;
                }
                // T3 is the poll's return: settling earlier polls is the processor's work, not the record's wait for it.
                long polledAt = Clock.nowMicros();
                try {
                    settle(inFlight.size() >= Tuning.PROCESSOR_MAX_POLLS_IN_FLIGHT, records);
                } catch (RuntimeException e) {
                    // settle() rewound to the first poll whose metrics or dead letters Kafka refused, and to what was just polled.
                    retries.incrementAndGet();
                    log.warn("sends_failed processor={} error=\"{}\"; re-reading from the first unacknowledged poll in {} ms",
                            processorId, e.toString(), backoff);
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, RETRY_BACKOFF_MAX_MS);
                    continue;
                }
                if (!records.isEmpty()) {
                    try {
                        processPoll(records, polledAt);
                        backoff = RETRY_BACKOFF_MS;
                    } catch (RuntimeException e) {
                        retries.incrementAndGet();
                        log.warn("poll_failed processor={} records={} error=\"{}\"; re-reading it in {} ms",
                                processorId, records.count(), e instanceof MongoException || e instanceof KafkaException ? e.toString()
                                        : e + " (unexpected)", backoff);
                        if (!(e instanceof MongoException || e instanceof KafkaException)) log.debug("unexpected poll failure", e);
                        rewind(records);
                        sleep(backoff);
                        backoff = Math.min(backoff * 2, RETRY_BACKOFF_MAX_MS);
                    }
                }
                crashIfRequested();
                summary.maybeLog(processorId, counters());
            }
        } catch (InjectedCrash e) {
            crashed = true;
            dead = true;
            failure.set(e);
            log.error("processor {} died: {}; its polls in flight stay uncommitted", processorId, e.getMessage());
        } catch (RuntimeException | Error e) {
            crashed = true;
            dead = true;
            failure.set(e);
            log.error("processor {} stopped on an unexpected error", processorId, e);
            throw e;
        } finally {
            release(!crashed);
            finished.countDown();
        }
    }

    private void crashIfRequested() {
        if (crashRequested.get()) throw new InjectedCrash(processorId);
    }

    /**
     * One poll, returned at {@code t3}: parse, plan, write, dead-letter, publish metrics; its commit follows their
     * acknowledgement ({@link #settle}). Throws, uncommitted, if MongoDB or Kafka fails.
     */
    private void processPoll(ConsumerRecords<byte[], byte[]> records, long t3) {
        Instant processedAt = Clock.fromMicros(t3);
        List<Planned> planned = new ArrayList<>();
        List<DeadLetter> failures = new ArrayList<>();
        List<OutboxRow> failedRows = new ArrayList<>();
        long skippedHere = 0;

        for (ConsumerRecord<byte[], byte[]> record : records) {
            ParseResult result = parser.parse(record.value(), record.headers(), record.timestamp(), record.timestampType());
            if (result instanceof ParseResult.Skip skip) {
                skippedHere++;
                log.debug("record_skipped reason={} partition={} offset={}", skip.reason(), record.partition(), record.offset());
            } else if (result instanceof ParseResult.Poison p) {
                failures.add(new DeadLetter(p.kind(), p.reason(), p.eventId(), processorId, Instant.now(), record));
                failedRows.add(null);
            } else if (result instanceof ParseResult.Change change) {
                OutboxRow row = change.row();
                Optional<EventHandler> handler = handlers.find(row.eventType());
                if (handler.isEmpty()) {
                    failures.add(new DeadLetter(FailureKind.UNKNOWN_EVENT_TYPE, HandlerRegistry.unknownTypeReason(row.eventType()),
                            row.eventId(), processorId, Instant.now(), record));
                    failedRows.add(row);
                    continue;
                }
                long t4 = Clock.nowMicros();
                try {
                    planned.add(new Planned(record, row, t4, handler.get().plan(row, processedAt)));
                } catch (InvalidEventException e) {
                    failures.add(new DeadLetter(FailureKind.INVALID_EVENT, e.getMessage(), row.eventId(), processorId, Instant.now(), record));
                    failedRows.add(row);
                } catch (RuntimeException e) {
                    // A handler that throws on this payload would throw on every retry: the event goes to the DLQ, not the whole partition.
                    failures.add(new DeadLetter(FailureKind.INVALID_EVENT, "the " + row.eventType() + " handler failed on this payload: " + e,
                            row.eventId(), processorId, Instant.now(), record));
                    failedRows.add(row);
                }
            }
        }

        List<WriteResult> written = writer.apply(planned.stream().map(Planned::writes).toList());
        List<MetricRecord> metrics = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        long processedHere = 0;
        for (int i = 0; i < planned.size(); i++) {
            Planned p = planned.get(i);
            WriteResult w = written.get(i);
            if (!w.ok()) {
                failures.add(new DeadLetter(FailureKind.WRITE_FAILED, w.failure(), p.row().eventId(), processorId, Instant.now(), p.record()));
                failedRows.add(p.row());
                continue;
            }
            OutboxRow r = p.row();
            EventTiming timing = new EventTiming(r.createdAtMicros(), r.capturedMicros(), r.kafkaMicros(), t3, p.t4(), w.acknowledgedMicros());
            metrics.add(new MetricRecord(r.eventId(), r.eventType(), r.aggregateId(), MetricRecord.STATUS_PROCESSED, null, null,
                    timing, p.record().partition(), p.record().offset(), processorId, p.writes().detail(),
                    r.t2Source() == null ? null : r.t2Source().key()));
            latencies.add(Stage.END_TO_END.of(timing));
            processedHere++;
        }

        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (int i = 0; i < failures.size(); i++) {
            DeadLetter d = failures.get(i);
            OutboxRow row = failedRows.get(i);
            sends.add(producer.send(new ProducerRecord<>(Names.DLQ_TOPIC, d.original().key(), d.toBytes())));
            metrics.add(new MetricRecord(d.eventId(), row == null ? null : row.eventType(), row == null ? null : row.aggregateId(),
                    MetricRecord.STATUS_DEAD_LETTERED, d.kind().key(), d.reason(), null, d.original().partition(),
                    d.original().offset(), processorId, d.reason()));
            log.warn("event_dead_lettered processor={} kind={} event_id={} partition={} offset={} reason=\"{}\"", processorId,
                    d.kind().key(), d.eventId(), d.original().partition(), d.original().offset(), d.reason());
        }
        for (MetricRecord m : metrics) {
            byte[] key = m.eventId() == null ? null : m.eventId().getBytes(StandardCharsets.UTF_8);
            sends.add(producer.send(new ProducerRecord<>(Names.METRICS_TOPIC, key, m.toJsonLine().getBytes(StandardCharsets.UTF_8))));
        }
        // The offsets move on once Kafka has acknowledged all of it; meanwhile the next poll is processed (settle()).
        inFlight.add(new InFlight(firstOffsets(records), nextOffsets(records), sends, processedHere, failures.size(), skippedHere, latencies,
                metrics, !planned.isEmpty()));
    }

    /**
     * Commits, oldest first, the polls whose dead letters and metrics Kafka has acknowledged (with {@code wait}: all
     * of them, waiting). If Kafka refused one, every partition is rewound to the first record of the oldest poll not
     * yet committed, or of {@code unprocessed} (records polled but not processed yet, which the caller drops), so
     * those and everything after them are processed again (idempotent handlers), and the refusal is thrown.
     */
    private void settle(boolean wait, ConsumerRecords<byte[], byte[]> unprocessed) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        try {
            while (!inFlight.isEmpty() && (wait || inFlight.peek().acknowledged())) {
                InFlight poll = inFlight.peek();
                poll.await();
                inFlight.poll();
                offsets.putAll(poll.next());
                polls.incrementAndGet();
                processed.addAndGet(poll.processed());
                deadLettered.addAndGet(poll.deadLettered());
                skipped.addAndGet(poll.skipped());
                for (long latency : poll.latencies()) summary.record(latency);
                appendToMetricsFile(poll.metrics());
                if (poll.wroteModels()) statistics.markDirty();
            }
        } catch (RuntimeException e) {
            Map<TopicPartition, Long> from = new HashMap<>();
            for (InFlight poll : inFlight) poll.first().forEach((tp, offset) -> from.merge(tp, offset, Math::min));
            if (unprocessed != null) firstOffsets(unprocessed).forEach((tp, offset) -> from.merge(tp, offset, Math::min));
            inFlight.clear();
            from.forEach((tp, offset) -> {
                if (consumer.assignment().contains(tp)) consumer.seek(tp, offset);
            });
            throw e;
        } finally {
            processedOffsets.putAll(offsets);
            uncommitted.putAll(offsets);
            commitIfDue();
        }
    }

    /**
     * How long the next poll may wait for records: while polls are unsettled or offsets uncommitted, only until they
     * can be, so the offsets follow the events within about {@link #COMMIT_INTERVAL_NANOS} when the records stop.
     */
    private Duration pollTimeout() {
        if (inFlight.isEmpty() && uncommitted.isEmpty()) return POLL_TIMEOUT;
        long untilDue = TimeUnit.NANOSECONDS.toMillis(COMMIT_INTERVAL_NANOS - (System.nanoTime() - lastCommitNanos));
        return Duration.ofMillis(Math.min(POLL_TIMEOUT.toMillis(), Math.max(SETTLE_POLL_MILLIS, untilDue)));
    }

    /** The file is a by-product: after the commit, a failure to write it is logged, never a reason to re-read the poll. */
    private void appendToMetricsFile(List<MetricRecord> metrics) {
        if (metricsFile == null) return;
        try {
            metricsFile.append(metrics);
        } catch (IOException e) {
            log.warn("metrics_file_write_failed processor={} error=\"{}\"", processorId, e.toString());
        }
    }

    private record Planned(ConsumerRecord<byte[], byte[]> record, OutboxRow row, long t4, EventWrites writes) {}

    /** A poll written to MongoDB whose dead letters and metrics are on their way to Kafka; its offsets wait for them. */
    private record InFlight(Map<TopicPartition, Long> first, Map<TopicPartition, OffsetAndMetadata> next, List<Future<RecordMetadata>> sends,
            long processed, long deadLettered, long skipped, List<Long> latencies, List<MetricRecord> metrics, boolean wroteModels) {

        boolean acknowledged() {
            for (Future<RecordMetadata> send : sends) if (!send.isDone()) return false;
            return true;
        }

        void await() {
            for (Future<RecordMetadata> send : sends) {
                try {
                    send.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof KafkaException k ? k : new KafkaException("send to Kafka failed", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaException("interrupted while waiting for Kafka's acknowledgement", e);
                }
            }
        }
    }

    private static Map<TopicPartition, Long> firstOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) offsets.put(tp, records.records(tp).get(0).offset());
        return offsets;
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
            offsets.put(tp, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        return offsets;
    }

    /**
     * Commits the settled offsets, if the last commit was at least {@link #COMMIT_INTERVAL_NANOS} ago, without waiting:
     * the offsets are only ever those of writes MongoDB has acknowledged, so a commit that is lost or late merely means a
     * redelivery (idempotent handlers), while waiting for each one would hold every event that arrives meanwhile.
     * Revocation and close commit what was processed synchronously.
     */
    private void commitIfDue() {
        if (uncommitted.isEmpty() || System.nanoTime() - lastCommitNanos < COMMIT_INTERVAL_NANOS) return;
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(uncommitted);
        uncommitted.clear();
        lastCommitNanos = System.nanoTime();
        consumer.commitAsync(offsets, (committed, error) -> {
            if (error != null) log.warn("commit_failed processor={} error=\"{}\"; those records will be delivered again", processorId, error.toString());
        });
    }

    /** Before partitions are given up (revocation, close): waits for the polls in flight; a refused one is left uncommitted. */
    private void settleBeforeGivingUp() {
        try {
            settle(true, null);
        } catch (RuntimeException e) {
            log.warn("sends_failed processor={} error=\"{}\"; the polls not acknowledged are left uncommitted for a redelivery",
                    processorId, e.toString());
        }
    }

    /** Synchronously commits what was processed on {@code partitions} (all when null), before they are given up. */
    private void commitProcessed(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        processedOffsets.forEach((tp, o) -> {
            if (partitions == null || partitions.contains(tp)) offsets.put(tp, o);
        });
        if (offsets.isEmpty()) return;
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException e) {
            consumer.commitSync(offsets);
        } catch (RuntimeException e) {
            // The group moved on (rebalance, fenced): the new owner re-reads these records; idempotent handlers make that harmless.
            log.warn("commit_failed processor={} error=\"{}\"", processorId, e.toString());
        }
    }

    /** After a failed poll, read it again from its first record. */
    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            if (consumer.assignment().contains(tp)) consumer.seek(tp, records.records(tp).get(0).offset());
        }
    }

    private void sleep(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (running.get() && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, end - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.set(false);
            }
        }
    }

    /** Asks the loop to stop after the current poll; returns at once. Safe from any thread. */
    public void stop() {
        running.set(false);
        wakeUp();
    }

    private void wakeUp() {
        try {
            consumer.wakeup();
        } catch (RuntimeException e) {
            // already closed: the loop has ended
        }
    }

    /** Stops, waits for the current poll to be written and committed, and releases Kafka, MongoDB and the file. */
    @Override
    public void close() {
        stop();
        if (started.get()) {
            try {
                if (!finished.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("processor {} did not finish its poll within {}", processorId, CLOSE_TIMEOUT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            release(true);
        }
    }

    /** Frees Kafka, MongoDB and the file; {@code commit}: first waits for the polls in flight and commits what was processed. */
    private void release(boolean commit) {
        if (!released.compareAndSet(false, true)) return;
        try {
            if (commit) {
                settleBeforeGivingUp();
                commitProcessed(null);
            }
            consumer.close();
        } catch (RuntimeException e) {
            log.warn("closing the consumer of {} failed", processorId, e);
        }
        producer.close(Duration.ofSeconds(10));
        statistics.close(); // its last recompute needs MongoDB
        mongo.close();
        if (metricsFile != null) {
            try {
                metricsFile.close();
            } catch (IOException e) {
                log.warn("closing the metrics file failed", e);
            }
        }
        log.info("processor {} closed: {}", processorId, counters());
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (dead) return; // a dead loop commits nothing: what was in flight is delivered again to the next owner
            // Every poll was written before the next poll, where rebalances happen; wait for its sends and make its commit certain.
            settleBeforeGivingUp();
            commitProcessed(partitions);
            partitions.forEach(processedOffsets::remove);
            partitions.forEach(uncommitted::remove);
            assignment.updateAndGet(current -> minus(current, partitions));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignment.updateAndGet(current -> plus(current, partitions));
            log.info("processor {} assigned {}", processorId, assignment.get());
            joined.countDown();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Lost, not revoked: another member may own them already, so committing would be wrong.
            partitions.forEach(processedOffsets::remove);
            partitions.forEach(uncommitted::remove);
            assignment.updateAndGet(current -> minus(current, partitions));
        }
    }

    private static Set<TopicPartition> plus(Set<TopicPartition> a, Collection<TopicPartition> b) {
        var s = new HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }

    private static Set<TopicPartition> minus(Set<TopicPartition> a, Collection<TopicPartition> b) {
        var s = new HashSet<>(a);
        s.removeAll(b);
        return Set.copyOf(s);
    }
}
