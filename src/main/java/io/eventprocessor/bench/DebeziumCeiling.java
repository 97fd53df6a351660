package io.eventprocessor.bench;

import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.contract.Names;
import io.eventprocessor.loadgen.EventGenerator;
import io.eventprocessor.loadgen.LoadResult;
import io.eventprocessor.loadgen.LoadRunner;
import io.eventprocessor.loadgen.SendPlan;
import io.eventprocessor.loadgen.TimeSource;
import io.eventprocessor.outbox.OutboxEvent;
import io.eventprocessor.outbox.OutboxWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The Debezium-to-Kafka ceiling and the generator's insert rate: with the processor stopped (the caller stops it),
 * a burst goes into the outbox while a plain consumer (assigned every partition of the outbox topic, from its end,
 * no group, the pipeline's consumer settings) reads the change events; the figure is first insert to the last
 * record read, the same span the pipeline's burst throughput is taken over, minus our processor and MongoDB.
 */
public final class DebeziumCeiling {

    /**
     * @param insertEps the generator's insert rate in this burst
     * @param seconds first insert to the last change event read from the topic
     */
    public record Result(int events, double eventsPerSecond, double seconds, double insertEps, boolean complete) {}

    private DebeziumCeiling() {}

    public static Result measure(Settings settings, int events, Duration timeout) throws Exception {
        TimeSource time = TimeSource.system();
        List<OutboxEvent> batch = new EventGenerator(EventGenerator.randomSeed(), Instant.now()).mixed(events);
        AtomicLong received = new AtomicLong();
        AtomicLong lastMicros = new AtomicLong();
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.bytesConsumer(settings.kafkaBootstrapServers(), "bench-debezium-only-" + UUID.randomUUID(), null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Names.OUTBOX_TOPIC, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            for (TopicPartition tp : partitions) consumer.position(tp); // resolve the end before the first insert
            Thread reader = new Thread(() -> {
                try {
                    while (received.get() < events) {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                            if (r.value() == null) continue; // a tombstone, not a change event
                            received.incrementAndGet();
                            lastMicros.set(time.nowMicros());
                        }
                    }
                } catch (WakeupException stop) {
                    // timed out
                }
            }, "bench-debezium-only-reader");
            reader.setDaemon(true);
            reader.start();
            LoadResult load;
            try (OutboxWriter writer = OutboxWriter.open(settings)) {
                load = new LoadRunner(writer, time).run(batch, SendPlan.burst(Tuning.INSERT_BATCH_SIZE, Duration.ZERO));
            }
            if (load.failure().isPresent()) throw load.failure().get();
            reader.join(timeout.toMillis());
            if (reader.isAlive()) {
                consumer.wakeup();
                reader.join(5_000);
            }
            double seconds = (lastMicros.get() - load.startMicros()) / 1e6;
            boolean complete = received.get() >= events;
            return new Result(events, complete && seconds > 0 ? events / seconds : 0, seconds, load.insertRate(), complete);
        }
    }
}
