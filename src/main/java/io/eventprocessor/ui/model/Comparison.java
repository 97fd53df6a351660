package io.eventprocessor.ui.model;

import io.eventprocessor.contract.Stage;
import io.eventprocessor.measure.PercentileCurve;
import io.eventprocessor.measure.StageSummary;
import io.eventprocessor.report.Report;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two or more finished runs side by side, every figure from each run's own {@link Report}: the end-to-end percentile
 * curve of each (to be drawn on one chart) and the median of each stage per run.
 *
 * @param runs the runs compared, in history order
 * @param curves end-to-end latency by percentile, by run label
 * @param stageMedians per run label, the median of each stage (end to end excluded) in {@link Stage} order
 */
public record Comparison(List<RunSummary> runs, Map<String, PercentileCurve> curves, Map<String, Map<Stage, Double>> stageMedians) {

    /** Fewer runs than this compare nothing. */
    public static final int MINIMUM = 2;

    public static Comparison of(List<RunSummary> runs) {
        List<RunSummary> ordered = new ArrayList<>(runs);
        ordered.sort((a, b) -> Integer.compare(a.number(), b.number()));
        Map<String, PercentileCurve> curves = new LinkedHashMap<>();
        Map<String, Map<Stage, Double>> stages = new LinkedHashMap<>();
        for (RunSummary r : ordered) {
            String label = label(r);
            PercentileCurve c = r.report().charts().percentileCurves().get(Stage.END_TO_END.key());
            if (c != null && !c.isEmpty()) curves.put(label, c);
            Map<Stage, Double> medians = new LinkedHashMap<>();
            for (Stage s : Stage.values()) {
                if (s == Stage.END_TO_END) continue;
                StageSummary sum = r.report().latencyMs().get(s.key());
                if (sum != null && !sum.isEmpty()) medians.put(s, sum.p50());
            }
            stages.put(label, Collections.unmodifiableMap(medians));
        }
        return new Comparison(List.copyOf(ordered), Collections.unmodifiableMap(curves), Collections.unmodifiableMap(stages));
    }

    /** "#3 1,000 events": the run's number in this session and its size. */
    public static String label(RunSummary r) {
        return "#" + r.number() + " " + Format.count(r.generated()) + " events";
    }

    /** Two or more runs, so there is something to compare. */
    public boolean comparable() {
        return runs.size() >= MINIMUM;
    }

    public List<Report> reports() {
        return runs.stream().map(RunSummary::report).toList();
    }
}
