package io.eventprocessor.readmodel;

import com.mongodb.MongoException;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes the statistics document off the processing thread. The recompute scans the read-model
 * collections (the embedded server has no cheaper count), which took 100-500 ms per call at 20k documents; on
 * the processing thread that delayed the next poll and every event's T5. Here the processing thread only
 * {@link #markDirty() marks} that it wrote; a daemon thread recomputes once writes have been quiet for
 * {@code quietMs}, or at the latest {@code maxStalenessMs} after the first unrecorded write while events keep
 * flowing, and {@link #close()} recomputes one last time if needed. Nothing runs while nothing was written: the check
 * is scheduled by the first write after a recompute, and reschedules itself only while writes go on.
 */
public final class StatisticsRefresher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatisticsRefresher.class);

    private final StatisticsProjector projector;
    private final String processorId;
    private final long quietMs;
    private final long maxStalenessMs;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastWriteMs;
    private volatile long dirtySinceMs;

    public StatisticsRefresher(StatisticsProjector projector, String processorId, long quietMs, long maxStalenessMs) {
        this.projector = projector;
        this.processorId = processorId;
        this.quietMs = quietMs;
        this.maxStalenessMs = maxStalenessMs;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "statistics-" + processorId);
            t.setDaemon(true);
            return t;
        });
    }

    /** The read models changed (called after a committed poll that wrote events). Never blocks. */
    public void markDirty() {
        long now = System.currentTimeMillis();
        lastWriteMs = now;
        if (dirty.compareAndSet(false, true)) {
            dirtySinceMs = now;
            schedule(quietMs);
        }
    }

    private void schedule(long delayMs) {
        if (closed.get()) return;
        try {
            executor.schedule(this::check, Math.max(1, delayMs), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // close() recomputes
        }
    }

    /** Recomputes when writes have been quiet long enough or the statistics are as stale as allowed, else checks again then. */
    private void check() {
        if (!dirty.get()) return;
        long now = System.currentTimeMillis();
        long quietAt = lastWriteMs + quietMs;
        long stalestAt = dirtySinceMs + maxStalenessMs;
        if (now < quietAt && now < stalestAt) {
            schedule(Math.min(quietAt, stalestAt) - now);
            return;
        }
        refresh();
    }

    private void refresh() {
        // Cleared before counting: a write committed while the recompute runs marks it dirty again (and schedules).
        dirty.set(false);
        try {
            projector.recompute(Instant.now());
        } catch (MongoException e) {
            log.warn("statistics_refresh_failed processor={} error=\"{}\"", processorId, e.toString());
            if (dirty.compareAndSet(false, true)) {
                dirtySinceMs = System.currentTimeMillis();
                schedule(quietMs);
            }
        }
    }

    /** Stops the thread and, if the read models changed since the last recompute, recomputes once more. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) log.warn("statistics refresh of {} did not finish", processorId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dirty.get()) refresh();
    }
}
