package io.eventprocessor.measure;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The durations of one stage: an HdrHistogram of microseconds (3 significant digits, auto-resizing, so no value
 * is ever out of range) plus a count of negative values. A negative duration means two clocks of different
 * granularity met (T2 in ms from Kafka Connect after T1 in µs); it is recorded as 0 and counted, never dropped,
 * so that {@link StageSummary#count()} is the number of events. Thread-safe: the collector records on its
 * thread while a UI reads summaries on another.
 */
public final class LatencyStats {
    private static final int SIGNIFICANT_DIGITS = 3;
    /** Steps per halving of the tail in {@link #curve()}: enough points for a smooth line, few enough for SVG. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private final Histogram histogram;
    private long clamped;
    /**
     * Mean and sum of squared deviations of the recorded values (Welford), in microseconds: exact, where the
     * histogram's own mean and deviation are taken from its buckets by walking every one of them. A run's progress asks
     * for summaries of every stage several times a second, and that walk was most of what they cost.
     */
    private double mean;
    private double squaredDeviations;

    public LatencyStats() {
        histogram = new Histogram(SIGNIFICANT_DIGITS);
        histogram.setAutoResize(true);
    }

    private LatencyStats(Histogram histogram, long clamped, double mean, double squaredDeviations) {
        this.histogram = histogram;
        this.clamped = clamped;
        this.mean = mean;
        this.squaredDeviations = squaredDeviations;
    }

    /** Records one duration in microseconds; a negative one is recorded as 0 and counted in {@link #clamped()}. */
    public synchronized void recordMicros(long micros) {
        if (micros < 0) {
            clamped++;
            micros = 0;
        }
        histogram.recordValue(micros);
        double delta = micros - mean;
        mean += delta / histogram.getTotalCount();
        squaredDeviations += delta * (micros - mean);
    }

    public synchronized long count() {
        return histogram.getTotalCount();
    }

    public synchronized long clamped() {
        return clamped;
    }

    public synchronized LatencyStats copy() {
        return new LatencyStats(histogram.copy(), clamped, mean, squaredDeviations);
    }

    public synchronized StageSummary summary() {
        long n = histogram.getTotalCount();
        if (n == 0) return clamped == 0 ? StageSummary.EMPTY : new StageSummary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, clamped);
        return new StageSummary(n,
                ms(histogram.getMinValue()),
                // Like the percentiles, min and max are bucket edges (within 0.1%), so min <= p50 <= ... <= max holds.
                ms(histogram.getMaxValue()),
                mean / 1000.0,
                Math.sqrt(squaredDeviations / n) / 1000.0,
                percentile(50), percentile(75), percentile(90), percentile(95), percentile(99), percentile(99.9),
                clamped);
    }

    /** The whole distribution for charts, from HdrHistogram's percentile iteration (log-spaced towards the tail). */
    public synchronized PercentileCurve curve() {
        List<PercentileCurve.Point> points = new ArrayList<>();
        if (histogram.getTotalCount() == 0) return new PercentileCurve(points);
        for (HistogramIterationValue v : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
            points.add(new PercentileCurve.Point(v.getPercentileLevelIteratedTo(), ms(v.getValueIteratedTo())));
        }
        return new PercentileCurve(points);
    }

    private double percentile(double p) {
        return ms(histogram.getValueAtPercentile(p));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
