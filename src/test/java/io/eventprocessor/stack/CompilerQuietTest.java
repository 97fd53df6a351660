package io.eventprocessor.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompilerQuietTest {
    /** A compiler whose total time is {@code totals[i]} at the i-th reading, on a clock that moves only when slept. */
    static CompilerQuiet.Settled run(Duration max, long... totals) throws Exception {
        long[] now = {0};
        int[] reading = {0};
        return CompilerQuiet.await(() -> totals[Math.min(reading[0]++, totals.length - 1)], max,
                () -> now[0], millis -> now[0] += millis * 1_000_000);
    }

    @Test
    void itWaitsWhileTheCompilersWorkAndEndsOnceAWholeWindowWasQuiet() throws Exception {
        // 80 ms of compiling per 100 ms for a second, then 2 ms per 100 ms.
        long[] totals = new long[30];
        for (int i = 1; i < totals.length; i++) totals[i] = totals[i - 1] + (i <= 10 ? 80 : 2);
        CompilerQuiet.Settled s = run(Duration.ofSeconds(6), totals);
        assertThat(s.quiet()).isTrue();
        assertThat(s.waited()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.compileMillis()).isEqualTo(10 * 80 + 5 * 2);
    }

    @Test
    void aQuietCompilerCostsOneWindow() throws Exception {
        CompilerQuiet.Settled s = run(Duration.ofSeconds(6), 500, 500, 501, 503, 503, 510, 510);
        assertThat(s).isEqualTo(new CompilerQuiet.Settled(CompilerQuiet.WINDOW, 10, true));
    }

    @Test
    void aCompilerThatNeverStopsIsLeftAtTheLimit() throws Exception {
        long[] totals = new long[100];
        for (int i = 1; i < totals.length; i++) totals[i] = totals[i - 1] + 30;
        CompilerQuiet.Settled s = run(Duration.ofSeconds(2), totals);
        assertThat(List.of(s.quiet(), s.waited())).containsExactly(false, Duration.ofSeconds(2));
        assertThat(s.compileMillis()).isEqualTo(20 * 30);
    }
}
