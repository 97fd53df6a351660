package io.eventprocessor.loadgen;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a load run did.
 *
 * @param plan         how it was sent
 * @param totalEvents  events the run was given
 * @param eventsSent   events committed (fewer than total when cancelled or failed)
 * @param batches      batches committed
 * @param startMicros  when the run started (PACED: the schedule's origin)
 * @param endMicros    when the last batch committed or the run stopped
 * @param timings      event_id -&gt; its timing, in send order; committed events only
 * @param cancelled    stopped by {@link LoadRunner#cancel()} or a thread interrupt
 * @param failure      the error that stopped the run, if any; the batch that failed is not in {@code timings}
 */
public record LoadResult(
        SendPlan plan,
        int totalEvents,
        int eventsSent,
        int batches,
        long startMicros,
        long endMicros,
        Map<UUID, SendTiming> timings,
        boolean cancelled,
        Optional<Exception> failure) {

    public boolean completed() {
        return eventsSent == totalEvents && failure.isEmpty();
    }

    public double durationSeconds() {
        return (endMicros - startMicros) / 1e6;
    }

    /** Committed events per second over the run; 0 for an empty or instantaneous run. */
    public double insertRate() {
        double seconds = durationSeconds();
        return seconds > 0 ? eventsSent / seconds : 0;
    }
}
