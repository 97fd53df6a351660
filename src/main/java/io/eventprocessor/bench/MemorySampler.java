package io.eventprocessor.bench;

import io.eventprocessor.stack.ProcessMemory;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples the memory of the stack (this JVM, which also runs the processor and the bench, plus the PostgreSQL
 * server under {@code home}) on a daemon thread, keeping the peak over the run and over a marked window (the
 * reference burst). Reading /proc/PID/smaps_rollup walks the page tables and finding PostgreSQL's backends scans /proc,
 * so a sample costs a few ms of CPU: every 200 ms that was 8-9% of a core, taken from the pipeline it measures on a
 * 2-core machine. So it samples every {@link #IDLE_INTERVAL_MS} outside the window; inside (the burst, where the
 * peak is) it reads the JVM's resident size every {@link #INTERVAL_MS}, a cheap counter, and takes a full sample at
 * the window's edges and whenever that grew by {@link #GROWTH_KB} since the last one: the window's peak is then
 * known to within that much.
 */
public final class MemorySampler implements AutoCloseable {
    /** Sampling interval inside the window. */
    public static final long INTERVAL_MS = 200;
    /** Sampling interval outside it (paced phases, floors): their memory is lower, and their latency must not pay for it. */
    public static final long IDLE_INTERVAL_MS = 1_000;
    /** Inside the window, growth of the JVM's resident size that calls for a full sample. */
    public static final long GROWTH_KB = 4 * 1024;

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
    private volatile long lastJvmRssKb;

    public MemorySampler(long pid, Path home) {
        this.pid = pid;
        this.home = home;
        this.thread = new Thread(this::loop, "bench-memory-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (running) {
            if (!window || grown()) sample();
            // startWindow() unparks it, so the window's sampling starts at once.
            LockSupport.parkNanos((window ? INTERVAL_MS : IDLE_INTERVAL_MS) * 1_000_000);
            if (Thread.currentThread().isInterrupted()) return;
        }
    }

    /** Whether the JVM's resident size grew by {@link #GROWTH_KB} since the last full sample (true if it cannot tell). */
    private boolean grown() {
        long rss = ProcessMemory.residentKb(pid);
        return rss < 0 || rss >= lastJvmRssKb + GROWTH_KB;
    }

    /** Takes one full sample now (also called at the edges of a window, so a short window has at least two). */
    public synchronized void sample() {
        if (paused) return;
        lastJvmRssKb = Math.max(0, ProcessMemory.residentKb(pid));
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
        LockSupport.unpark(thread);
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
