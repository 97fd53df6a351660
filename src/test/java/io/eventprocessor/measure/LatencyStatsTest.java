package io.eventprocessor.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {
    /** HdrHistogram with 3 significant digits: every figure within 0.1% of the exact value. */
    private static Offset<Double> precision(double value) {
        return within(Math.max(value * 0.001, 0.001));
    }

    @Test
    void uniformOneToThousandMillisecondsGivesTheKnownPercentiles() {
        LatencyStats stats = new LatencyStats();
        for (int ms = 1; ms <= 1000; ms++) stats.recordMicros(ms * 1000L);
        StageSummary s = stats.summary();

        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.min()).isCloseTo(1.0, precision(1));
        assertThat(s.max()).isCloseTo(1000.0, precision(1000));
        assertThat(s.mean()).isCloseTo(500.5, precision(500.5));
        // Population standard deviation of 1..1000: sqrt((1000^2 - 1) / 12).
        assertThat(s.stddev()).isCloseTo(Math.sqrt((1000.0 * 1000 - 1) / 12), within(0.5));
        assertThat(s.p50()).isCloseTo(500, precision(500));
        assertThat(s.p75()).isCloseTo(750, precision(750));
        assertThat(s.p90()).isCloseTo(900, precision(900));
        assertThat(s.p95()).isCloseTo(950, precision(950));
        assertThat(s.p99()).isCloseTo(990, precision(990));
        assertThat(s.p999()).isCloseTo(999, precision(999));
        assertThat(s.clamped()).isZero();
        assertThat(List.of(s.min(), s.p50(), s.p75(), s.p90(), s.p95(), s.p99(), s.p999(), s.max())).isSorted();
    }

    /** Mean and deviation come from the values themselves, not from the buckets they fall in. */
    @Test
    void meanAndDeviationAreExact() {
        LatencyStats stats = new LatencyStats();
        // Within one bucket of 3 significant digits: the histogram alone cannot tell these apart.
        stats.recordMicros(1_000_001);
        stats.recordMicros(1_000_003);
        LatencyStats copy = stats.copy();
        stats.recordMicros(1_000_005);

        assertThat(stats.summary().mean()).isCloseTo(1_000.003, within(1e-9));
        assertThat(stats.summary().stddev()).isCloseTo(Math.sqrt(8.0 / 3) / 1000, within(1e-9));
        assertThat(copy.summary().mean()).isCloseTo(1_000.002, within(1e-9));
        assertThat(copy.summary().stddev()).isCloseTo(0.001, within(1e-9));
    }

    @Test
    void singleValueIsEveryPercentile() {
        LatencyStats stats = new LatencyStats();
        stats.recordMicros(12_345);
        StageSummary s = stats.summary();
        assertThat(s.count()).isEqualTo(1);
        for (double v : new double[] {s.min(), s.max(), s.mean(), s.p50(), s.p75(), s.p90(), s.p95(), s.p99(), s.p999()}) {
            assertThat(v).isCloseTo(12.345, precision(12.345));
        }
        assertThat(s.stddev()).isZero();
    }

    @Test
    void emptyHasCountZeroAndNoCurve() {
        LatencyStats stats = new LatencyStats();
        assertThat(stats.summary()).isEqualTo(StageSummary.EMPTY);
        assertThat(stats.summary().isEmpty()).isTrue();
        assertThat(stats.curve().isEmpty()).isTrue();
    }

    @Test
    void negativeDurationsAreRecordedAsZeroAndCounted() {
        LatencyStats stats = new LatencyStats();
        stats.recordMicros(-900);
        stats.recordMicros(-1);
        stats.recordMicros(0);
        stats.recordMicros(4_000);
        StageSummary s = stats.summary();
        assertThat(s.count()).as("never dropped").isEqualTo(4);
        assertThat(s.clamped()).isEqualTo(2);
        assertThat(s.min()).isZero();
        assertThat(s.p50()).isZero();
        assertThat(s.max()).isCloseTo(4.0, precision(4));
    }

    @Test
    void hugeValuesResizeInsteadOfFailing() {
        LatencyStats stats = new LatencyStats();
        stats.recordMicros(1);
        stats.recordMicros(3_600_000_000L); // an hour
        assertThat(stats.summary().max()).isCloseTo(3_600_000.0, precision(3_600_000));
    }

    @Test
    void curveRisesMonotonicallyToTheMaximumAtOneHundredPercent() {
        LatencyStats stats = new LatencyStats();
        for (int i = 1; i <= 10_000; i++) stats.recordMicros(i * 10L);
        List<PercentileCurve.Point> points = stats.curve().points();
        assertThat(points).hasSizeGreaterThan(20);
        assertThat(points.stream().map(PercentileCurve.Point::percentile).toList()).isSorted();
        assertThat(points.stream().map(PercentileCurve.Point::valueMs).toList()).isSorted();
        assertThat(points.get(points.size() - 1).percentile()).isEqualTo(100.0);
        assertThat(points.get(points.size() - 1).valueMs()).isCloseTo(100.0, precision(100));
        // The iteration reaches deep into the tail, which is what the log-scale chart is for.
        assertThat(points.stream().anyMatch(p -> p.percentile() >= 99.9 && p.percentile() < 100)).isTrue();
        assertThat(new PercentileCurve.Point(99.0, 1).inverseTail()).isCloseTo(100.0, within(1e-9));
    }
}
