package io.eventprocessor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RatiosTest {
    @Test
    void eachRatioIsTheFigureOverItsFloor() {
        Ratios r = Ratios.compute(4.2, 0.84, 12_000, 15_000, 48_000);
        assertThat(r.latencyOverKafkaFloor()).isCloseTo(5.0, within(1e-9));
        assertThat(r.throughputOverDebeziumCeiling()).isCloseTo(0.8, within(1e-9));
        assertThat(r.insertOverPipeline()).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void aMissingFigureGivesZeroNeverInfinityOrNaN() {
        Ratios r = Ratios.compute(4.2, 0, 0, 15_000, Double.NaN);
        assertThat(r.latencyOverKafkaFloor()).isZero();
        assertThat(r.throughputOverDebeziumCeiling()).isZero();
        assertThat(r.insertOverPipeline()).isZero();
        assertThat(Ratios.ratio(Double.POSITIVE_INFINITY, 1)).isZero();
        assertThat(Ratios.ratio(-1, 2)).isZero();
    }
}
