package io.eventprocessor.processor;

import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's periodic summary line: totals, throughput and end-to-end latency p50/p99 over
 * the last interval (an HdrHistogram, so percentiles are exact to 3 digits, not an average of the last 100).
 * Used by the processing thread only.
 */
final class ProcessingSummary {
    private static final Logger log = LoggerFactory.getLogger(ProcessingSummary.class);
    /** Latencies above an hour are clamped: a number that large already says everything. */
    private static final long MAX_MICROS = 3_600_000_000L;

    private final long intervalNanos;
    private final long startNanos = System.nanoTime();
    private final Histogram window = new Histogram(MAX_MICROS, 3);
    private long windowStartNanos = startNanos;
    private long windowProcessed;

    ProcessingSummary(long intervalMillis) {
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    void record(long endToEndMicros) {
        window.recordValue(Math.max(0, Math.min(endToEndMicros, MAX_MICROS)));
        windowProcessed++;
    }

    /** Logs and resets the window when the interval has passed. */
    void maybeLog(String processorId, ProcessorCounters totals) {
        long now = System.nanoTime();
        if (now - windowStartNanos < intervalNanos) return;
        double windowSeconds = (now - windowStartNanos) / 1e9;
        double uptime = (now - startNanos) / 1e9;
        if (windowProcessed > 0 || totals.deadLettered() > 0) {
            log.info("processing_summary processor={} total_processed={} total_dead_lettered={} skipped={} retries={} "
                            + "throughput_eps={} window_eps={} p50_ms={} p99_ms={} max_ms={} uptime_s={}",
                    processorId, totals.processed(), totals.deadLettered(), totals.skipped(), totals.retries(),
                    round(totals.processed() / Math.max(uptime, 1e-9)), round(windowProcessed / windowSeconds),
                    millis(window.getValueAtPercentile(50)), millis(window.getValueAtPercentile(99)),
                    millis(window.getMaxValue()), round(uptime));
        }
        window.reset();
        windowProcessed = 0;
        windowStartNanos = now;
    }

    private static double millis(long micros) {
        return round(micros / 1000.0);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
