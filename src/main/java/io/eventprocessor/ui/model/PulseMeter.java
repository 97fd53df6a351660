package io.eventprocessor.ui.model;

import java.util.Locale;

/**
 * Measures how smoothly the FX thread runs: fed by the UI clock on every animation pulse, it keeps the longest
 * gap between pulses and the rate of the throttled refreshes, so "never frozen" is a number.
 */
public final class PulseMeter {
    private long firstNanos = -1;
    private long lastNanos = -1;
    private long longestGapNanos;
    /** When the longest gap ended, from the first pulse: tells a stall at start-up or at a run's end from one mid-run. */
    private long longestGapEndNanos;
    private long pulses;
    private long refreshes;

    /** Every animation pulse. */
    public void pulse(long nowNanos) {
        if (firstNanos < 0) firstNanos = nowNanos;
        if (lastNanos >= 0 && nowNanos - lastNanos > longestGapNanos) {
            longestGapNanos = nowNanos - lastNanos;
            longestGapEndNanos = nowNanos - firstNanos;
        }
        lastNanos = nowNanos;
        pulses++;
    }

    /** Every throttled refresh of the tiles. */
    public void refreshed() {
        refreshes++;
    }

    public void reset() {
        firstNanos = lastNanos = -1;
        longestGapNanos = longestGapEndNanos = pulses = refreshes = 0;
    }

    public double longestGapMs() {
        return longestGapNanos / 1e6;
    }

    public double seconds() {
        return lastNanos <= firstNanos ? 0 : (lastNanos - firstNanos) / 1e9;
    }

    public double pulseRate() {
        double s = seconds();
        return s == 0 ? 0 : (pulses - 1) / s;
    }

    public double refreshRate() {
        double s = seconds();
        return s == 0 ? 0 : refreshes / s;
    }

    public String describe() {
        return String.format(Locale.ROOT,
                "UI pulses: %d in %.1f s (%.1f/s), longest gap between pulses %.1f ms (ending %.1f s in), tile refreshes %.2f/s",
                pulses, seconds(), pulseRate(), longestGapMs(), longestGapEndNanos / 1e9, refreshRate());
    }
}
