package io.eventprocessor.measure;

import java.util.List;

/**
 * A latency distribution as HdrHistogram plots it: value by percentile, the percentile axis meant to be drawn as
 * {@code 1/(1-p)} on a log scale so that the tail (99%, 99.9%, 99.99%) gets as much room as the median.
 */
public record PercentileCurve(List<Point> points) {

    public PercentileCurve {
        points = List.copyOf(points);
    }

    /**
     * @param percentile 0..100
     * @param valueMs the highest value at or below which this percentile of the values lie
     */
    public record Point(double percentile, double valueMs) {
        /** The x coordinate of HdrHistogram plots: 1/(1-p), 1 at the median's left edge, 1000 at 99.9%. */
        public double inverseTail() {
            double tail = 1.0 - percentile / 100.0;
            return tail <= 0 ? Double.POSITIVE_INFINITY : 1.0 / tail;
        }
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }
}
