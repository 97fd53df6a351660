package io.eventprocessor.measure;

import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.EventTiming;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Stage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bookkeeping of {@link MetricsCollector}, without Kafka: fed metric records, it keeps per-stage latency,
 * exact counts by type, throughput and the most recent records. All methods are synchronized: one thread
 * feeds it while others take snapshots or wait for events.
 *
 * <p>Its memory is bounded whatever runs through it: latencies are HdrHistograms; per-event state exists only for
 * the events of a run (registered, so as many as the run sent: their outcomes, intended times and T0/T5); a collector
 * that counts everything (monitor, verify) remembers the last {@link #RECENT_IDS} event ids to tell redeliveries from
 * new events, and the per-second series keeps the last {@link #SECONDS_KEPT} seconds.
 */
public final class MetricsAggregator {
    public static final String END_TO_END_FROM_INTENDED = "end_to_end_from_intended";
    static final String UNKNOWN_TYPE = "unknown";
    /** The processor id or T2 source of records that do not name one. */
    public static final String UNREPORTED = "unreported";
    private static final long SECOND_US = 1_000_000L;
    /**
     * Event ids a collector that counts everything remembers, to tell a redelivery from a new event: redeliveries come
     * within the polls in flight of a crashed or rebalanced processor (at most a few thousand records), so 20,000 covers
     * them at any rate this pipeline reaches; a whole topic replayed after a stack restart is counted again.
     */
    static final int RECENT_IDS = 20_000;
    /** Seconds of the per-second throughput series kept (the charts' history). */
    static final int SECONDS_KEPT = 3_600;
    /** A live snapshot recomputes a large run's exact peak at most this often; the final one always does. */
    private static final long PEAK_REFRESH_NANOS = 1_000_000_000L;

    private final int recentCapacity;
    private final boolean onlyRegistered;

    private final Map<Stage, LatencyStats> stages = new EnumMap<>(Stage.class);
    private final LatencyStats fromIntended = new LatencyStats();
    private final Map<String, Long> intendedUs = new HashMap<>();
    /** T5 of registered events processed before their intended time was registered. */
    private final Map<String, Long> t5AwaitingIntended = new HashMap<>();
    private final Set<String> registered = new HashSet<>();
    /**
     * First outcome per event id; later records for the same id are redeliveries. A run's events only (bounded by the
     * run), or, counting everything, the last {@link #RECENT_IDS} ids.
     */
    private final Map<String, String> outcomes;
    /** T0/T5 of a run's processed events (registered mode only). */
    private final RunTimeline timeline = new RunTimeline();
    private double cachedPeak;
    private long cachedPeakCount = -1;
    private long cachedPeakAtNanos;
    private final Map<String, Long> processedByType = new TreeMap<>();
    private final Map<String, Long> deadLetteredByType = new TreeMap<>();
    private final TreeMap<Long, Long> perSecond = new TreeMap<>();
    /** T5s of the last second or so, for the current rate. */
    private final ArrayDeque<Long> recentT5 = new ArrayDeque<>();
    private final ArrayDeque<MetricRecord> recent;
    /** Per processor id: bounded by the number of processors, not of events. */
    private final Map<String, Instance> instances = new TreeMap<>();
    /** Processed events by where their T2 came from. */
    private final Map<String, Long> t2Sources = new TreeMap<>();
    private long processed;
    private long deadLettered;
    private long duplicates;
    private long unreadable;
    private long firstT0 = Long.MAX_VALUE;
    private long lastT5 = Long.MIN_VALUE;

    /**
     * @param recentCapacity how many recent records to keep for a "recent events" table
     * @param onlyRegistered count only events registered with {@link #expect} or {@link #registerIntended}
     *                       (other traffic on a shared metrics topic is ignored); register them before they are sent
     */
    public MetricsAggregator(int recentCapacity, boolean onlyRegistered) {
        if (recentCapacity < 1) throw new IllegalArgumentException("recentCapacity must be at least 1");
        this.recentCapacity = recentCapacity;
        this.onlyRegistered = onlyRegistered;
        this.recent = new ArrayDeque<>(recentCapacity);
        for (Stage s : Stage.values()) stages.put(s, new LatencyStats());
        this.outcomes = onlyRegistered ? new HashMap<>() : new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > RECENT_IDS;
            }
        };
    }

    /** Declares events this run will send, so they are counted when only registered events are. */
    public synchronized void expect(Collection<String> eventIds) {
        registered.addAll(eventIds);
    }

    /**
     * Intended send times (µs since the epoch) of a paced run, so that latency is also measured from when an
     * event should have been sent: a stalled sender then shows as latency instead of hiding it (coordinated
     * omission). May come before or after the events' metrics: a paced sender learns its schedule as it goes.
     */
    public synchronized void registerIntended(Map<String, Long> eventIdToIntendedUs) {
        intendedUs.putAll(eventIdToIntendedUs);
        registered.addAll(eventIdToIntendedUs.keySet());
        eventIdToIntendedUs.forEach((id, intended) -> {
            Long t5 = t5AwaitingIntended.remove(id);
            if (t5 != null) {
                fromIntended.recordMicros(t5 - intended);
                intendedUs.remove(id);
            }
        });
    }

    public synchronized void unreadable() {
        unreadable++;
    }

    public synchronized void accept(MetricRecord m) {
        String id = m.eventId();
        if (onlyRegistered && (id == null || !registered.contains(id))) return;
        if (id != null && outcomes.containsKey(id)) {
            duplicates++;
            return;
        }
        if (id != null) outcomes.put(id, m.status());
        String type = m.eventType() == null ? UNKNOWN_TYPE : m.eventType();
        Instance instance = instances.computeIfAbsent(m.processorId() == null ? UNREPORTED : m.processorId(), k -> new Instance());
        instance.partitions.add(m.partition());
        if (m.processed() && m.timing() != null) {
            processed++;
            processedByType.merge(type, 1L, Long::sum);
            t2Sources.merge(m.t2Source() == null ? UNREPORTED : m.t2Source(), 1L, Long::sum);
            recordTiming(id, m.timing());
            instance.processed++;
            instance.recentT5.addLast(m.timing().t5());
            instance.prune(lastT5);
        } else {
            // A dead letter, or a "processed" record without timing (cannot happen with MetricRecord.toJson):
            // either way the event did not measurably reach MongoDB.
            deadLettered++;
            deadLetteredByType.merge(type, 1L, Long::sum);
            instance.deadLettered++;
        }
        if (recent.size() == recentCapacity) recent.removeFirst();
        recent.addLast(m);
        notifyAll();
    }

    private void recordTiming(String id, EventTiming t) {
        for (Stage s : Stage.values()) stages.get(s).recordMicros(s.of(t));
        // An event has one first outcome: its intended time is needed once, then forgotten.
        Long intended = id == null ? null : intendedUs.remove(id);
        if (intended != null) fromIntended.recordMicros(t.t5() - intended);
        else if (id != null && registered.contains(id)) t5AwaitingIntended.put(id, t.t5());
        if (onlyRegistered) timeline.add(t.t0(), t.t5());
        firstT0 = Math.min(firstT0, t.t0());
        lastT5 = Math.max(lastT5, t.t5());
        perSecond.merge(Math.floorDiv(t.t5(), SECOND_US), 1L, Long::sum);
        while (perSecond.size() > SECONDS_KEPT) perSecond.pollFirstEntry();
        recentT5.addLast(t.t5());
        pruneRecentT5(lastT5);
    }

    /** Keeps two seconds of T5s: records arrive almost, not exactly, in T5 order across partitions. */
    private void pruneRecentT5(long reference) {
        while (!recentT5.isEmpty() && recentT5.peekFirst() < reference - 2 * SECOND_US) recentT5.removeFirst();
    }

    /**
     * Waits until every id has an outcome (processed or dead-lettered) or the timeout passes.
     */
    public synchronized AwaitResult awaitOutcomes(Collection<String> eventIds, Duration timeout) throws InterruptedException {
        Set<String> wanted = new HashSet<>(eventIds);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            wanted.removeIf(outcomes::containsKey);
            long left = deadline - System.nanoTime();
            if (wanted.isEmpty() || left <= 0) break;
            long ms = Math.max(1, left / 1_000_000L);
            wait(ms);
        }
        return new AwaitResult(new HashSet<>(eventIds).size(), wanted.stream().sorted().toList());
    }

    public synchronized Snapshot snapshot(long nowUs, List<PartitionLag> lag, String lagError) {
        return snapshot(nowUs, lag, Map.of(), lagError, false);
    }

    /**
     * @param peakLag the highest lag measured per partition so far
     * @param exact compute a run's peak throughput now, whatever it costs (the final snapshot of a run)
     */
    public synchronized Snapshot snapshot(long nowUs, List<PartitionLag> lag, Map<Integer, Long> peakLag, String lagError, boolean exact) {
        Map<Stage, StageSummary> latency = new LinkedHashMap<>();
        for (Stage s : Stage.values()) latency.put(s, stages.get(s).summary());
        Optional<StageSummary> intended = fromIntended.count() == 0 ? Optional.empty() : Optional.of(fromIntended.summary());
        List<ThroughputPoint> series = new ArrayList<>();
        perSecond.forEach((sec, n) -> series.add(new ThroughputPoint(sec, n)));
        return new Snapshot(Clock.fromMicros(nowUs), processed, deadLettered, duplicates, processedByType,
                deadLetteredByType, latency, intended, throughput(nowUs, exact), series, new ArrayList<>(recent),
                lag, lagError, unreadable,
                processed == 0 ? null : Clock.fromMicros(firstT0),
                processed == 0 ? null : Clock.fromMicros(lastT5),
                byProcessor(nowUs), t2Sources, peakLag);
    }

    private Map<String, InstanceCounts> byProcessor(long nowUs) {
        Map<String, InstanceCounts> out = new LinkedHashMap<>();
        long spanUs = lastT5 - firstT0;
        instances.forEach((id, i) -> out.put(id, new InstanceCounts(i.processed, i.deadLettered, currentRate(i.recentT5, nowUs),
                processed > 0 && spanUs > 0 ? i.processed * (double) SECOND_US / spanUs : 0, new ArrayList<>(i.partitions))));
        return out;
    }

    /** Events whose T5 lies in the second before {@code nowUs}. */
    private static long currentRate(ArrayDeque<Long> t5s, long nowUs) {
        long current = 0;
        for (Iterator<Long> it = t5s.descendingIterator(); it.hasNext(); ) {
            long t5 = it.next();
            if (t5 > nowUs - SECOND_US && t5 <= nowUs) current++;
        }
        return current;
    }

    /** One processor's counts, and its T5s of the last two seconds or so for its current rate. */
    private static final class Instance {
        long processed;
        long deadLettered;
        final TreeSet<Integer> partitions = new TreeSet<>();
        final ArrayDeque<Long> recentT5 = new ArrayDeque<>();

        void prune(long reference) {
            while (!recentT5.isEmpty() && recentT5.peekFirst() < reference - 2 * SECOND_US) recentT5.removeFirst();
        }
    }

    private Throughput throughput(long nowUs, boolean exact) {
        if (processed == 0) return Throughput.NONE;
        long current = currentRate(recentT5, nowUs);
        long spanUs = lastT5 - firstT0;
        double average = spanUs > 0 ? processed * (double) SECOND_US / spanUs : 0;
        return new Throughput(current, average, peak(exact));
    }

    /**
     * A run's peak: the busiest window of at most a second sliding over its T5s ({@link RunTimeline#peakEps}), never below
     * the average. Counting everything (no run): the most events acknowledged within one whole epoch second of the kept
     * series.
     */
    private double peak(boolean exact) {
        if (!onlyRegistered) return perSecond.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long now = System.nanoTime();
        boolean stale = cachedPeakCount != processed;
        boolean cheap = processed <= 20_000 || now - cachedPeakAtNanos > PEAK_REFRESH_NANOS;
        if (stale && (exact || cheap)) {
            cachedPeak = timeline.peakEps(firstT0, lastT5);
            cachedPeakCount = processed;
            cachedPeakAtNanos = now;
        }
        return cachedPeak;
    }

    /** T0/T5 of a run's processed events (empty unless counting only registered events). */
    public RunTimeline timeline() {
        return timeline;
    }

    /** Percentile curves for charts, keyed by stage key and {@value #END_TO_END_FROM_INTENDED} when measured. */
    public synchronized Map<String, PercentileCurve> curves() {
        Map<String, PercentileCurve> curves = new LinkedHashMap<>();
        for (Stage s : Stage.values()) curves.put(s.key(), stages.get(s).curve());
        if (fromIntended.count() > 0) curves.put(END_TO_END_FROM_INTENDED, fromIntended.curve());
        return curves;
    }
}
