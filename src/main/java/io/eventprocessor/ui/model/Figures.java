package io.eventprocessor.ui.model;

import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.measure.StageSummary;
import io.eventprocessor.measure.ThroughputPoint;
import io.eventprocessor.report.LatencyReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Every figure a tile shows, computed from one collector {@link Snapshot} and the run's target only: a tile can
 * show nothing the collector did not measure. Pure and immutable, so the UI clock computes it once per tick and
 * the tests check it without a window.
 *
 * @param target events the run will send (0 before any run)
 * @param live true while the run goes: "current" figures exist only then; a finished run has its average and peak
 * @param processed events written to MongoDB (distinct ids)
 * @param deadLettered events sent to the dead-letter topic
 * @param remaining target minus events with an outcome, never negative
 * @param progress events with an outcome / target, 0..1 (0 without a target)
 * @param etaSeconds remaining / current rate; empty when nothing remains or no current rate was measured
 * @param percentiles end-to-end P50 / P95 / P99 with their target and level, in {@link LatencyReport#TARGETS} order
 * @param stageP50Ms median per pipeline stage (end to end excluded), in {@link Stage} order; only measured stages
 * @param byType processed events per event type, in {@link Names#EVENT_TYPES} order, then any other type
 * @param recentEndToEndMs end-to-end latency of the most recent processed events, oldest first
 * @param successRate processed / (processed + dead-lettered), 0..1; empty before any outcome
 * @param errorRate dead-lettered / (processed + dead-lettered), 0..1; empty before any outcome
 * @param totalLag the processor group's lag summed over partitions; lagMeasured false before the first measurement
 * @param perSecond processed events per second (by T5), for the throughput chart
 */
public record Figures(
        long target,
        boolean live,
        long processed,
        long deadLettered,
        long remaining,
        double progress,
        OptionalDouble etaSeconds,
        double currentEps,
        double averageEps,
        double peakEps,
        List<Percentile> percentiles,
        Map<Stage, Double> stageP50Ms,
        Map<String, Long> byType,
        List<Double> recentEndToEndMs,
        OptionalDouble successRate,
        OptionalDouble errorRate,
        long totalLag,
        boolean lagMeasured,
        String lagError,
        double processingSeconds,
        List<ThroughputPoint> perSecond) {

    /** One end-to-end percentile against its target. */
    public record Percentile(String name, double valueMs, double targetMs, LatencyLevel level) {}

    public static final Figures EMPTY = of(null, 0, false);

    /**
     * @param snapshot null before anything was measured
     * @param live the run is still going
     */
    public static Figures of(Snapshot snapshot, long target, boolean live) {
        if (snapshot == null) {
            List<Percentile> none = new ArrayList<>();
            for (LatencyReport.Target t : LatencyReport.TARGETS) none.add(new Percentile(t.percentile(), 0, t.limitMs(), LatencyLevel.NONE));
            Map<String, Long> noTypes = new LinkedHashMap<>();
            for (String type : Names.EVENT_TYPES) noTypes.put(type, 0L);
            return new Figures(target, live, 0, 0, Math.max(0, target), 0, OptionalDouble.empty(), 0, 0, 0, none, Map.of(),
                    Collections.unmodifiableMap(noTypes), List.of(), OptionalDouble.empty(), OptionalDouble.empty(), 0, false, null, 0, List.of());
        }
        long seen = snapshot.seen();
        long remaining = Math.max(0, target - seen);
        double progress = target <= 0 ? 0 : Math.min(1.0, (double) seen / target);
        double current = snapshot.throughput().currentEps();
        OptionalDouble eta = live && remaining > 0 && current > 0 ? OptionalDouble.of(remaining / current) : OptionalDouble.empty();

        StageSummary e2e = snapshot.latency().getOrDefault(Stage.END_TO_END, StageSummary.EMPTY);
        List<Percentile> percentiles = new ArrayList<>();
        for (LatencyReport.Target t : LatencyReport.TARGETS) {
            double v = e2e.isEmpty() ? 0 : t.value().applyAsDouble(e2e);
            percentiles.add(new Percentile(t.percentile(), v, t.limitMs(), LatencyLevel.of(v, t.limitMs(), !e2e.isEmpty())));
        }

        Map<Stage, Double> stages = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            if (stage == Stage.END_TO_END) continue;
            StageSummary s = snapshot.latency().get(stage);
            if (s != null && !s.isEmpty()) stages.put(stage, s.p50());
        }

        Map<String, Long> byType = new LinkedHashMap<>();
        for (String type : Names.EVENT_TYPES) byType.put(type, snapshot.processedByType().getOrDefault(type, 0L));
        snapshot.processedByType().forEach(byType::putIfAbsent);

        List<Double> recent = new ArrayList<>();
        for (MetricRecord r : snapshot.recent()) {
            if (r.processed() && r.timing() != null) recent.add(Stage.END_TO_END.of(r.timing()) / 1000.0);
        }

        OptionalDouble success = seen == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) snapshot.processed() / seen);
        OptionalDouble error = seen == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) snapshot.deadLettered() / seen);
        return new Figures(target, live, snapshot.processed(), snapshot.deadLettered(), remaining, progress, eta, current,
                snapshot.throughput().averageEps(), snapshot.throughput().peakEps(), List.copyOf(percentiles),
                Collections.unmodifiableMap(stages), Collections.unmodifiableMap(byType), List.copyOf(recent),
                success, error, snapshot.totalLag(), !snapshot.lag().isEmpty() || snapshot.lagError() != null, snapshot.lagError(),
                snapshot.processingSeconds(), snapshot.perSecond());
    }

    /** Events with an outcome (processed or dead-lettered). */
    public long seen() {
        return processed + deadLettered;
    }

    /** A run was started (it may still be going, or be over). */
    public boolean hasRun() {
        return target > 0;
    }

    /** A run is over and its final figures are these. */
    public boolean finished() {
        return hasRun() && !live;
    }

    /** True once every targeted event has an outcome. */
    public boolean targetReached() {
        return target > 0 && seen() >= target;
    }
}
