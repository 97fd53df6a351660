package io.eventprocessor.report;

import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.measure.InstanceCounts;
import io.eventprocessor.measure.MetricsAggregator;
import io.eventprocessor.measure.PartitionLag;
import io.eventprocessor.measure.PercentileCurve;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.measure.StageSummary;
import io.eventprocessor.measure.Throughput;
import io.eventprocessor.measure.ThroughputPoint;
import io.eventprocessor.verify.IntegrityResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The report of one run (docs/report.md); {@link ReportWriter} writes it as JSON (docs/report.schema.json)
 * and HTML. Every figure comes from the collector's snapshot and the verifier, none is typed in.
 *
 * @param startedAt T0 of the first processed event (or the snapshot time when nothing was processed)
 * @param finishedAt T5 of the last processed event
 * @param durationSeconds finishedAt - startedAt: the window the average throughput is taken over
 * @param latencyMs one summary per {@link Stage#key()} and, for a paced run, {@value MetricsAggregator#END_TO_END_FROM_INTENDED}
 * @param successRate processed / generated, in percent
 * @param processors what each processor did, by processor id
 * @param consumerLag the consumer group's lag per outbox partition: the highest measured during the run, and the last
 * @param t2 which T2 the run's events carry
 * @param faults faults injected during the run, in order; empty for a run without
 * @param charts what the HTML page draws; not part of the JSON
 * @param ui the dashboard's own figures over the run, when a dashboard made it; null otherwise
 */
public record Report(
        RunScenario scenario,
        Instant startedAt,
        Instant finishedAt,
        double durationSeconds,
        Events events,
        Throughput throughput,
        Map<String, StageSummary> latencyMs,
        double successRate,
        IntegrityResult integrity,
        RunEnvironment environment,
        Map<String, InstanceCounts> processors,
        List<PartitionLagFigures> consumerLag,
        T2 t2,
        Charts charts,
        List<FaultOutcome> faults,
        Ui ui) {

    public Report {
        latencyMs = Collections.unmodifiableMap(new LinkedHashMap<>(latencyMs));
        processors = Collections.unmodifiableMap(new TreeMap<>(processors));
        consumerLag = List.copyOf(consumerLag);
        faults = List.copyOf(faults);
    }

    /** A report of a run without faults. */
    public Report(RunScenario scenario, Instant startedAt, Instant finishedAt, double durationSeconds, Events events, Throughput throughput,
            Map<String, StageSummary> latencyMs, double successRate, IntegrityResult integrity, RunEnvironment environment,
            Map<String, InstanceCounts> processors, List<PartitionLagFigures> consumerLag, T2 t2, Charts charts) {
        this(scenario, startedAt, finishedAt, durationSeconds, events, throughput, latencyMs, successRate, integrity, environment, processors,
                consumerLag, t2, charts, List.of(), null);
    }

    /** This report with the faults injected during its run. */
    public Report withFaults(List<FaultOutcome> injected) {
        return new Report(scenario, startedAt, finishedAt, durationSeconds, events, throughput, latencyMs, successRate, integrity, environment,
                processors, consumerLag, t2, charts, injected, ui);
    }

    /** The lag of one partition of the outbox topic: the highest measured (once a second) during the run, and the last. */
    public record PartitionLagFigures(int partition, long peak, long last) {}

    /**
     * @param source the T2 source of every processed event ({@code T2Source} key), "mixed" when they differ, "unreported"
     *               when the processor did not say, null when nothing was processed
     * @param bySource processed events per source
     */
    public record T2(String source, Map<String, Long> bySource) {
        public static final String MIXED = "mixed";

        public T2 {
            bySource = Collections.unmodifiableMap(new TreeMap<>(bySource));
        }

        static T2 of(Map<String, Long> bySource) {
            if (bySource.isEmpty()) return new T2(null, bySource);
            return new T2(bySource.size() == 1 ? bySource.keySet().iterator().next() : MIXED, bySource);
        }
    }

    /**
     * @param generated rows the load generator inserted
     * @param failed events that got no outcome at all (neither processed nor dead-lettered) by the end of the run
     * @param byType per event type
     */
    public record Events(long generated, long processed, long failed, long deadLettered, Map<String, TypeCounts> byType) {
        public Events {
            byType = Collections.unmodifiableMap(new TreeMap<>(byType));
        }
    }

    public record TypeCounts(long processed, long deadLettered) {}

    /**
     * How the dashboard that made the run fared meanwhile, from its own counters.
     *
     * @param pulsesPerSecond JavaFX pulses (frames) per second over the run
     * @param longestPulseGapMs the longest time between two pulses: how long the window could not draw
     * @param tileRefreshesPerSecond refreshes of the tiles by the dashboard's clock, per second
     * @param cpuCores the dashboard process's CPU time over the run divided by its wall-clock time (1.0 = one core busy)
     * @param launchToReadySeconds from the start of the dashboard's process to the moment its window first said ready
     */
    public record Ui(double pulsesPerSecond, double longestPulseGapMs, double tileRefreshesPerSecond, double cpuCores,
            double launchToReadySeconds) {}

    /** This report with the dashboard's figures added. */
    public Report withUi(Ui figures) {
        return new Report(scenario, startedAt, finishedAt, durationSeconds, events, throughput, latencyMs, successRate, integrity,
                environment, processors, consumerLag, t2, charts, faults, figures);
    }

    /** The curves and the per-second series behind the HTML page's charts. */
    public record Charts(Map<String, PercentileCurve> percentileCurves, List<ThroughputPoint> perSecond) {
        public Charts {
            percentileCurves = Collections.unmodifiableMap(new LinkedHashMap<>(percentileCurves));
            perSecond = List.copyOf(perSecond);
        }
    }

    /**
     * Builds the report at the end of a run.
     *
     * @param generated how many events the load generator inserted for this run
     * @param snapshot the collector's final snapshot (take it after waiting for the run's events)
     * @param curves the collector's {@link MetricsCollector#curves()}, for the HTML charts
     */
    public static Report build(RunScenario scenario, long generated, Snapshot snapshot, Map<String, PercentileCurve> curves,
            IntegrityResult integrity, RunEnvironment environment) {
        Instant started = snapshot.firstT0() != null ? snapshot.firstT0() : snapshot.takenAt();
        Instant finished = snapshot.lastT5() != null ? snapshot.lastT5() : snapshot.takenAt();
        long failed = Math.max(0, generated - snapshot.processed() - snapshot.deadLettered());

        Map<String, TypeCounts> byType = new TreeMap<>();
        TreeSet<String> types = new TreeSet<>(snapshot.processedByType().keySet());
        types.addAll(snapshot.deadLetteredByType().keySet());
        for (String t : types) {
            byType.put(t, new TypeCounts(snapshot.processedByType().getOrDefault(t, 0L),
                    snapshot.deadLetteredByType().getOrDefault(t, 0L)));
        }

        Map<String, StageSummary> latency = new LinkedHashMap<>();
        for (Stage s : Stage.values()) latency.put(s.key(), snapshot.latency().get(s));
        snapshot.endToEndFromIntended().ifPresent(s -> latency.put(MetricsAggregator.END_TO_END_FROM_INTENDED, s));

        double successRate = generated > 0 ? 100.0 * snapshot.processed() / generated : 0;
        return new Report(scenario, started, finished, snapshot.processingSeconds(),
                new Events(generated, snapshot.processed(), failed, snapshot.deadLettered(), byType),
                snapshot.throughput(), latency, successRate, integrity, environment, snapshot.byProcessor(),
                consumerLag(snapshot), T2.of(snapshot.t2Sources()), new Charts(curves, snapshot.perSecond()));
    }

    private static List<PartitionLagFigures> consumerLag(Snapshot snapshot) {
        Map<Integer, Long> last = new TreeMap<>();
        for (PartitionLag l : snapshot.lag()) if (l.topic().equals(Names.OUTBOX_TOPIC)) last.put(l.partition(), l.lag());
        TreeSet<Integer> partitions = new TreeSet<>(last.keySet());
        partitions.addAll(snapshot.peakLag().keySet());
        List<PartitionLagFigures> out = new ArrayList<>();
        for (int p : partitions) {
            long now = last.getOrDefault(p, 0L);
            out.add(new PartitionLagFigures(p, Math.max(now, snapshot.peakLag().getOrDefault(p, 0L)), now));
        }
        return out;
    }
}
