package io.eventprocessor.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.FailureKind;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.OutboxRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Debezium PostgreSQL connector in the embedded engine and relays its change events to Kafka, as Kafka Connect
 * would: same topics, same keys, JSON envelopes without schemas. Each record carries the header
 * {@link EnvelopeParser#T2_HEADER}: the microsecond it was handed to the producer (linger 0, so it is sent at once).
 *
 * <p>Sends are pipelined: a batch is handed to the producer and the engine goes on polling; Debezium's offsets of a
 * record are marked once Kafka has acknowledged it and every record before it, at the start of a later batch (or
 * before the relay goes idle), so a restart neither loses nor replays the whole stream. A change event Kafka refuses
 * for its size can never be sent: it goes to the dead-letter topic as a size-capped reference, with a dead-lettered
 * metric, and the stream goes on. Any other refusal stops the engine ({@link #failure()}); its offsets are not marked,
 * so a restarted relay sends it again.
 *
 * <p>Idle: with {@link Doorbell} ringing on every write to the outbox, the engine's thread waits inside the relay once
 * a whole heartbeat interval has passed without a write, instead of polling Debezium's queue every few milliseconds;
 * the next write wakes it. Debezium hands the relay a heartbeat every interval, which is when it can decide to wait.
 */
public final class DebeziumRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DebeziumRelay.class);

    /** Sends not yet acknowledged beyond which a batch waits for the oldest: bounds the producer's memory. */
    static final int MAX_IN_FLIGHT = 20_000;
    /**
     * How long the idle engine thread waits for the doorbell before it takes the heartbeats queued meanwhile: it bounds
     * that queue, and the wait of a change whose ring came more than a heartbeat interval before PostgreSQL had decoded
     * its transaction (only a commit of many thousands of rows takes that long).
     */
    static final Duration IDLE_WAIT = Duration.ofSeconds(5);
    /** Quiet for a whole heartbeat interval: the relay may wait for the doorbell. */
    static final Duration QUIET = Duration.ofMillis(Tuning.DEBEZIUM_HEARTBEAT_INTERVAL_MS);
    /** Characters of an oversize change event kept in its dead letter, so that it can be found in the outbox. */
    static final int OVERSIZE_HEAD_CHARS = 1_024;

    private final DebeziumEngine<ChangeEvent<String, String>> engine;
    private final KafkaProducer<String, String> producer;
    private final ExecutorService executor;
    private final Doorbell doorbell;
    private final EnvelopeParser parser = new EnvelopeParser();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    /** Sent, not yet marked: engine thread only. */
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();

    private record Pending(ChangeEvent<String, String> event, Future<RecordMetadata> ack) {}

    private DebeziumRelay(Settings settings, Path offsetFile, Doorbell doorbell) {
        this.producer = Clients.textProducer(settings.kafkaBootstrapServers(), "debezium-relay");
        this.doorbell = doorbell;

        Properties props = new Properties();
        props.putAll(DebeziumConfig.connectorProperties(settings));
        WakeOnDataConnector.configure(props, UUID.randomUUID().toString());
        props.put("name", Names.CONNECTOR_NAME);
        props.put("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        props.put("offset.storage.file.filename", offsetFile.toAbsolutePath().toString());
        props.put("offset.flush.interval.ms", Integer.toString(Tuning.DEBEZIUM_OFFSET_FLUSH_INTERVAL_MS));
        props.put("converter.schemas.enable", "false");
        props.put("key.converter.schemas.enable", "false");
        props.put("value.converter.schemas.enable", "false");
        // One conversion thread that stays alive: with none set, the engine starts one per batch after a minute idle.
        props.put("record.processing.threads", "1");
        // The slot and publication exist already (ReplicationSetup); Debezium must not drop the slot on stop.
        props.put("slot.drop.on.stop", "false");
        props.put("errors.max.retries", "-1");

        this.engine = DebeziumEngine.create(Json.class)
                .using(props)
                .using((success, message, error) -> {
                    if (!success) {
                        failure.compareAndSet(null, error != null ? error : new IllegalStateException(message));
                        log.error("Debezium engine stopped: {}", message, error);
                    }
                    stopped.complete(null);
                })
                .notifying(this::relay)
                .build();
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "debezium-engine");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the engine; offsets live in {@code offsetFile} (created on first use). */
    public static DebeziumRelay start(Settings settings, Path offsetFile) throws IOException {
        Files.createDirectories(offsetFile.toAbsolutePath().getParent());
        DebeziumRelay relay = new DebeziumRelay(settings, offsetFile, Doorbell.listen(settings));
        relay.executor.execute(relay.engine);
        return relay;
    }

    private void relay(List<ChangeEvent<String, String>> events, DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer)
            throws InterruptedException {
        markAcknowledged(committer, false);
        boolean heartbeatsOnly = true;
        long newestHeartbeat = -1;
        for (ChangeEvent<String, String> event : events) {
            boolean heartbeat = Names.HEARTBEAT_TOPIC.equals(event.destination());
            heartbeatsOnly &= heartbeat;
            if (heartbeat) newestHeartbeat = Math.max(newestHeartbeat, emittedMillis(event.value()));
            ProducerRecord<String, String> record = new ProducerRecord<>(event.destination(), event.key(), event.value());
            record.headers().add(EnvelopeParser.T2_HEADER, Long.toString(Clock.nowMicros()).getBytes(StandardCharsets.US_ASCII));
            pending.addLast(new Pending(event, producer.send(record)));
        }
        relayed.addAndGet(events.size());
        while (pending.size() > MAX_IN_FLIGHT) markOldest(committer);
        if (heartbeatsOnly) idle(committer, newestHeartbeat);
    }

    private static final Pattern TS_MS = Pattern.compile("\"ts_ms\"\\s*:\\s*(\\d+)");

    /** When Debezium emitted a heartbeat ({@code {"ts_ms": ...}}), epoch milliseconds; -1 when it does not say. */
    static long emittedMillis(String heartbeat) {
        Matcher m = heartbeat == null ? null : TS_MS.matcher(heartbeat);
        return m != null && m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * Heartbeats alone. Debezium emits one only when a read of the replication stream found nothing, so a heartbeat
     * emitted just now, with no write ringing the doorbell for a whole heartbeat interval, means nothing is on its way:
     * everything sent is acknowledged and marked, and the thread waits for the next write (or {@link #IDLE_WAIT}).
     * Older heartbeats were queued while it waited; they pass, so the queue drains before it waits again.
     */
    private void idle(DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer, long emittedMillis) throws InterruptedException {
        long rings = doorbell.rings();
        boolean fresh = emittedMillis > 0 && System.currentTimeMillis() - emittedMillis < QUIET.toMillis();
        if (fresh && doorbell.listening() && doorbell.sinceLastRing().compareTo(QUIET) >= 0) {
            markAcknowledged(committer, true);
            doorbell.awaitRingAfter(rings, IDLE_WAIT);
        }
    }

    /** Marks, oldest first, every record Kafka has acknowledged (with {@code all}: waits for every one). */
    private void markAcknowledged(DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer, boolean all)
            throws InterruptedException {
        boolean marked = false;
        while (!pending.isEmpty() && (all || pending.peekFirst().ack().isDone())) {
            markOldest(committer);
            marked = true;
        }
        if (marked) committer.markBatchFinished();
    }

    private void markOldest(DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer) throws InterruptedException {
        Pending p = pending.peekFirst();
        try {
            p.ack().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof RecordTooLargeException)) {
                // Not marked: the record stays in Debezium's offsets and is sent again by a restarted relay.
                throw new IllegalStateException("Kafka refused a change event: " + e.getCause().getMessage(), e.getCause());
            }
            deadLetterOversize(p.event(), e.getCause().getMessage());
        }
        pending.removeFirst();
        committer.markProcessed(p.event());
    }

    /** A change event too large for Kafka: its head goes to the dead-letter topic, and a metric says so. */
    private void deadLetterOversize(ChangeEvent<String, String> event, String reason) throws InterruptedException {
        String value = event.value() == null ? "" : event.value();
        ParseResult parsed = parser.parse(value.getBytes(StandardCharsets.UTF_8), null, System.currentTimeMillis());
        OutboxRow row = parsed instanceof ParseResult.Change c ? c.row() : null;
        String eventId = row != null ? row.eventId() : parsed instanceof ParseResult.Poison p ? p.eventId() : null;
        String why = "change event of " + value.length() + " characters refused by Kafka: " + reason;
        String letter = OversizeLetter.json(FailureKind.PAYLOAD_TOO_LARGE, why, eventId, event.destination(), event.key(),
                value.length(), value.substring(0, Math.min(OVERSIZE_HEAD_CHARS, value.length())));
        MetricRecord metric = new MetricRecord(eventId, row == null ? null : row.eventType(), row == null ? null : row.aggregateId(),
                MetricRecord.STATUS_DEAD_LETTERED, FailureKind.PAYLOAD_TOO_LARGE.key(), why, null, -1, -1, "debezium-relay", why);
        try {
            producer.send(new ProducerRecord<>(Names.DLQ_TOPIC, event.key(), letter)).get();
            producer.send(new ProducerRecord<>(Names.METRICS_TOPIC, eventId, metric.toJsonLine())).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the dead letter of an oversize change event: " + e.getCause().getMessage(), e.getCause());
        }
        deadLettered.incrementAndGet();
        log.warn("change_event_dead_lettered kind={} event_id={} reason=\"{}\"", FailureKind.PAYLOAD_TOO_LARGE.key(), eventId, why);
    }

    /** Change events (heartbeats included) handed to Kafka since start. */
    public long relayed() {
        return relayed.get();
    }

    /** Change events too large for Kafka, sent to the dead-letter topic as references instead. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /** Why the engine stopped on its own, if it did. */
    public Throwable failure() {
        return failure.get();
    }

    public boolean isRunning() {
        return !stopped.isDone();
    }

    @Override
    public void close() throws IOException {
        doorbell.close(); // wakes an idle engine thread, so that the engine can stop
        engine.close();
        try {
            stopped.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Debezium engine did not stop within 30 s");
        }
        executor.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
