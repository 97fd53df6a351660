package io.eventprocessor.measure;

/**
 * Events per second of processed events, by their T5 (MongoDB acknowledged).
 *
 * @param currentEps processed events whose T5 lies in the last second before the snapshot (decays to 0 when idle)
 * @param averageEps processed events / (last T5 - first T0): the rate of the whole pipeline, from the first
 *                   insert to the last acknowledged write
 * @param peakEps for a run, the busiest window of at most one second sliding over its T5s, the window being the run's
 *                span cut into equal parts of at most a second, so never below the average; counting everything
 *                (monitor, verify), the most events in one whole epoch second
 */
public record Throughput(double currentEps, double averageEps, double peakEps) {
    public static final Throughput NONE = new Throughput(0, 0, 0);
}
