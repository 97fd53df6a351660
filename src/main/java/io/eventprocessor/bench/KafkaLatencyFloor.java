package io.eventprocessor.bench;

import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.measure.LatencyStats;
import io.eventprocessor.measure.StageSummary;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The Kafka-only floor: what Kafka's {@code org.apache.kafka.tools.EndToEndLatency} measures, as an equivalent
 * loop on the stack's own broker with the pipeline's producer and consumer settings ({@link Tuning}): one record at
 * a time, closed loop - send, wait for the acknowledgement (acks=all), poll until that record is back, take the time,
 * next. Differences from the tool, on purpose: times are kept in microseconds in an HdrHistogram (the tool truncates
 * each to whole milliseconds), and a warm-up of records is not counted. The tool itself is not used: it needs
 * kafka-tools plus argparse4j and jopt-simple in the jar, prints its figures instead of returning them, and calls
 * {@code Exit} on errors.
 */
public final class KafkaLatencyFloor {
    public static final String TOPIC = "bench.kafka-only-latency";

    public record Result(StageSummary summary, long records, String method) {}

    private KafkaLatencyFloor() {}

    public static Result measure(String bootstrapServers, int warmupRecords, int records, int recordBytes) throws Exception {
        createTopic(bootstrapServers);
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        LatencyStats stats = new LatencyStats();
        Random random = new Random(42);
        try (KafkaProducer<byte[], byte[]> producer = Clients.bytesProducer(bootstrapServers, "bench-kafka-only-producer");
                KafkaConsumer<byte[], byte[]> consumer = Clients.bytesConsumer(bootstrapServers, "bench-kafka-only-consumer", null)) {
            consumer.assign(List.of(tp));
            consumer.seekToEnd(List.of(tp));
            consumer.position(tp); // resolve the end now, before the first send
            for (int i = 0; i < warmupRecords + records; i++) {
                byte[] value = new byte[recordBytes];
                random.nextBytes(value);
                long begin = System.nanoTime();
                producer.send(new ProducerRecord<>(TOPIC, value)).get(30, TimeUnit.SECONDS);
                byte[] got = awaitRecord(consumer);
                long elapsedNanos = System.nanoTime() - begin;
                if (!Arrays.equals(value, got)) throw new IllegalStateException("Kafka-only loop read back a different record at " + i);
                if (i >= warmupRecords) stats.recordMicros(elapsedNanos / 1_000);
            }
        }
        String method = String.format(Locale.ROOT,
                "equivalent of Kafka's EndToEndLatency: closed loop, %d records of %d B after %d warm-up, acks=%s, linger.ms=%d, "
                        + "same broker and Tuning settings", records, recordBytes, warmupRecords, Tuning.PRODUCER_ACKS, Tuning.PRODUCER_LINGER_MS);
        return new Result(stats.summary(), records, method);
    }

    private static byte[] awaitRecord(KafkaConsumer<byte[], byte[]> consumer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> got = consumer.poll(Duration.ofMillis(100));
            for (ConsumerRecord<byte[], byte[]> r : got) {
                return r.value(); // one record in flight at a time: the next one is ours
            }
        }
        throw new IllegalStateException("Kafka-only loop: a record did not come back within 30 s");
    }

    private static void createTopic(String bootstrapServers) throws Exception {
        try (Admin admin = Clients.kafkaAdmin(bootstrapServers, "bench-kafka-only-admin")) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) throw e;
        }
    }
}
