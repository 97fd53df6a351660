package io.eventprocessor.loadgen;

import java.time.Duration;

/**
 * How events are sent.
 *
 * @param mode                 BURST or PACED
 * @param batchSize            BURST: rows per batch; PACED: the most rows one catch-up batch may hold
 * @param delayBetweenBatches  BURST: pause after each committed batch but the last; PACED: unused (zero)
 * @param ratePerSecond        PACED: target events per second; BURST: unused (0)
 */
public record SendPlan(Mode mode, int batchSize, Duration delayBetweenBatches, double ratePerSecond) {

    public enum Mode {
        /** Batches back to back, optionally pausing between them: as fast as the database takes them. */
        BURST,
        /**
         * Event i is due at start + i / rate. Events that fell due while the sender was busy go out together in one
         * batch and keep their intended times, so queueing in the sender shows up in the latencies (no
         * coordinated omission).
         */
        PACED
    }

    public SendPlan {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
        if (delayBetweenBatches == null || delayBetweenBatches.isNegative()) throw new IllegalArgumentException("bad delay");
        if (mode == Mode.PACED && !(ratePerSecond > 0 && Double.isFinite(ratePerSecond))) {
            throw new IllegalArgumentException("paced mode needs a positive rate: " + ratePerSecond);
        }
    }

    public static SendPlan burst(int batchSize, Duration delayBetweenBatches) {
        return new SendPlan(Mode.BURST, batchSize, delayBetweenBatches, 0);
    }

    /** @param maxBatchSize cap on a catch-up batch, so that a stalled database does not produce one huge INSERT */
    public static SendPlan paced(double ratePerSecond, int maxBatchSize) {
        return new SendPlan(Mode.PACED, maxBatchSize, Duration.ZERO, ratePerSecond);
    }

    /** The scenario's own batch size and delay, in burst mode. */
    public static SendPlan of(Scenario scenario) {
        return burst(scenario.batchSize(), scenario.delayBetweenBatches());
    }

    /** PACED: the intended send time of event {@code index}, exactly start + index / rate (rounded to 1 us). */
    public long intendedMicros(long startMicros, int index) {
        return startMicros + Math.round(index * 1_000_000.0 / ratePerSecond);
    }
}
