package io.eventprocessor.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.Names;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Debezium PostgreSQL connector in the embedded engine and relays its change events to Kafka,
 * as Kafka Connect would: same topics, same keys, JSON envelopes without schemas. Each record carries the
 * header {@link EnvelopeParser#T2_HEADER}: the microsecond it was handed to the producer (linger 0, so it is sent at once).
 * Debezium's offsets are committed only after Kafka acknowledged the records, so a restart neither loses nor
 * replays the whole stream.
 */
public final class DebeziumRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DebeziumRelay.class);

    private final DebeziumEngine<ChangeEvent<String, String>> engine;
    private final KafkaProducer<String, String> producer;
    private final ExecutorService executor;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong relayed = new AtomicLong();

    private DebeziumRelay(Settings settings, Path offsetFile) {
        this.producer = Clients.textProducer(settings.kafkaBootstrapServers(), "debezium-relay");

        Properties props = new Properties();
        props.putAll(DebeziumConfig.connectorProperties(settings));
        props.put("name", Names.CONNECTOR_NAME);
        props.put("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        props.put("offset.storage.file.filename", offsetFile.toAbsolutePath().toString());
        props.put("offset.flush.interval.ms", Integer.toString(Tuning.DEBEZIUM_OFFSET_FLUSH_INTERVAL_MS));
        props.put("converter.schemas.enable", "false");
        props.put("key.converter.schemas.enable", "false");
        props.put("value.converter.schemas.enable", "false");
        // The slot and publication exist already (ReplicationSetup); Debezium must not drop the slot on stop.
        props.put("slot.drop.on.stop", "false");
        props.put("errors.max.retries", "-1");

        this.engine = DebeziumEngine.create(Json.class)
                .using(props)
                .using((success, message, error) -> {
                    if (!success) {
                        failure.set(error != null ? error : new IllegalStateException(message));
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
        DebeziumRelay relay = new DebeziumRelay(settings, offsetFile);
        relay.executor.execute(relay.engine);
        return relay;
    }

    private void relay(List<ChangeEvent<String, String>> records, DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        for (ChangeEvent<String, String> event : records) {
            ProducerRecord<String, String> record = new ProducerRecord<>(event.destination(), event.key(), event.value());
            record.headers().add(EnvelopeParser.T2_HEADER, Long.toString(Clock.nowMicros()).getBytes(StandardCharsets.US_ASCII));
            sends.add(producer.send(record));
        }
        for (int i = 0; i < records.size(); i++) {
            try {
                sends.get(i).get();
            } catch (ExecutionException e) {
                // Not marking the record processed keeps it in Debezium's offsets: it is sent again after restart.
                throw new IllegalStateException("Kafka refused a change event: " + e.getCause().getMessage(), e.getCause());
            }
            committer.markProcessed(records.get(i));
        }
        committer.markBatchFinished();
        relayed.addAndGet(records.size());
    }

    /** Change events (heartbeats included) relayed to Kafka since start. */
    public long relayed() {
        return relayed.get();
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
