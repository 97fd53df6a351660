package io.eventprocessor.loadgen;

import io.eventprocessor.contract.Clock;
import java.util.concurrent.locks.LockSupport;

/**
 * The load runner's clock and sleeper, in microseconds since the epoch. Injected so that pacing is tested as
 * pure logic with a fake clock, never with wall-clock timing assertions.
 */
public interface TimeSource {
    long nowMicros();

    /** Returns once {@link #nowMicros()} has reached the deadline (at once if it already has). */
    void sleepUntilMicros(long deadlineMicros) throws InterruptedException;

    /**
     * The real clock. Epoch microseconds anchored once to {@link Clock#nowMicros()} and advanced by
     * {@link System#nanoTime()}: a schedule must not jump when NTP adjusts the wall clock mid-run, and over a run
     * of minutes the two clocks agree to far better than a millisecond.
     */
    static TimeSource system() {
        long anchorMicros = Clock.nowMicros();
        long anchorNanos = System.nanoTime();
        return new TimeSource() {
            @Override
            public long nowMicros() {
                return anchorMicros + (System.nanoTime() - anchorNanos) / 1_000;
            }

            @Override
            public void sleepUntilMicros(long deadlineMicros) throws InterruptedException {
                // Thread.sleep overshoots by ~0.1-1 ms, so sleep coarsely, then park, then spin the last 100 us:
                // at 1,000+ events/s the schedule needs sub-millisecond precision.
                while (true) {
                    long remaining = deadlineMicros - nowMicros();
                    if (remaining <= 0) return;
                    if (Thread.interrupted()) throw new InterruptedException();
                    if (remaining > 2_000) Thread.sleep((remaining - 1_000) / 1_000);
                    else if (remaining > 100) LockSupport.parkNanos((remaining - 60) * 1_000);
                    else Thread.onSpinWait();
                }
            }
        };
    }
}
