package io.eventprocessor.loadgen;

import io.eventprocessor.outbox.BatchSink;
import io.eventprocessor.outbox.OutboxEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends a list of outbox events to a {@link BatchSink} in BURST or PACED mode (see {@link SendPlan.Mode}) and
 * records, per event, its intended send time, when its batch was sent and when it committed.
 *
 * <p>One runner per run: {@link #cancel()} is sticky, so that a cancel that arrives before the run has started
 * is not lost. Cancelling (from any thread), or interrupting the sending thread, stops the run after the batch in
 * flight; the result then holds what was committed. A sink error also ends the run and is returned, not thrown,
 * so that a UI thread gets a result either way.
 */
public final class LoadRunner {
    /** Longest single sleep, so that a cancel during a long pause (slow rate, long delay) is seen promptly. */
    private static final long SLEEP_SLICE_MICROS = 50_000;

    private final BatchSink sink;
    private final TimeSource time;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();

    public LoadRunner(BatchSink sink) {
        this(sink, TimeSource.system());
    }

    public LoadRunner(BatchSink sink, TimeSource time) {
        this.sink = sink;
        this.time = time;
    }

    /** Asks the run to stop after the batch in flight. Safe from any thread. */
    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    public LoadResult run(List<OutboxEvent> events, SendPlan plan) {
        return run(events, plan, ProgressListener.NONE);
    }

    public LoadResult run(List<OutboxEvent> events, SendPlan plan, ProgressListener progress) {
        if (!started.compareAndSet(false, true)) throw new IllegalStateException("a LoadRunner runs once; make a new one");
        Run run = new Run(events, plan, progress, time.nowMicros());
        try {
            if (plan.mode() == SendPlan.Mode.PACED) run.paced();
            else run.burst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the interrupt for the caller
            cancelled.set(true);
        } catch (Exception e) {
            run.failure = e;
        }
        return run.result();
    }

    /** The state of one run. */
    private final class Run {
        final List<OutboxEvent> events;
        final SendPlan plan;
        final ProgressListener progress;
        final long startMicros;
        final Map<UUID, SendTiming> timings;
        int sent;
        int batches;
        long endMicros;
        Exception failure;

        Run(List<OutboxEvent> events, SendPlan plan, ProgressListener progress, long startMicros) {
            this.events = events;
            this.plan = plan;
            this.progress = progress;
            this.startMicros = startMicros;
            this.endMicros = startMicros;
            this.timings = new LinkedHashMap<>(events.size() * 4 / 3 + 1);
        }

        void burst() throws Exception {
            long delay = plan.delayBetweenBatches().toNanos() / 1_000;
            for (int from = 0; from < events.size() && !stopRequested(); ) {
                if (from > 0 && delay > 0 && !sleepUntil(endMicros + delay)) return;
                int to = Math.min(events.size(), from + plan.batchSize());
                long now = time.nowMicros();
                send(from, to, i -> now, now);
                from = to;
            }
        }

        void paced() throws Exception {
            int from = 0;
            while (from < events.size() && !stopRequested()) {
                if (!sleepUntil(plan.intendedMicros(startMicros, from))) return;
                long now = time.nowMicros();
                // Everything already due goes now, in one batch: it is late, and sending it one by one would make
                // it later still. It keeps its intended time, so the delay is measured, not hidden.
                int to = from + 1;
                while (to < events.size() && to - from < plan.batchSize() && plan.intendedMicros(startMicros, to) <= now) {
                    to++;
                }
                send(from, to, i -> plan.intendedMicros(startMicros, i), now);
                from = to;
            }
        }

        private void send(int from, int to, IntendedTime intended, long sentMicros) throws Exception {
            sink.insert(events.subList(from, to));
            long committed = time.nowMicros();
            for (int i = from; i < to; i++) {
                timings.put(events.get(i).eventId(), new SendTiming(intended.at(i), sentMicros, committed));
            }
            sent = to;
            batches++;
            endMicros = committed;
            progress.onProgress(sent, events.size());
        }

        /** Sleeps in slices until the deadline; false if cancelled meanwhile. */
        private boolean sleepUntil(long deadline) throws InterruptedException {
            long now;
            while ((now = time.nowMicros()) < deadline) {
                if (stopRequested()) return false;
                time.sleepUntilMicros(Math.min(deadline, now + SLEEP_SLICE_MICROS));
            }
            return !stopRequested();
        }

        private boolean stopRequested() {
            if (Thread.currentThread().isInterrupted()) cancelled.set(true);
            return cancelled.get();
        }

        LoadResult result() {
            if (sent < events.size() && failure == null && !cancelled.get()) {
                throw new IllegalStateException("run ended early without a reason"); // a bug, not a load outcome
            }
            if (cancelled.get() || failure != null) endMicros = Math.max(endMicros, time.nowMicros());
            return new LoadResult(plan, events.size(), sent, batches, startMicros, endMicros,
                    Collections.unmodifiableMap(timings), cancelled.get() && sent < events.size(), Optional.ofNullable(failure));
        }
    }

    @FunctionalInterface
    private interface IntendedTime {
        long at(int index);
    }
}
