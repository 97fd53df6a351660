package io.eventprocessor.readmodel;

import com.mongodb.MongoException;
import java.time.Instant;
import java.util.concurrent.Executors;
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
 * flowing, and {@link #close()} recomputes one last time if needed.
 */
public final class StatisticsRefresher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatisticsRefresher.class);
    private static final long TICK_MS = 50;

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
        executor.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** The read models changed (called after a committed poll that wrote events). Never blocks. */
    public void markDirty() {
        long now = System.currentTimeMillis();
        lastWriteMs = now;
        if (!dirty.get()) {
            dirtySinceMs = now;
            dirty.set(true);
        }
    }

    private void tick() {
        if (!dirty.get()) return;
        long now = System.currentTimeMillis();
        if (now - lastWriteMs < quietMs && now - dirtySinceMs < maxStalenessMs) return;
        refresh();
    }

    private void refresh() {
        // Cleared before counting: a write committed while the recompute runs marks it dirty again.
        dirty.set(false);
        try {
            projector.recompute(Instant.now());
        } catch (MongoException e) {
            if (!dirty.get()) {
                dirtySinceMs = System.currentTimeMillis();
                dirty.set(true);
            }
            log.warn("statistics_refresh_failed processor={} error=\"{}\"", processorId, e.toString());
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
