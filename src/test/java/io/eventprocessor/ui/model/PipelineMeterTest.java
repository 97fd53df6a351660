package io.eventprocessor.ui.model;

import static io.eventprocessor.ui.model.FiguresTest.BASE;
import static io.eventprocessor.ui.model.FiguresTest.processed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.measure.MetricsAggregator;
import io.eventprocessor.measure.PartitionLag;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.scenario.Progress;
import io.eventprocessor.scenario.ScenarioRun;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.Health;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline diagram's figures: each part's rate from its own counter, each hop's median from the events' own timings. */
class PipelineMeterTest {
    private static final List<Health> ALL_UP = List.of(
            new Health(Connectivity.Service.POSTGRESQL, "127.0.0.1:5432/db", true, ""),
            new Health(Connectivity.Service.DEBEZIUM, "slot s", true, ""),
            new Health(Connectivity.Service.KAFKA, "127.0.0.1:9092", false, "no broker answered"),
            new Health(Connectivity.Service.PROCESSOR, "group g (1 member)", true, ""),
            new Health(Connectivity.Service.MONGODB, "127.0.0.1:27017", true, ""));

    /** The run at {@code seconds} in: {@code sent} rows inserted, the topic's log end at {@code end}, committed at {@code committed}. */
    private static RunState at(RunState run, MetricsAggregator a, double seconds, long sent, long end, long committed) {
        long now = BASE + (long) (seconds * 1_000_000);
        Snapshot s = a.snapshot(now, List.of(new PartitionLag(Names.OUTBOX_TOPIC, 0, committed, end)), null);
        return run.with(new Progress(ScenarioRun.Phase.SENDING, sent, 1000, s));
    }

    @Test
    void beforeAnyRunEachPartShowsItsHealthAndNoFigure() {
        PipelineFigures f = new PipelineMeter().update(null, ALL_UP);
        assertThat(f.live()).isFalse();
        assertThat(f.nodes()).extracting(PipelineFigures.Node::service).containsExactly(Connectivity.Service.values());
        assertThat(f.node(Connectivity.Service.POSTGRESQL).state()).isEqualTo(PipelineFigures.State.UP);
        assertThat(f.node(Connectivity.Service.KAFKA).state()).isEqualTo(PipelineFigures.State.DOWN);
        assertThat(f.node(Connectivity.Service.KAFKA).problem()).isEqualTo("no broker answered");
        assertThat(f.nodes()).allSatisfy(n -> assertThat(n.figure().measured()).isFalse());
        assertThat(f.hops()).extracting(PipelineFigures.Hop::stage)
                .containsExactly(Stage.CDC_CAPTURE, Stage.KAFKA_DELIVERY, Stage.CONSUMER_WAIT, Stage.PROCESSING);
        assertThat(f.hops()).allSatisfy(h -> {
            assertThat(h.latency().measured()).isFalse();
            assertThat(h.flowing()).isFalse();
        });
        assertThat(new PipelineMeter().update(null, List.of()).nodes()).allSatisfy(n -> assertThat(n.state()).isEqualTo(PipelineFigures.State.UNKNOWN));
    }

    @Test
    void ratesAreEachCountersRiseOverTimeAndHopsFlowWhereEventsArrive() {
        MetricsAggregator a = new MetricsAggregator(100, false);
        RunState run = RunState.started(1, Launch.of(Scenario.STRESS), Instant.now());
        PipelineMeter meter = new PipelineMeter();
        meter.update(at(run, a, 0, 0, 500, 500), ALL_UP);
        // one second later: 400 rows inserted, 300 appended to the topic, 200 committed, 10 written (T5 in that second)
        for (int i = 0; i < 10; i++) a.accept(processed(Names.USER_CREATED, BASE + 500_000 + i * 1000, 300_000));
        PipelineFigures f = meter.update(at(run, a, 1.0, 400, 800, 700), ALL_UP);

        assertThat(f.live()).isTrue();
        assertThat(f.node(Connectivity.Service.POSTGRESQL).figure().value()).isEqualTo("400");
        assertThat(f.node(Connectivity.Service.POSTGRESQL).figure().unit()).isEqualTo("inserted/s");
        assertThat(f.node(Connectivity.Service.DEBEZIUM).figure().value()).isEqualTo("300");
        assertThat(f.node(Connectivity.Service.KAFKA).figure().value()).isEqualTo("100");
        assertThat(f.node(Connectivity.Service.KAFKA).figure().unit()).isEqualTo("waiting");
        assertThat(f.node(Connectivity.Service.PROCESSOR).figure().value()).isEqualTo("200");
        assertThat(f.node(Connectivity.Service.MONGODB).figure().value()).isEqualTo("10");
        assertThat(f.hops()).allSatisfy(h -> assertThat(h.flowing()).isTrue());
        // the events' own stages: cdc 1 ms, kafka 0.5 ms, wait 0.2 ms (FiguresTest.processed)
        assertThat(f.hops().get(0).latency().value()).isEqualTo(Format.ms(1.0));
        assertThat(f.hops().get(1).latency().value()).isEqualTo(Format.ms(0.5));
        assertThat(f.hops().get(2).latency().value()).isEqualTo(Format.ms(0.2));
        assertThat(f.hops().get(0).latency().caption()).isEqualTo("live median");

        // a second later nothing moved: no part is flowing
        PipelineFigures still = meter.update(at(run, a, 3.5, 400, 800, 800), ALL_UP);
        assertThat(still.node(Connectivity.Service.POSTGRESQL).figure().value()).isEqualTo("0");
        assertThat(still.hops().get(0).flowing()).isFalse();
    }

    @Test
    void aFinishedRunShowsTheRunsMediansAndTotalsNotRates() {
        MetricsAggregator a = new MetricsAggregator(100, false);
        for (int i = 0; i < 50; i++) a.accept(processed(Names.USER_CREATED, BASE + i * 1000, 20_000));
        RunState run = at(RunState.started(2, Launch.of(Scenario.MODERATE), Instant.now()), a, 1, 50, 50, 50);
        PipelineMeter meter = new PipelineMeter();
        meter.update(run, ALL_UP);
        RunState failed = run.failed("stopped");
        PipelineFigures f = meter.update(failed, ALL_UP);
        assertThat(f.live()).isFalse();
        Snapshot s = failed.snapshot();
        assertThat(f.hops().get(0).latency().value()).isEqualTo(Format.ms(s.latency().get(Stage.CDC_CAPTURE).p50()));
        assertThat(f.hops().get(0).latency().caption()).isEqualTo("run median");
        assertThat(f.hops()).allSatisfy(h -> assertThat(h.flowing()).isFalse());
        assertThat(f.node(Connectivity.Service.DEBEZIUM).figure().measured()).isFalse();
        assertThat(f.node(Connectivity.Service.MONGODB).figure().value()).isEqualTo("50");
        assertThat(f.node(Connectivity.Service.MONGODB).figure().unit()).isEqualTo("written");
    }

    @Test
    void theMedianIsTheMiddleValue() {
        assertThat(PipelineMeter.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(PipelineMeter.median(new double[] {4, 1, 3, 2})).isCloseTo(2.5, within(1e-9));
    }
}
