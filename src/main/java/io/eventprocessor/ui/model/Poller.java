package io.eventprocessor.ui.model;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/**
 * The dashboard's background reads (health, newest documents, live integrity), each at its own interval and never two
 * of a kind at once, however slow a service is. The UI clock drives it ({@link #due}); results are applied on the FX
 * thread; a failed read keeps the last figures. FX thread only.
 */
final class Poller implements AutoCloseable {
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "dashboard-poll");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Instant> started = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();

    /**
     * Starts {@code read} if {@code kind} is not in flight and last started {@code every} or longer ago. Once closed it
     * starts nothing: a refresh the UI clock queued before it stopped may still come.
     */
    <T> void due(String kind, Duration every, Instant now, Callable<T> read, Consumer<T> apply) {
        if (executor.isShutdown() || inFlight.contains(kind)) return;
        Instant last = started.get(kind);
        if (last != null && Duration.between(last, now).compareTo(every) < 0) return;
        started.put(kind, now);
        inFlight.add(kind);
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return read.call();
            }
        };
        task.setOnSucceeded(e -> {
            inFlight.remove(kind);
            apply.accept(task.getValue());
        });
        task.setOnFailed(e -> inFlight.remove(kind));
        task.setOnCancelled(e -> inFlight.remove(kind));
        executor.execute(task);
    }

    /** Starts {@code read} now unless one of its kind is in flight. */
    <T> void now(String kind, Callable<T> read, Consumer<T> apply) {
        started.remove(kind);
        due(kind, Duration.ZERO, Instant.now(), read, apply);
    }

    /** Makes {@code kind} due on the next call. */
    void soon(String kind) {
        started.remove(kind);
    }

    /** Counts {@code kind} as started at {@code now}: its next read comes a whole interval later. */
    void holdOff(String kind, Instant now) {
        started.put(kind, now);
    }

    boolean inFlight(String kind) {
        return inFlight.contains(kind);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Waits for the reads in flight to end (after {@link #close()}). */
    boolean awaitTermination(Duration timeout) throws InterruptedException {
        return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
