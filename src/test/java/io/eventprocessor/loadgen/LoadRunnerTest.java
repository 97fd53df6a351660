package io.eventprocessor.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.outbox.BatchSink;
import io.eventprocessor.outbox.OutboxEvent;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pure scheduling logic: a fake clock that only moves when the runner sleeps or the fake database "works". */
class LoadRunnerTest {
    private static final long START = 1_700_000_000_000_000L;
    private final List<OutboxEvent> events = new EventGenerator(7, Instant.EPOCH).mixed(20);

    /** Time stands still except when slept through or advanced by the sink. */
    static final class FakeTime implements TimeSource {
        long now = START;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nowMicros() {
            return now;
        }

        @Override
        public void sleepUntilMicros(long deadline) {
            sleeps.add(deadline);
            now = Math.max(now, deadline);
        }
    }

    /** Records batches and the time each was sent; each batch "takes" costMicros of fake time. */
    static final class FakeSink implements BatchSink {
        final FakeTime time;
        final long costMicros;
        final List<List<OutboxEvent>> batches = new ArrayList<>();
        final List<Long> sentAt = new ArrayList<>();

        FakeSink(FakeTime time, long costMicros) {
            this.time = time;
            this.costMicros = costMicros;
        }

        @Override
        public void insert(List<OutboxEvent> batch) throws SQLException {
            sentAt.add(time.now);
            batches.add(List.copyOf(batch));
            time.now += costMicros;
        }

        List<Integer> sizes() {
            return batches.stream().map(List::size).toList();
        }
    }

    @Test
    void pacedOnScheduleSendsEachEventAloneAtItsIntendedTime() {
        FakeTime time = new FakeTime();
        FakeSink sink = new FakeSink(time, 0);
        LoadResult result = new LoadRunner(sink, time).run(events, SendPlan.paced(1_000, 100));

        assertThat(sink.sizes()).hasSize(20).containsOnly(1);
        for (int i = 0; i < events.size(); i++) {
            SendTiming t = result.timings().get(events.get(i).eventId());
            assertThat(t.intendedMicros()).isEqualTo(START + i * 1_000L);
            assertThat(t.sentMicros()).isEqualTo(t.intendedMicros());
        }
        assertThat(result.completed()).isTrue();
        assertThat(result.eventsSent()).isEqualTo(20);
        assertThat(result.startMicros()).isEqualTo(START);
        assertThat(result.endMicros()).isEqualTo(START + 19_000);
    }

    @Test
    void intendedTimesAreStartPlusIndexOverRate() {
        SendPlan plan = SendPlan.paced(3, 10);
        assertThat(plan.intendedMicros(START, 0)).isEqualTo(START);
        assertThat(plan.intendedMicros(START, 1)).isEqualTo(START + 333_333);
        assertThat(plan.intendedMicros(START, 2)).isEqualTo(START + 666_667);
        assertThat(plan.intendedMicros(START, 3)).isEqualTo(START + 1_000_000);
        assertThat(SendPlan.paced(200, 10).intendedMicros(START, 1_000_000)).isEqualTo(START + 5_000_000_000L);
    }

    @Test
    void pacedBehindScheduleBatchesWhatIsDueAndKeepsIntendedTimes() {
        FakeTime time = new FakeTime();
        FakeSink sink = new FakeSink(time, 3_500); // every insert takes 3.5 ms; events are due every 1 ms
        LoadResult result = new LoadRunner(sink, time).run(events, SendPlan.paced(1_000, 100));

        // t=0: event 0; done 3.5 ms -> events 1..3 due; done 7 ms -> 4..7; done 10.5 ms -> 8..10; ...
        assertThat(sink.sizes().subList(0, 4)).containsExactly(1, 3, 4, 3);
        assertThat(sink.sentAt.subList(0, 4)).containsExactly(START, START + 3_500, START + 7_000, START + 10_500);
        assertThat(sink.sizes().stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);
        for (int i = 0; i < events.size(); i++) {
            SendTiming t = result.timings().get(events.get(i).eventId());
            assertThat(t.intendedMicros()).isEqualTo(START + i * 1_000L);
            assertThat(t.sentMicros()).isGreaterThanOrEqualTo(t.intendedMicros());
            assertThat(t.committedMicros()).isEqualTo(t.sentMicros() + 3_500);
        }
        // event 3 was due at 3 ms and sent at 3.5 ms: its queueing is visible
        SendTiming third = result.timings().get(events.get(3).eventId());
        assertThat(third.sentMicros() - third.intendedMicros()).isEqualTo(500);
    }

