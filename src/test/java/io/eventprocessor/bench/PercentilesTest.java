package io.eventprocessor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.eventprocessor.measure.LatencyStats;
import io.eventprocessor.measure.StageSummary;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void takesP50P99AndP999OfTheStageSummaryInMilliseconds() {
        LatencyStats stats = new LatencyStats();
        for (int i = 1; i <= 10_000; i++) stats.recordMicros(i * 10L); // 0.01 .. 100 ms, uniform
        Percentiles p = Percentiles.of(stats.summary());
        assertThat(p.count()).isEqualTo(10_000);
        // HdrHistogram with 3 significant digits: within 0.1%.
        assertThat(p.p50Ms()).isCloseTo(50.0, within(0.06));
        assertThat(p.p99Ms()).isCloseTo(99.0, within(0.11));
        assertThat(p.p999Ms()).isCloseTo(99.9, within(0.11));
    }

    @Test
    void nothingMeasuredIsZeroWithCountZero() {
        assertThat(Percentiles.of(StageSummary.EMPTY)).isEqualTo(Percentiles.NONE);
        assertThat(Percentiles.of(null)).isEqualTo(Percentiles.NONE);
    }
}
