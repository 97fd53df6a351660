package io.eventprocessor.measure;

/**
 * The distribution of one stage's durations, in milliseconds. Percentiles come from an HdrHistogram with three
 * significant digits, so each figure is within 0.1% of the exact value (the histogram's equivalent-value range).
 *
 * @param count values recorded
 * @param clamped how many of them were negative and recorded as 0 (clock granularity, e.g. a millisecond
 *                Kafka timestamp against a microsecond capture time); shown so they are never silently lost
 */
public record StageSummary(
        long count,
        double min,
        double max,
        double mean,
        double stddev,
        double p50,
        double p75,
        double p90,
        double p95,
        double p99,
        double p999,
        long clamped) {

    /** Nothing recorded: every figure is 0 and {@link #count()} says why. */
    public static final StageSummary EMPTY = new StageSummary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public boolean isEmpty() {
        return count == 0;
    }
}
