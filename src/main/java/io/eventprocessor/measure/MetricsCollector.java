package io.eventprocessor.measure;

import io.eventprocessor.clients.Clients;
import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Names;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the per-event metrics the processor publishes on {@link Names#METRICS_TOPIC} and keeps the run's
 * measurements ({@link MetricsAggregator}) current on a background thread. It learns about processing only
 * from that topic and the Admin API, so it measures an external pipeline the same way as the embedded one.
 *
 * <p>The consumer is assigned every partition by hand and commits nothing: a collector is an observer and must
 * not join (or disturb) any consumer group. The processor group's lag is polled once a second on a second
 * thread, so a slow Admin call never delays reading metrics.
 */
public final class MetricsCollector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsCollector.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

    /**
     * @param from read metrics published at or after this instant (offsetsForTimes); null = from the beginning
     * @param recentCapacity size of the ring of most recent records
     * @param onlyRegistered count only the events registered with {@link #expect} / {@link #registerIntended}
     * @param lagInterval how often the consumer group's lag is measured; null or zero = never
     */
    public record Options(String bootstrapServers, Instant from, int recentCapacity, boolean onlyRegistered, Duration lagInterval) {
        /** Everything on the topic published from {@code from} on, lag each second, the last 100 records. */
        public static Options from(String bootstrapServers, Instant from) {
            return new Options(bootstrapServers, from, 100, false, Duration.ofSeconds(1));
        }

        public Options countingOnlyRegistered() {
            return new Options(bootstrapServers, from, recentCapacity, true, lagInterval);
        }
    }

    private final Options options;
    private final MetricsAggregator aggregator;
    private final KafkaConsumer<String, String> consumer;
    private final Admin admin;
    private final Thread reader;
    private final ScheduledExecutorService lagPoller;
    private volatile List<PartitionLag> lag = List.of();
    private volatile String lagError;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private MetricsCollector(Options options) {
        this.options = options;
        this.aggregator = new MetricsAggregator(options.recentCapacity(), options.onlyRegistered());
        this.consumer = Clients.textConsumer(options.bootstrapServers(), "metrics-collector-" + UUID.randomUUID(), null);
        this.admin = Clients.kafkaAdmin(options.bootstrapServers(), "metrics-collector-admin-" + UUID.randomUUID());
        this.reader = new Thread(this::run, "metrics-collector");
        this.reader.setDaemon(true);
        this.lagPoller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metrics-collector-lag");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts reading at once; register the run's events before they are sent. */
    public static MetricsCollector start(Options options) {
        MetricsCollector collector = new MetricsCollector(options);
        collector.reader.start();
        Duration every = options.lagInterval();
        if (every != null && !every.isZero() && !every.isNegative()) {
            collector.lagPoller.scheduleWithFixedDelay(collector::refreshLag, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        }
        return collector;
    }

    public void expect(Collection<String> eventIds) {
        aggregator.expect(eventIds);
    }

    /** See {@link MetricsAggregator#registerIntended}. */
    public void registerIntended(Map<String, Long> eventIdToIntendedUs) {
        aggregator.registerIntended(eventIdToIntendedUs);
    }

    /** Waits until every id was processed or dead-lettered, or the timeout passed; says which are missing. */
    public AwaitResult awaitOutcomes(Collection<String> eventIds, Duration timeout) throws InterruptedException {
        return aggregator.awaitOutcomes(eventIds, timeout);
    }

    public Snapshot snapshot() {
        return aggregator.snapshot(Clock.nowMicros(), lag, lagError);
    }

    /** Percentile curves per stage for charts (computed on call; not part of the cheap {@link #snapshot()}). */
    public Map<String, PercentileCurve> curves() {
        return aggregator.curves();
    }

    /** Why the reader thread stopped, or null while it runs normally. */
    public Throwable failure() {
        return failure;
    }

    /** Measures the lag of {@link Names#CONSUMER_GROUP} now (committed offset vs log end, per partition). */
    public List<PartitionLag> measureLag() throws Exception {
        return groupLag(admin);
    }

    /** The lag of {@link Names#CONSUMER_GROUP} per partition, through {@code admin}: committed offset vs log end. */
    public static List<PartitionLag> groupLag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(Names.CONSUMER_GROUP)
                .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.forEach((tp, om) -> {
            if (om != null) latest.put(tp, OffsetSpec.latest());
        });
        if (latest.isEmpty()) return List.of();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<PartitionLag> result = new ArrayList<>();
        for (var e : ends.entrySet()) {
            TopicPartition tp = e.getKey();
            result.add(new PartitionLag(tp.topic(), tp.partition(), committed.get(tp).offset(), e.getValue().offset()));
        }
        result.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
        return result;
    }

    private void refreshLag() {
        try {
            lag = measureLag();
            lagError = null;
        } catch (Exception e) {
            // Closing interrupts a measurement in flight: that is no problem of the pipeline's to report.
            if (!running) return;
            // Keep the last known lag: a dashboard should show a stale figure with the reason, not zero.
            lagError = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private void run() {
        try {
            assign();
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(POLL)) accept(r.value());
            }
        } catch (WakeupException e) {
            if (running) failure = e;
        } catch (Throwable e) {
            failure = e;
            log.error("Metrics collector stopped: {}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private void accept(String value) {
        if (value == null) {
            aggregator.unreadable();
            return;
        }
        try {
            aggregator.accept(MetricRecord.fromJson(value));
        } catch (IllegalArgumentException e) {
            aggregator.unreadable();
        }
    }

    /** Waits for the topic to exist (the processor may create it later), then positions every partition. */
    private void assign() throws InterruptedException {
        List<PartitionInfo> infos;
        while (true) {
            infos = consumer.partitionsFor(Names.METRICS_TOPIC, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) break;
            if (!running) return;
            Thread.sleep(500);
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        if (options.from() == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        // The log end is taken before the time query: a record appended after it has a higher offset, so when no
        // record at or after the instant exists yet, seeking there (not to a later, lazily resolved end) loses nothing
        // published while the collector was starting.
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        Map<TopicPartition, Long> query = new HashMap<>();
        for (TopicPartition tp : partitions) query.put(tp, options.from().toEpochMilli());
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query, Duration.ofSeconds(10));
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = offsets.get(tp);
            consumer.seek(tp, at != null ? at.offset() : ends.get(tp));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        lagPoller.shutdownNow();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(2));
    }
}
