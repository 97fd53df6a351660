package io.eventprocessor.ui.model;

import static io.eventprocessor.ui.model.FiguresTest.BASE;
import static io.eventprocessor.ui.model.FiguresTest.processed;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.StackMode;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.measure.MetricsAggregator;
import io.eventprocessor.report.Report;
import io.eventprocessor.report.RunEnvironment;
import io.eventprocessor.report.RunScenario;
import io.eventprocessor.verify.IntegrityResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs side by side: every figure from each run's own report. */
class ComparisonTest {

    static RunSummary run(int number, int events, long e2eUs) {
        MetricsAggregator a = new MetricsAggregator(10, false);
        for (int i = 0; i < events; i++) a.accept(processed(Names.USER_CREATED, BASE + i * 1000L, e2eUs));
        Report r = Report.build(RunScenario.burst("load_" + events, events, 100), events, a.snapshot(BASE + 10_000_000L, List.of(), null),
                a.curves(), new IntegrityResult(events, Map.of(), Map.of(), List.of(), 0, List.of(), true),
                new RunEnvironment(StackMode.EMBEDDED, Map.of("java", "17"), 2, "one clock"));
        return RunSummary.of(number, r);
    }

    @Test
    void twoRunsOrMoreAreComparedCurveByCurveAndStageByStage() {
        RunSummary slow = run(3, 100, 80_000);
        RunSummary fast = run(1, 1000, 10_000);
        Comparison c = Comparison.of(List.of(slow, fast));
        assertThat(c.comparable()).isTrue();
        assertThat(c.runs()).extracting(RunSummary::number).containsExactly(1, 3);
        assertThat(c.curves()).containsOnlyKeys("#1 1,000 events", "#3 100 events");
        assertThat(c.curves().get("#3 100 events")).isEqualTo(slow.report().charts().percentileCurves().get(Stage.END_TO_END.key()));
        assertThat(c.stageMedians().get("#1 1,000 events")).containsOnlyKeys(Stage.CDC_CAPTURE, Stage.KAFKA_DELIVERY, Stage.CONSUMER_WAIT,
                Stage.PROCESSING);
        assertThat(c.stageMedians().get("#3 100 events").get(Stage.PROCESSING))
                .isEqualTo(slow.report().latencyMs().get(Stage.PROCESSING.key()).p50());
        assertThat(c.reports()).containsExactly(fast.report(), slow.report());
    }

    @Test
    void oneRunComparesNothing() {
        assertThat(Comparison.of(List.of(run(1, 10, 5_000))).comparable()).isFalse();
        assertThat(Comparison.of(List.of()).comparable()).isFalse();
    }
}
