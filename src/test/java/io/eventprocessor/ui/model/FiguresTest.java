package io.eventprocessor.ui.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.eventprocessor.contract.EventTiming;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.measure.MetricsAggregator;
import io.eventprocessor.measure.PartitionLag;
import io.eventprocessor.measure.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The tiles' figures come from the collector's snapshot and nothing else. */
class FiguresTest {
    static final long BASE = 1_780_000_000_000_000L;

    static MetricRecord processed(String type, long t0, long e2eUs) {
        // cdc 1 ms, kafka 0.5 ms, wait 0.2 ms, the rest processing
        EventTiming t = new EventTiming(t0, t0 + 1000, t0 + 1500, t0 + 1700, t0 + 1750, t0 + e2eUs);
        return new MetricRecord(UUID.randomUUID().toString(), type, UUID.randomUUID().toString(), MetricRecord.STATUS_PROCESSED,
                null, null, t, 0, 0, "p", "detail");
    }

    static MetricRecord deadLettered(String type) {
        return new MetricRecord(UUID.randomUUID().toString(), type, null, MetricRecord.STATUS_DEAD_LETTERED, "invalid", "bad payload",
                null, 0, 0, "p", null);
    }

    @Test
    void beforeAnyMeasurementEveryFigureIsEmptyAndNoLatencyIsColoured() {
        Figures f = Figures.of(null, 100, true);
        assertThat(f.processed()).isZero();
        assertThat(f.remaining()).isEqualTo(100);
        assertThat(f.progress()).isZero();
        assertThat(f.etaSeconds()).isEmpty();
        assertThat(f.successRate()).isEmpty();
        assertThat(f.percentiles()).extracting(Figures.Percentile::level).containsOnly(LatencyLevel.NONE);
        assertThat(f.lagMeasured()).isFalse();
    }

    @Test
    void countsProgressAndRatesComeFromTheSnapshot() {
        MetricsAggregator a = new MetricsAggregator(100, false);
        for (int i = 0; i < 6; i++) a.accept(processed(Names.USER_CREATED, BASE + i * 1000, 10_000));
        for (int i = 0; i < 3; i++) a.accept(processed(Names.ACTIVITY_CREATED, BASE + i * 1000, 10_000));
        a.accept(deadLettered(Names.PARTICIPANT_JOINED));
        Snapshot s = a.snapshot(BASE + 100_000, List.of(new PartitionLag(Names.OUTBOX_TOPIC, 0, 5, 12)), null);

        Figures f = Figures.of(s, 20, true);
        assertThat(f.processed()).isEqualTo(9);
        assertThat(f.deadLettered()).isEqualTo(1);
        assertThat(f.remaining()).isEqualTo(10);
        assertThat(f.progress()).isCloseTo(0.5, within(1e-9));
        assertThat(f.byType()).containsExactly(
                Map.entry(Names.USER_CREATED, 6L), Map.entry(Names.ACTIVITY_CREATED, 3L),
                Map.entry(Names.PARTICIPANT_JOINED, 0L));
        assertThat(f.successRate().getAsDouble()).isCloseTo(0.9, within(1e-9));
        assertThat(f.errorRate().getAsDouble()).isCloseTo(0.1, within(1e-9));
        assertThat(f.totalLag()).isEqualTo(7);
        assertThat(f.lagMeasured()).isTrue();
        assertThat(f.currentEps()).isEqualTo(s.throughput().currentEps());
        assertThat(f.averageEps()).isEqualTo(s.throughput().averageEps());
        assertThat(f.peakEps()).isEqualTo(s.throughput().peakEps());
        assertThat(f.recentEndToEndMs()).hasSize(9).containsOnly(10.0);
    }

    @Test
    void stageMediansAndPercentilesAreTheCollectorsOwn() {
        MetricsAggregator a = new MetricsAggregator(100, false);
        for (int i = 0; i < 50; i++) a.accept(processed(Names.USER_CREATED, BASE + i * 1000, 20_000));
        Snapshot s = a.snapshot(BASE + 1_000_000, List.of(), null);
        Figures f = Figures.of(s, 50, true);
        assertThat(f.stageP50Ms()).containsOnlyKeys(Stage.CDC_CAPTURE, Stage.KAFKA_DELIVERY, Stage.CONSUMER_WAIT, Stage.PROCESSING);
        assertThat(f.stageP50Ms().get(Stage.CDC_CAPTURE)).isEqualTo(s.latency().get(Stage.CDC_CAPTURE).p50());
        assertThat(f.percentiles()).extracting(Figures.Percentile::name).containsExactly("P50", "P95", "P99");
        assertThat(f.percentiles().get(0).valueMs()).isEqualTo(s.latency().get(Stage.END_TO_END).p50());
        assertThat(f.percentiles().get(2).valueMs()).isEqualTo(s.latency().get(Stage.END_TO_END).p99());
        assertThat(f.targetReached()).isTrue();
        assertThat(f.etaSeconds()).isEmpty();
    }

    @Test
    void etaIsRemainingOverTheCurrentRateOnlyWhenARateWasMeasured() {
        MetricsAggregator a = new MetricsAggregator(100, false);
        for (int i = 0; i < 10; i++) a.accept(processed(Names.USER_CREATED, BASE + i * 1000, 5_000));
        Snapshot live = a.snapshot(BASE + 100_000, List.of(), null);
        Figures f = Figures.of(live, 30, true);
        assertThat(live.throughput().currentEps()).isPositive();
        assertThat(f.etaSeconds().getAsDouble()).isCloseTo(20 / live.throughput().currentEps(), within(1e-9));

        Snapshot idle = a.snapshot(BASE + 60_000_000, List.of(), null);
        assertThat(Figures.of(idle, 30, true).etaSeconds()).isEmpty();
    }

    @Test
    void latencyColoursFollowTheSeedTargets() {
        assertThat(LatencyLevel.of(29.9, 30, true)).isEqualTo(LatencyLevel.GOOD);
        assertThat(LatencyLevel.of(30, 30, true)).isEqualTo(LatencyLevel.WARN);
        assertThat(LatencyLevel.of(59.9, 30, true)).isEqualTo(LatencyLevel.WARN);
        assertThat(LatencyLevel.of(60, 30, true)).isEqualTo(LatencyLevel.BAD);
        assertThat(LatencyLevel.of(0, 30, false)).isEqualTo(LatencyLevel.NONE);

        MetricsAggregator a = new MetricsAggregator(100, false);
        for (int i = 0; i < 100; i++) a.accept(processed(Names.USER_CREATED, BASE + i * 1000, 150_000)); // 150 ms each
        Figures f = Figures.of(a.snapshot(BASE + 1_000_000, List.of(), null), 100, true);
        assertThat(f.percentiles()).extracting(Figures.Percentile::level)
                .containsExactly(LatencyLevel.BAD, LatencyLevel.WARN, LatencyLevel.GOOD); // vs 30, 100, 200 ms
    }

    @Test
    void narrativeTellsTheRoomWhatHappens() {
        MetricsAggregator a = new MetricsAggregator(100, false);
        for (int i = 0; i < 10; i++) a.accept(processed(Names.USER_CREATED, BASE + i * 1000, 5_000));
        Figures f = Figures.of(a.snapshot(BASE + 100_000, List.of(), null), 1000, true);
        assertThat(Narrative.running(f, "Inserting")).startsWith("Processing ").contains("events per second").contains("10 of 1,000");
        assertThat(Narrative.running(Figures.of(null, 1000, true), "Inserting into the outbox")).isEqualTo("Inserting into the outbox...");
    }
}