    @Test
    void pacedCatchUpBatchesAreCapped() {
        FakeTime time = new FakeTime();
        FakeSink sink = new FakeSink(time, 10_000); // 10 ms per insert, 1 ms per event: 10 fall due each time
        new LoadRunner(sink, time).run(events, SendPlan.paced(1_000, 4));
        assertThat(sink.sizes()).allMatch(size -> size <= 4);
        assertThat(sink.sizes().stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);
        // the next batch goes at once, without sleeping, while events are overdue
        assertThat(sink.sentAt.get(2)).isEqualTo(sink.sentAt.get(1) + 10_000);
    }

    @Test
    void burstSendsFixedBatchesWithDelaysBetweenButNotAfter() {
        FakeTime time = new FakeTime();
        FakeSink sink = new FakeSink(time, 2_000);
        LoadResult result = new LoadRunner(sink, time).run(events, SendPlan.burst(8, Duration.ofMillis(50)));

        assertThat(sink.sizes()).containsExactly(8, 8, 4);
        assertThat(sink.sentAt).containsExactly(START, START + 52_000, START + 104_000);
        assertThat(result.endMicros()).isEqualTo(START + 106_000);
        assertThat(result.batches()).isEqualTo(3);
        assertThat(result.insertRate()).isEqualTo(20 / 0.106);
        SendTiming last = result.timings().get(events.get(19).eventId());
        assertThat(last).isEqualTo(new SendTiming(START + 104_000, START + 104_000, START + 106_000));
    }

    @Test
    void progressIsReportedAfterEveryBatch() {
        FakeTime time = new FakeTime();
        List<String> seen = new ArrayList<>();
        new LoadRunner(new FakeSink(time, 0), time).run(events, SendPlan.burst(6, Duration.ZERO),
                (sent, total) -> seen.add(sent + "/" + total));
        assertThat(seen).containsExactly("6/20", "12/20", "18/20", "20/20");
    }

    @Test
    void cancelStopsAfterTheBatchInFlight() {
        FakeTime time = new FakeTime();
        List<LoadRunner> holder = new ArrayList<>();
        BatchSink sink = batch -> {
            time.now += 1_000;
            if (time.now >= START + 2_000) holder.get(0).cancel();
        };
        LoadRunner runner = new LoadRunner(sink, time);
        holder.add(runner);
        LoadResult result = runner.run(events, SendPlan.burst(5, Duration.ofMillis(10)));
        assertThat(result.cancelled()).isTrue();
        assertThat(result.eventsSent()).isEqualTo(10);
        assertThat(result.timings()).hasSize(10);
        assertThat(result.completed()).isFalse();
    }

    @Test
    void interruptCancelsAndIsKept() {
        FakeTime time = new FakeTime();
        BatchSink sink = batch -> Thread.currentThread().interrupt();
        try {
            LoadResult result = new LoadRunner(sink, time).run(events, SendPlan.paced(100, 100));
            assertThat(result.cancelled()).isTrue();
            assertThat(result.eventsSent()).isEqualTo(1);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aSinkFailureEndsTheRunAndIsReturned() {
        FakeTime time = new FakeTime();
        List<Integer> calls = new ArrayList<>();
        BatchSink sink = batch -> {
            calls.add(batch.size());
            if (calls.size() == 2) throw new SQLException("disk full");
        };
        LoadResult result = new LoadRunner(sink, time).run(events, SendPlan.burst(5, Duration.ZERO));
        assertThat(result.eventsSent()).isEqualTo(5);
        assertThat(result.failure()).get().extracting(Throwable::getMessage).isEqualTo("disk full");
        assertThat(result.cancelled()).isFalse();
    }

    @Test
    void theSystemClockNeverSendsEarly() {
        // No timing thresholds: only the invariant that sleeping until the intended time holds on the real clock.
        LoadResult result = new LoadRunner(batch -> {}).run(events, SendPlan.paced(2_000, 100));
        assertThat(result.completed()).isTrue();
        assertThat(result.timings().values()).allSatisfy(t -> {
            assertThat(t.sentMicros()).isGreaterThanOrEqualTo(t.intendedMicros());
            assertThat(t.committedMicros()).isGreaterThanOrEqualTo(t.sentMicros());
        });
    }

    @Test
    void scenarioDefaultsBecomeABurstPlan() {
        SendPlan plan = SendPlan.of(Scenario.EXTREME);
        assertThat(plan.mode()).isEqualTo(SendPlan.Mode.BURST);
        assertThat(plan.batchSize()).isEqualTo(100);
        assertThat(plan.delayBetweenBatches()).isEqualTo(Duration.ofMillis(50));
    }
}
