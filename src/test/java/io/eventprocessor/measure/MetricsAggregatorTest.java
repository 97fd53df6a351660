package io.eventprocessor.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.testing.MetricSamples;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MetricsAggregatorTest {
    private static final long S = 1_000_000L;

    @Test
    void countsDistinctEventsByTypeAndIgnoresRedeliveries() {
        MetricsAggregator a = new MetricsAggregator(10, false);
        MetricRecord user = MetricSamples.processed(MetricSamples.id(), Names.USER_CREATED, MetricSamples.BASE_US, 1000, 500, 200, 3000);
        a.accept(user);
        a.accept(user); // at-least-once: the same event's metric again
        a.accept(MetricSamples.processed(MetricSamples.id(), Names.ACTIVITY_CREATED, MetricSamples.BASE_US, 1000, 500, 200, 3000));
        a.accept(MetricSamples.deadLettered(MetricSamples.id(), Names.PARTICIPANT_JOINED));
        a.accept(MetricSamples.deadLettered(null, null)); // too broken to have an id: still counted
        a.unreadable();

        Snapshot s = a.snapshot(MetricSamples.BASE_US + S, List.of(), null);
        assertThat(s.processed()).isEqualTo(2);
        assertThat(s.deadLettered()).isEqualTo(2);
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.unreadable()).isEqualTo(1);
        assertThat(s.processedByType()).containsExactlyInAnyOrderEntriesOf(Map.of(Names.USER_CREATED, 1L, Names.ACTIVITY_CREATED, 1L));
        assertThat(s.deadLetteredByType()).containsExactlyInAnyOrderEntriesOf(Map.of(Names.PARTICIPANT_JOINED, 1L, "unknown", 1L));
        assertThat(s.latency().get(Stage.END_TO_END).count()).isEqualTo(2);
        assertThat(s.latency().get(Stage.END_TO_END).p50()).isCloseTo(4.7, within(0.01));
        assertThat(s.latency().get(Stage.CDC_CAPTURE).p50()).isCloseTo(1.0, within(0.001));
        assertThat(s.endToEndFromIntended()).isEmpty();
        assertThat(s.recent()).hasSize(4); // the duplicate is not a new event
    }

    @Test
    void countsEachProcessorsFirstOutcomesWithItsPartitionsAndCurrentRate() {
        MetricsAggregator a = new MetricsAggregator(10, false);
        long t0 = MetricSamples.BASE_US;
        // p1 owns partition 0, p2 partitions 1 and 2; p2 dead-letters one event; the run lasts one second (first T0 to last T5).
        for (int i = 0; i < 6; i++) a.accept(MetricSamples.processedBy("p1", 0, "broker_log_append_time", t0 + i * 100_000L, 400_000));
        for (int i = 0; i < 3; i++) a.accept(MetricSamples.processedBy("p2", 1 + i % 2, "broker_log_append_time", t0 + i * 200_000L, 400_000));
        MetricRecord redelivered = MetricSamples.processedBy("p1", 0, "broker_log_append_time", t0, 400_000);
        a.accept(redelivered);
        a.accept(new MetricRecord(redelivered.eventId(), redelivered.eventType(), redelivered.aggregateId(), redelivered.status(), null, null,
                redelivered.timing(), 1, 9, "p2", null, redelivered.t2Source())); // a redelivery to p2 counts for p1, first
        a.accept(new MetricRecord(MetricSamples.id(), null, null, MetricRecord.STATUS_DEAD_LETTERED, "invalid_payload", "bad",
                null, 2, 3, "p2", "bad"));

        Snapshot s = a.snapshot(t0 + 900_000, List.of(), null);

        assertThat(s.byProcessor()).containsOnlyKeys("p1", "p2");
        InstanceCounts p1 = s.byProcessor().get("p1");
        InstanceCounts p2 = s.byProcessor().get("p2");
        assertThat(p1.processed()).isEqualTo(7);
        assertThat(p2.processed()).isEqualTo(3);
        assertThat(p2.deadLettered()).isEqualTo(1);
        assertThat(p1.partitions()).containsExactly(0);
        assertThat(p2.partitions()).containsExactly(1, 2);
        // The window is first T0 (t0) to last T5 (t0 + 0.9 s): 10 processed events in 0.9 s, split 7 : 3.
        assertThat(p1.averageEps() + p2.averageEps()).isCloseTo(s.throughput().averageEps(), within(1e-9));
        assertThat(p1.averageEps()).isCloseTo(7 / 0.9, within(1e-9));
        // T5s in the last second before t0 + 0.9 s: every one of them.
        assertThat(p1.currentEps()).isEqualTo(7);
        assertThat(p2.currentEps()).isEqualTo(3);
        assertThat(s.t2Sources()).containsExactly(Map.entry("broker_log_append_time", 10L));
    }

    @Test
    void recordsThatDoNotSayWhereT2CameFromAreCountedAsUnreported() {
        MetricsAggregator a = new MetricsAggregator(10, false);
        a.accept(MetricSamples.processed(MetricSamples.id(), Names.USER_CREATED, MetricSamples.BASE_US, 1000, 500, 200, 3000));
        a.accept(MetricSamples.processedBy("p1", 0, "relay_header", MetricSamples.BASE_US, 4000));
        Snapshot s = a.snapshot(MetricSamples.BASE_US + S, List.of(), null);
        assertThat(s.t2Sources()).containsExactlyInAnyOrderEntriesOf(Map.of(MetricsAggregator.UNREPORTED, 1L, "relay_header", 1L));
    }

    @Test
    void negativeStagesAreClampedAndCountedPerStage() {
        MetricsAggregator a = new MetricsAggregator(10, false);
        // T2 (ms granularity) 400 µs before T1.
        a.accept(MetricSamples.processed(MetricSamples.id(), Names.USER_CREATED, MetricSamples.BASE_US, 1000, -400, 900, 2000));
        Snapshot s = a.snapshot(MetricSamples.BASE_US, List.of(), null);
        assertThat(s.latency().get(Stage.KAFKA_DELIVERY).clamped()).isEqualTo(1);
        assertThat(s.latency().get(Stage.KAFKA_DELIVERY).count()).isEqualTo(1);
        assertThat(s.latency().get(Stage.KAFKA_DELIVERY).max()).isZero();
        assertThat(s.latency().get(Stage.END_TO_END).clamped()).isZero();
        assertThat(s.latency().get(Stage.END_TO_END).p50()).isCloseTo(3.5, within(0.01));
    }

    @Test
    void throughputAverageIsProcessedOverFirstT0ToLastT5AndPeakIsTheBusiestSecond() {
        MetricsAggregator a = new MetricsAggregator(10, false);
        long start = MetricSamples.BASE_US;
        // 30 events: 10 acknowledged in second 0, 20 in second 1 (T5 = T0 + 1 ms).
        for (int i = 0; i < 10; i++) a.accept(MetricSamples.processed(MetricSamples.id(), MetricSamples.type(i), start + i * 1000, 250, 250, 250, 250));
        for (int i = 0; i < 20; i++) a.accept(MetricSamples.processed(MetricSamples.id(), MetricSamples.type(i), start + S + i * 1000, 250, 250, 250, 250));
        long lastT5 = start + S + 19 * 1000 + 1000;

        Snapshot s = a.snapshot(lastT5, List.of(), null);
        assertThat(s.processingSeconds()).isCloseTo((lastT5 - start) / 1e6, within(1e-9));
        assertThat(s.throughput().averageEps()).isCloseTo(30 / s.processingSeconds(), within(1e-9));
        assertThat(s.throughput().peakEps()).isEqualTo(20);
        assertThat(s.throughput().currentEps()).isEqualTo(20);
        assertThat(s.perSecond()).extracting(ThroughputPoint::events).containsExactly(10L, 20L);
        // Idle for a while: the current rate decays, the others stay.
        Snapshot later = a.snapshot(lastT5 + 5 * S, List.of(), null);
        assertThat(later.throughput().currentEps()).isZero();
        assertThat(later.throughput().peakEps()).isEqualTo(20);
    }

    @Test
    void measuresFromTheIntendedSendTime() {
        MetricsAggregator a = new MetricsAggregator(10, false);
        String id = MetricSamples.id();
        MetricRecord m = MetricSamples.processed(id, Names.USER_CREATED, MetricSamples.BASE_US, 1000, 1000, 1000, 1000);
        // The sender was 50 ms late: the row went in 50 ms after it should have.
        a.registerIntended(Map.of(id, MetricSamples.BASE_US - 50_000));
        a.accept(m);
        Snapshot s = a.snapshot(MetricSamples.BASE_US, List.of(), null);
        assertThat(s.latency().get(Stage.END_TO_END).p50()).isCloseTo(4.0, within(0.01));
        assertThat(s.endToEndFromIntended()).hasValueSatisfying(x -> assertThat(x.p50()).isCloseTo(54.0, within(0.06)));
        assertThat(a.curves()).containsKey(MetricsAggregator.END_TO_END_FROM_INTENDED);
    }

    @Test
    void intendedTimesRegisteredAfterTheMetricArrivedAreMeasuredToo() {
        MetricsAggregator a = new MetricsAggregator(10, true);
        String id = MetricSamples.id();
        a.expect(List.of(id));
        a.accept(MetricSamples.processed(id, Names.USER_CREATED, MetricSamples.BASE_US, 1000, 1000, 1000, 1000));
        assertThat(a.snapshot(MetricSamples.BASE_US, List.of(), null).endToEndFromIntended()).isEmpty();

        a.registerIntended(Map.of(id, MetricSamples.BASE_US - 50_000));
        assertThat(a.snapshot(MetricSamples.BASE_US, List.of(), null).endToEndFromIntended())
                .hasValueSatisfying(x -> assertThat(x.p50()).isCloseTo(54.0, within(0.06)));
    }

    @Test
    void onlyRegisteredEventsAreCountedWhenAsked() {
        MetricsAggregator a = new MetricsAggregator(10, true);
        String mine = MetricSamples.id();
        a.expect(List.of(mine));
        a.accept(MetricSamples.processed(MetricSamples.id(), Names.USER_CREATED, MetricSamples.BASE_US, 1, 1, 1, 1));
        a.accept(MetricSamples.deadLettered(null, null));
        a.accept(MetricSamples.processed(mine, Names.USER_CREATED, MetricSamples.BASE_US, 1, 1, 1, 1));
        Snapshot s = a.snapshot(MetricSamples.BASE_US, List.of(), null);
        assertThat(s.processed()).isEqualTo(1);
        assertThat(s.deadLettered()).isZero();
        assertThat(s.recent()).extracting(MetricRecord::eventId).containsExactly(mine);
    }

    @Test
    void recentRingKeepsTheNewestRecords() {
        MetricsAggregator a = new MetricsAggregator(3, false);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = MetricSamples.id();
            ids.add(id);
            a.accept(MetricSamples.processed(id, Names.USER_CREATED, MetricSamples.BASE_US + i, 1, 1, 1, 1));
        }
        assertThat(a.snapshot(MetricSamples.BASE_US, List.of(), null).recent()).extracting(MetricRecord::eventId)
                .containsExactlyElementsOf(ids.subList(2, 5));
    }

    @Test
    void awaitReturnsWhatIsMissingAtTheTimeoutAndWakesOnArrival() throws Exception {
        MetricsAggregator a = new MetricsAggregator(10, false);
        String done = MetricSamples.id(), failed = MetricSamples.id(), never = MetricSamples.id(), late = MetricSamples.id();
        a.accept(MetricSamples.processed(done, Names.USER_CREATED, MetricSamples.BASE_US, 1, 1, 1, 1));
        a.accept(MetricSamples.deadLettered(failed, Names.USER_CREATED));

        AwaitResult r = a.awaitOutcomes(List.of(done, failed, never), Duration.ofMillis(50));
        assertThat(r.complete()).isFalse();
        assertThat(r.missing()).containsExactly(never);
        assertThat(r.expected()).isEqualTo(3);
        assertThat(r.seen()).isEqualTo(2);

        CompletableFuture<AwaitResult> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return a.awaitOutcomes(List.of(done, late), Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        a.accept(MetricSamples.processed(late, Names.USER_CREATED, MetricSamples.BASE_US, 1, 1, 1, 1));
        AwaitResult r2 = waiting.get();
        assertThat(r2.complete()).isTrue();
        assertThat(r2.missing()).isEmpty();
    }

    /** Two bursts 1.5 s apart: no whole second holds more than half, yet the peak of a run never falls below its average. */
    @Test
    void aRunsPeakIsTheBusiestSlidingWindowAndNeverBelowItsAverage() {
        MetricsAggregator a = new MetricsAggregator(10, true);
        long start = MetricSamples.BASE_US + 700_000; // not aligned to an epoch second
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) ids.add(MetricSamples.id());
        a.expect(ids);
        for (int i = 0; i < 100; i++) a.accept(MetricSamples.processed(ids.get(i), MetricSamples.type(i), start, 250, 250, 250, 250));
        for (int i = 100; i < 200; i++) a.accept(MetricSamples.processed(ids.get(i), MetricSamples.type(i), start + 1_500_000, 250, 250, 250, 250));

        Snapshot s = a.snapshot(start + 2 * S, List.of(), Map.of(), null, true);
        assertThat(s.throughput().averageEps()).isCloseTo(200 / s.processingSeconds(), within(1e-6));
        assertThat(s.throughput().peakEps()).isGreaterThanOrEqualTo(s.throughput().averageEps());
        // Whole epoch seconds would say 100 events/s here: below the average of ~133.
        assertThat(s.perSecond()).extracting(ThroughputPoint::events).allMatch(n -> n <= 100);
    }

    @Test
    void aRunShorterThanASecondHasItsAverageAsPeak() {
        MetricsAggregator a = new MetricsAggregator(10, true);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) ids.add(MetricSamples.id());
        a.expect(ids);
        for (int i = 0; i < 50; i++) {
            a.accept(MetricSamples.processed(ids.get(i), MetricSamples.type(i), MetricSamples.BASE_US + i * 2_000, 250, 250, 250, 250));
        }
        Snapshot s = a.snapshot(MetricSamples.BASE_US + S, List.of(), Map.of(), null, true);
        assertThat(s.processingSeconds()).isLessThan(1);
        assertThat(s.throughput().peakEps()).isCloseTo(s.throughput().averageEps(), within(1e-6));
    }

    /** Counting everything, the ids remembered to tell redeliveries from new events are bounded, and so is the series. */
    @Test
    void countingEverythingKeepsBoundedMemory() {
        MetricsAggregator a = new MetricsAggregator(10, false);
        String first = MetricSamples.id();
        a.accept(MetricSamples.processed(first, MetricSamples.type(0), MetricSamples.BASE_US, 250, 250, 250, 250));
        a.accept(MetricSamples.processed(first, MetricSamples.type(0), MetricSamples.BASE_US, 250, 250, 250, 250));
        assertThat(a.snapshot(MetricSamples.BASE_US, List.of(), null).duplicates()).as("a redelivery soon after").isEqualTo(1);
        for (int i = 0; i < MetricsAggregator.RECENT_IDS + 10; i++) {
            // one event per second: the series would grow by one point each
            a.accept(MetricSamples.processed(MetricSamples.id(), MetricSamples.type(i), MetricSamples.BASE_US + i * S, 250, 250, 250, 250));
        }
        a.accept(MetricSamples.processed(first, MetricSamples.type(0), MetricSamples.BASE_US, 250, 250, 250, 250));

        Snapshot s = a.snapshot(MetricSamples.BASE_US, List.of(), null);
        assertThat(s.processed()).as("the first id was forgotten: counted again").isEqualTo(MetricsAggregator.RECENT_IDS + 12L);
        assertThat(s.perSecond()).hasSize(MetricsAggregator.SECONDS_KEPT);
    }
}
