package io.eventprocessor.ui.model;

import io.eventprocessor.report.Report;
import java.time.Duration;
import java.util.Locale;

/**
 * Measures how smoothly the FX thread runs and what the dashboard costs over a window (a run): fed on every JavaFX
 * pulse (frame) and every refresh of the tiles, it keeps the longest gap between pulses, the rates, and the process's
 * CPU time from {@link #begin} to {@link #end}, so "never frozen" and "cheap" are numbers.
 */
public final class PulseMeter {
    private long beganNanos = -1;
    private long endedNanos = -1;
    private long cpuBegan = -1;
    private long cpuEnded = -1;
    private long lastPulse = -1;
    private long longestGapNanos;
    /** When the longest gap ended, from the beginning: tells a stall at start from one mid-run. */
    private long longestGapEndNanos;
    private long pulses;
    private long refreshes;

    /** Starts a window: counts from zero, remembers the process's CPU time. */
    public void begin(long nowNanos) {
        beganNanos = nowNanos;
        endedNanos = -1;
        lastPulse = nowNanos;
        longestGapNanos = longestGapEndNanos = pulses = refreshes = 0;
        cpuBegan = ProcessCpu.nanos();
        cpuEnded = -1;
    }

    /** Ends the window (later pulses are not counted). */
    public void end(long nowNanos) {
        if (!measuring()) return;
        pulse(nowNanos);
        pulses--;
        endedNanos = nowNanos;
        cpuEnded = ProcessCpu.nanos();
    }

    public boolean measuring() {
        return beganNanos >= 0 && endedNanos < 0;
    }

    /** Every pulse. */
    public void pulse(long nowNanos) {
        if (!measuring()) return;
        if (nowNanos - lastPulse > longestGapNanos) {
            longestGapNanos = nowNanos - lastPulse;
            longestGapEndNanos = nowNanos - beganNanos;
        }
        lastPulse = nowNanos;
        pulses++;
    }

    /** Every refresh of the tiles. */
    public void refreshed() {
        if (measuring()) refreshes++;
    }

    public double longestGapMs() {
        return longestGapNanos / 1e6;
    }

    public double seconds() {
        if (beganNanos < 0) return 0;
        long end = endedNanos >= 0 ? endedNanos : lastPulse;
        return (end - beganNanos) / 1e9;
    }

    public double pulseRate() {
        double s = seconds();
        return s == 0 ? 0 : pulses / s;
    }

    public double refreshRate() {
        double s = seconds();
        return s == 0 ? 0 : refreshes / s;
    }

    /** CPU time over wall-clock time of the window, in cores; 0 where the platform gives no CPU time. */
    public double cpuCores() {
        double s = seconds();
        long end = cpuEnded >= 0 ? cpuEnded : ProcessCpu.nanos();
        if (s == 0 || cpuBegan < 0 || end < 0) return 0;
        return (end - cpuBegan) / 1e9 / s;
    }

    /** The report's {@code ui} section, with the window's time from launch to ready, measured by the window. */
    public Report.Ui figures(Duration launchToReady) {
        return new Report.Ui(pulseRate(), longestGapMs(), refreshRate(), cpuCores(), launchToReady.toNanos() / 1e9);
    }

    public String describe() {
        return String.format(Locale.ROOT,
                "UI pulses: %d in %.1f s (%.1f/s), longest gap between pulses %.1f ms (ending %.1f s in), tile refreshes %.2f/s, "
                        + "dashboard CPU %.3f cores",
                pulses, seconds(), pulseRate(), longestGapMs(), longestGapEndNanos / 1e9, refreshRate(), cpuCores());
    }
}
