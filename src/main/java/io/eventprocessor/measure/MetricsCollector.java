package io.eventprocessor.measure;

import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Tuning;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
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
    private static final Duration POLL = Duration.ofMillis(Tuning.CONSUMER_POLL_TIMEOUT_MS);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration GATHER = Duration.ofMillis(Tuning.METRICS_READER_GATHER_MS);

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
    /** Counted down once the reader is positioned on the topic, and once the first lag measurement is over. */
    private final CountDownLatch ready;
    private volatile List<PartitionLag> lag = List.of();
    /** The highest lag seen per outbox partition; written by the lag thread only. */
    private final Map<Integer, Long> peakLag = new ConcurrentHashMap<>();
    private volatile String lagError;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private MetricsCollector(Options options) {
        this.options = options;
        this.aggregator = new MetricsAggregator(options.recentCapacity(), options.onlyRegistered());
        this.consumer = Clients.textConsumer(options.bootstrapServers(), "metrics-collector-" + UUID.randomUUID(), null);
        this.admin = Clients.kafkaAdmin(options.bootstrapServers(), "metrics-collector-admin-" + UUID.randomUUID());
        this.ready = new CountDownLatch(measuresLag(options) ? 2 : 1);
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
        if (measuresLag(options)) {
            collector.lagPoller.scheduleWithFixedDelay(collector::refreshLag, 0, options.lagInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
        return collector;
    }

    private static boolean measuresLag(Options options) {
        Duration every = options.lagInterval();
        return every != null && !every.isZero() && !every.isNegative();
    }

    /**
     * Waits until the collector has started: its reader positioned on the metrics topic (metadata, offsets) and the
     * first lag measurement made, or {@code max} passed; true when started. Its first requests cost connections, and
     * in a JVM just launched a few tens of milliseconds of CPU, which a run should spend before its first insert rather
     * than beside its first events. Nothing is lost by not waiting: a record published meanwhile is still read.
     */
    public boolean awaitStarted(Duration max) throws InterruptedException {
        return ready.await(max.toMillis(), TimeUnit.MILLISECONDS);
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
        return aggregator.snapshot(Clock.nowMicros(), lag, Map.copyOf(peakLag), lagError, false);
    }

    /** The snapshot a run's report is built from: like {@link #snapshot()}, with the run's peak throughput computed exactly now. */
    public Snapshot finalSnapshot() {
        return aggregator.snapshot(Clock.nowMicros(), lag, Map.copyOf(peakLag), lagError, true);
    }

    /** T0/T5 of the run's processed events (when counting only registered events). */
    public RunTimeline timeline() {
        return aggregator.timeline();
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
            for (PartitionLag l : lag) {
                if (l.topic().equals(Names.OUTBOX_TOPIC)) peakLag.merge(l.partition(), l.lag(), Math::max);
            }
            lagError = null;
        } catch (Exception e) {
            // Closing interrupts a measurement in flight: that is no problem of the pipeline's to report.
            if (!running) return;
            // Keep the last known lag: a dashboard should show a stale figure with the reason, not zero.
            lagError = e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            ready.countDown(); // the first measurement, whatever its outcome; later ones count no further
        }
    }

    /**
     * Reads until closed. A broker that goes away (a restart, a stack killed and started again on the same ports) is
     * waited for: the consumer reconnects by itself, and a failed call is tried again after {@link #RETRY}.
     */
    private void run() {
        try {
            while (running && !assigned()) sleep(RETRY);
            ready.countDown();
            while (running) {
                try {
                    ConsumerRecords<String, String> records = consumer.poll(POLL);
                    for (ConsumerRecord<String, String> r : records) accept(r.value());
                    // While events flow, the next records gather on the broker, to come in one fetch.
                    if (!records.isEmpty()) sleep(GATHER);
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    log.warn("Reading the metrics failed ({}); trying again in {} ms", e.toString(), RETRY.toMillis());
                    sleep(RETRY);
                }
            }
        } catch (WakeupException e) {
            if (running) failure = e;
        } catch (Throwable e) {
            failure = e;
            log.error("Metrics collector stopped: {}", e.toString(), e);
        } finally {
            ready.countDown(); // a reader that stopped keeps nobody waiting for it to start
            // Without waiting: the reader is in no group and commits nothing, and a wait only sat behind the fetch still
            // pending on the broker (up to its fetch.max.wait.ms), which held every run's end about a second.
            consumer.close(Duration.ZERO);
        }
    }

    /** Assigns the metrics topic's partitions; false (to be tried again) when the broker did not answer. */
    private boolean assigned() throws InterruptedException {
        try {
            assign();
            return true;
        } catch (KafkaException e) {
            log.warn("The metrics topic cannot be read yet ({}); trying again in {} ms", e.toString(), RETRY.toMillis());
            return false;
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
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

    /**
     * Waits for the topic to exist (the processor may create it later), then positions every partition. A metadata or
     * offset query that times out (a cluster just started, a busy machine) is asked again rather than ending the reading.
     */
    private void assign() throws InterruptedException {
        while (running) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(Names.METRICS_TOPIC, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    position(infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList());
                    return;
                }
            } catch (TimeoutException e) {
                log.debug("metrics topic not ready yet: {}", e.toString());
            }
            Thread.sleep(500);
        }
    }

    private void position(List<TopicPartition> partitions) {
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
