package io.eventprocessor.report;

import io.eventprocessor.contract.Stage;
import io.eventprocessor.measure.StageSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The human-readable latency report (the latency analysis) and the assessment of end-to-end latency
 * against the targets. Fixed labels and one {@code key=value} line per stage and per target, like Kafka's
 * perf tools, so that scripts can grep it: {@code grep '^TARGET'}, {@code grep '^STAGE stage=end_to_end'}.
 */
public final class LatencyReport {
    /** The demo's targets for end-to-end latency (T5 - T0): P50 < 30 ms, P95 < 100 ms, P99 < 200 ms. */
    public static final List<Target> TARGETS = List.of(
            new Target("P50", 30, StageSummary::p50),
            new Target("P95", 100, StageSummary::p95),
            new Target("P99", 200, StageSummary::p99));

    private LatencyReport() {}

    /** A latency target: the percentile must stay below {@code limitMs}. */
    public record Target(String percentile, double limitMs, ToDoubleFunction<StageSummary> value) {}

    /** One target's verdict; with no measurements it fails, since nothing shows it was met. */
    public record Assessment(Target target, double actualMs, boolean measured) {
        public boolean pass() {
            return measured && actualMs < target.limitMs();
        }

        public String line() {
            return String.format(Locale.ROOT, "TARGET %s < %s ms: %s (%s)", target.percentile(), trim(target.limitMs()),
                    pass() ? "PASS" : "FAIL", measured ? String.format(Locale.ROOT, "%.2f ms", actualMs) : "no data");
        }
    }

    public static List<Assessment> assess(StageSummary endToEnd) {
        List<Assessment> out = new ArrayList<>();
        for (Target t : TARGETS) out.add(new Assessment(t, endToEnd.isEmpty() ? 0 : t.value().applyAsDouble(endToEnd), !endToEnd.isEmpty()));
        return out;
    }

    public static String render(Report report) {
        return render(report.latencyMs());
    }

    /** @param latencyMs summaries by stage key, as in {@link Report#latencyMs()}; end_to_end is assessed */
    public static String render(Map<String, StageSummary> latencyMs) {
        StageSummary e2e = latencyMs.getOrDefault(Stage.END_TO_END.key(), StageSummary.EMPTY);
        StringBuilder b = new StringBuilder();
        b.append("LATENCY ANALYSIS REPORT (end_to_end = T5 - T0)\n").append("=".repeat(60)).append('\n');
        if (e2e.isEmpty()) {
            b.append("No latency data available\n");
        } else {
            b.append(String.format(Locale.ROOT, "Total Measurements: %,d%n%n", e2e.count()));
            b.append("Central Tendency:\n");
            ms(b, "Mean:", e2e.mean());
            ms(b, "Median:", e2e.p50());
            ms(b, "Std Dev:", e2e.stddev());
            b.append("\nRange:\n");
            ms(b, "Minimum:", e2e.min());
            ms(b, "Maximum:", e2e.max());
            b.append("\nPercentiles:\n");
            ms(b, "P50 (median):", e2e.p50());
            ms(b, "P75:", e2e.p75());
            ms(b, "P90:", e2e.p90());
            ms(b, "P95:", e2e.p95());
            ms(b, "P99:", e2e.p99());
            ms(b, "P99.9:", e2e.p999());
            if (e2e.clamped() > 0) b.append(String.format(Locale.ROOT, "%nNegative durations recorded as 0: %d%n", e2e.clamped()));
        }
        b.append("\nPerformance Assessment:\n");
        List<Assessment> verdicts = assess(e2e);
        for (Assessment a : verdicts) b.append(a.line()).append('\n');
        b.append("TARGETS ").append(verdicts.stream().allMatch(Assessment::pass) ? "PASS" : "FAIL").append('\n');
        b.append("\nStages (ms):\n");
        latencyMs.forEach((key, s) -> b.append(stageLine(key, s)).append('\n'));
        return b.toString();
    }

    /** One greppable line per stage. */
    public static String stageLine(String key, StageSummary s) {
        return String.format(Locale.ROOT,
                "STAGE stage=%s count=%d min=%.3f mean=%.3f stddev=%.3f p50=%.3f p75=%.3f p90=%.3f p95=%.3f p99=%.3f p999=%.3f max=%.3f clamped=%d",
                key, s.count(), s.min(), s.mean(), s.stddev(), s.p50(), s.p75(), s.p90(), s.p95(), s.p99(), s.p999(), s.max(), s.clamped());
    }

    private static void ms(StringBuilder b, String label, double v) {
        b.append(String.format(Locale.ROOT, "  %-18s%10.2f ms%n", label, v));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
