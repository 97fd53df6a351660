package io.eventprocessor.bench;

import io.eventprocessor.stack.ProcessMemory;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the memory of the stack (this JVM, which also runs the processor and the bench, plus the PostgreSQL
 * server under {@code home}) on a daemon thread, keeping the peak over the run and over a marked window (the
 * reference burst). Reading /proc/PID/smaps_rollup walks the page tables, so it costs a few ms per sample: the
 * interval is kept coarse enough not to disturb what it measures.
 */
public final class MemorySampler implements AutoCloseable {
    public static final long INTERVAL_MS = 200;

    private final long pid;
    private final Path home;
    private final Thread thread;
    private final AtomicLong samples = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean window;
    private volatile boolean paused;
    private long peakRss;
    private long peakPss;
    private long windowRss;
    private long windowPss;

    public MemorySampler(long pid, Path home) {
        this.pid = pid;
        this.home = home;
        this.thread = new Thread(this::loop, "bench-memory-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Takes one sample now (also called at the edges of a window, so a short window has at least two). */
    public synchronized void sample() {
        if (paused) return;
        ProcessMemory.Usage u = ProcessMemory.ofStack(pid, home);
        samples.incrementAndGet();
        peakRss = Math.max(peakRss, u.rssKb());
        peakPss = Math.max(peakPss, u.pssKb());
        if (window) {
            windowRss = Math.max(windowRss, u.rssKb());
            windowPss = Math.max(windowPss, u.pssKb());
        }
    }

    /** Stops counting (while a helper JVM of the bench itself runs, which is a child of this JVM but not the stack). */
    public void pause(boolean pause) {
        paused = pause;
    }

    public void startWindow() {
        synchronized (this) {
            window = true;
            windowRss = 0;
            windowPss = 0;
        }
        sample();
    }

    public void endWindow() {
        sample();
        synchronized (this) {
            window = false;
        }
    }

    public synchronized BenchResult.Memory result(int burstEvents) {
        return new BenchResult.Memory(peakRss / 1024, peakPss / 1024, windowRss / 1024, windowPss / 1024, burstEvents, samples.get(),
                INTERVAL_MS, Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
