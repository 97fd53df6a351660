package io.eventprocessor.measure;

/**
 * Events per second of processed events, by their T5 (MongoDB acknowledged).
 *
 * @param currentEps processed events whose T5 lies in the last second before the snapshot (decays to 0 when idle)
 * @param averageEps processed events / (last T5 - first T0): the rate of the whole pipeline, from the first
 *                   insert to the last acknowledged write
 * @param peakEps the most events in one whole second (epoch-second windows by T5); for a run shorter than a
 *                second it is the event count and may be below the average
 */
public record Throughput(double currentEps, double averageEps, double peakEps) {
    public static final Throughput NONE = new Throughput(0, 0, 0);
}
