package io.eventprocessor.bench;

import io.eventprocessor.measure.StageSummary;

/**
 * The three figures the benchmark reports for a distribution, in milliseconds: p50, p99 and p99.9 (the JSON's
 * {@code p50_ms}, {@code p99_ms}, {@code p999_ms}).
 *
 * @param count values behind the figures (0: nothing was measured, and every figure is 0)
 */
public record Percentiles(long count, double p50Ms, double p99Ms, double p999Ms) {
    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0);

    /** The figures of a stage summary (HdrHistogram, 3 significant digits). */
    public static Percentiles of(StageSummary s) {
        if (s == null || s.count() == 0) return NONE;
        return new Percentiles(s.count(), s.p50(), s.p99(), s.p999());
    }
}
