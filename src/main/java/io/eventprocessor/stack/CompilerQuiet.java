package io.eventprocessor.stack;

import java.time.Duration;

/**
 * Waits for a JVM's JIT compilers to go quiet. A warm-up leaves the optimizing compiler (C2) with a queue of methods the
 * load made hot; with an AOT cache's profiles it compiles them all at once, for two or three seconds on both of a
 * two-core machine's cores after the warm-up's last event, and a scenario started meanwhile shares the CPU with it.
 * Quiet: the compilers' total time grew by at most {@link #QUIET_MILLIS} over the last {@link #WINDOW}.
 */
public final class CompilerQuiet {
    private CompilerQuiet() {}

    static final Duration WINDOW = Duration.ofMillis(500);
    /** A twentieth of the window: one core's compiler at 5%, what a stack idles at once compiled. */
    static final long QUIET_MILLIS = 25;
    static final Duration STEP = Duration.ofMillis(100);

    /** The compilers' total time so far, in milliseconds. */
    @FunctionalInterface
    public interface CompileClock {
        long compileMillis() throws Exception;
    }

    /** How the wait ended: how long it took, the compile time it saw go by, and whether it ended quiet or at its limit. */
    public record Settled(Duration waited, long compileMillis, boolean quiet) {}

    /** Polls {@code clock} every {@link #STEP} until the compilers are quiet, at most {@code max}. */
    public static Settled await(CompileClock clock, Duration max) throws Exception {
        return await(clock, max, System::nanoTime, Thread::sleep);
    }

    interface Ticker {
        long nanoTime();
    }

    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    static Settled await(CompileClock clock, Duration max, Ticker ticker, Sleeper sleeper) throws Exception {
        int window = (int) (WINDOW.toMillis() / STEP.toMillis());
        long[] seen = new long[window + 1];
        long start = ticker.nanoTime();
        long first = clock.compileMillis();
        seen[0] = first;
        for (int i = 1; ; i++) {
            sleeper.sleep(STEP.toMillis());
            long now = clock.compileMillis();
            seen[i % seen.length] = now;
            Duration waited = Duration.ofNanos(ticker.nanoTime() - start);
            if (i >= window && now - seen[(i - window) % seen.length] <= QUIET_MILLIS) return new Settled(waited, now - first, true);
            if (waited.compareTo(max) >= 0) return new Settled(waited, now - first, false);
        }
    }
}
