package io.eventprocessor.measure;

import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Stage;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the collector knows at one moment, immutable, so a UI clock or a CLI progress line can read it on
 * any thread. Counts are of distinct event ids (delivery is at least once, so the processor may publish an
 * event's metric twice; the repeats are in {@link #duplicates()}).
 *
 * @param processedByType processed events by event type (exact)
 * @param deadLetteredByType dead-lettered events by event type ("unknown" when the record was too broken to tell)
 * @param latency one summary per stage, in {@link Stage} order
 * @param endToEndFromIntended T5 - intended send time, for events whose intended time was registered (paced runs)
 * @param perSecond processed events per epoch second of T5, ascending
 * @param recent the most recent metric records, oldest first
 * @param lag the consumer group's lag per partition (Admin API), empty until first measured
 * @param lagError why the lag could not be measured last time, or null
 * @param unreadable metric-topic values that were not metric records
 * @param firstT0 the earliest T0 of a processed event, null before the first
 * @param lastT5 the latest T5 of a processed event, null before the first
 * @param byProcessor what each processor did, by processor id ("unreported" for records without one)
 * @param t2Sources processed events by where their T2 came from ({@code T2Source} keys; "unreported" when the record
 *                  does not say)
 * @param peakLag the highest lag measured per outbox partition while the collector ran (empty without lag measurements)
 */
public record Snapshot(
        Instant takenAt,
        long processed,
        long deadLettered,
        long duplicates,
        Map<String, Long> processedByType,
        Map<String, Long> deadLetteredByType,
        Map<Stage, StageSummary> latency,
        Optional<StageSummary> endToEndFromIntended,
        Throughput throughput,
        List<ThroughputPoint> perSecond,
        List<MetricRecord> recent,
        List<PartitionLag> lag,
        String lagError,
        long unreadable,
        Instant firstT0,
        Instant lastT5,
        Map<String, InstanceCounts> byProcessor,
        Map<String, Long> t2Sources,
        Map<Integer, Long> peakLag) {

    public Snapshot {
        processedByType = Map.copyOf(processedByType);
        deadLetteredByType = Map.copyOf(deadLetteredByType);
        // EnumMap(Map) refuses an empty plain map, so copy through putAll.
        EnumMap<Stage, StageSummary> byStage = new EnumMap<>(Stage.class);
        byStage.putAll(latency);
        latency = Collections.unmodifiableMap(byStage);
        perSecond = List.copyOf(perSecond);
        recent = List.copyOf(recent);
        lag = List.copyOf(lag);
        byProcessor = Collections.unmodifiableMap(new TreeMap<>(byProcessor));
        t2Sources = Collections.unmodifiableMap(new TreeMap<>(t2Sources));
        peakLag = Collections.unmodifiableMap(new TreeMap<>(peakLag));
    }

    /** Processed plus dead-lettered: events with an outcome. */
    public long seen() {
        return processed + deadLettered;
    }

    public long totalLag() {
        return lag.stream().mapToLong(PartitionLag::lag).sum();
    }

    /** Seconds from the first T0 to the last T5 (the window the average throughput is taken over); 0 before any. */
    public double processingSeconds() {
        if (firstT0 == null || lastT5 == null) return 0;
        return (Clock.toMicros(lastT5) - Clock.toMicros(firstT0)) / 1_000_000.0;
    }
}
