package io.eventprocessor.ui;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;

/**
 * The one UI clock: a timer thread hands the FX thread a refresh {@link #FAST_MS} apart while something is going on
 * and {@link #SLOW_MS} apart otherwise, never a second one while the first waits. Unlike an AnimationTimer it asks for
 * no frames: an idle window draws only what changed, once a second.
 */
final class UiClock implements AutoCloseable {
    static final long FAST_MS = 250;
    static final long SLOW_MS = 1000;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-clock");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Runnable refresh;
    private final BooleanSupplier fast;
    private volatile long last;
    private volatile boolean fastNow;

    /**
     * @param refresh runs on the FX thread
     * @param fast read on the FX thread after each refresh: refresh often from now on
     */
    UiClock(Runnable refresh, BooleanSupplier fast) {
        this.refresh = refresh;
        this.fast = fast;
    }

    void start() {
        timer.scheduleAtFixedRate(this::beat, 0, FAST_MS, TimeUnit.MILLISECONDS);
    }

    /** Refreshes at the next beat whatever the pace. */
    void soon() {
        last = 0;
    }

    private void beat() {
        long now = System.nanoTime() / 1_000_000;
        if (!fastNow && now - last < SLOW_MS - FAST_MS / 2) return;
        if (!pending.compareAndSet(false, true)) return;
        last = now;
        Platform.runLater(() -> {
            try {
                refresh.run();
                fastNow = fast.getAsBoolean();
            } finally {
                pending.set(false);
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
