package io.eventprocessor.ui.model;

import static io.eventprocessor.ui.model.FiguresTest.BASE;
import static io.eventprocessor.ui.model.FiguresTest.processed;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.contract.Names;
import io.eventprocessor.measure.MetricsAggregator;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.verify.IntegrityResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each tile says: nothing before it exists, current only while a run goes, one number per question. */
class HeadlinesTest {

    /** 100 events 10 ms apart (T0), each 20 ms end to end. */
    private static Snapshot hundredEvents(long nowUs) {
        return events(100, nowUs);
    }

    /** {@code n} events 10 ms apart (T0), each 20 ms end to end: 100 a second. */
    private static Snapshot events(int n, long nowUs) {
        MetricsAggregator a = new MetricsAggregator(100, false);
        for (int i = 0; i < n; i++) a.accept(processed(Names.USER_CREATED, BASE + i * 10_000L, 20_000));
        return a.snapshot(nowUs, List.of(), null);
    }

    @Test
    void beforeAnyRunNoTileShowsAFigure() {
        Figures f = Figures.EMPTY;
        List<Headline> all = new ArrayList<>(List.of(Headlines.throughput(f), Headlines.progress(f), Headlines.success(f),
                Headlines.integrity(null, f)));
        all.addAll(Headlines.latency(f));
        all.addAll(Headlines.types(f));
        assertThat(all).isNotEmpty().allSatisfy(h -> {
            assertThat(h.value()).isEqualTo(Headline.NONE);
            assertThat(h.measured()).isFalse();
            assertThat(h.level()).isEqualTo(LatencyLevel.NONE);
        });
        assertThat(Headlines.types(f)).extracting(Headline::unit).containsExactlyElementsOf(Names.EVENT_TYPES);
        assertThat(Headlines.throughput(f).caption()).isEqualTo(Headlines.NO_RUN);
        assertThat(Headlines.success(f).caption()).isEqualTo(Headlines.NO_RUN);
        assertThat(Headlines.latencyScope(f)).isEqualTo(Headlines.NO_RUN);
        assertThat(Headlines.throughputGauge(f)).isZero();
    }

    @Test
    void aRunThatHasNotSeenAnEventYetSaysItIsWaitingAndShowsNoFigure() {
        Figures f = Figures.of(null, 1000, true);
        assertThat(Headlines.throughput(f).value()).isEqualTo(Headline.NONE);
        assertThat(Headlines.throughput(f).caption()).isEqualTo(Headlines.WAITING);
        assertThat(Headlines.success(f).measured()).isFalse();
        assertThat(Headlines.progress(f).value()).isEqualTo("0");
        assertThat(Headlines.progress(f).caption()).startsWith("0 of 1,000");
    }

    @Test
    void whileTheRunGoesThroughputIsTheCurrentRateAndTheLatencyVerdictIsOnlyTheTarget() {
        Snapshot s = hundredEvents(BASE + 1_000_000L);
        Figures live = Figures.of(s, 200, true);
        Headline t = Headlines.throughput(live);
        assertThat(s.throughput().currentEps()).isNotEqualTo(s.throughput().averageEps());
        assertThat(t.value()).isEqualTo(Format.rate(s.throughput().currentEps()));
        assertThat(t.unit()).isEqualTo("events/s");
        assertThat(t.caption()).startsWith("right now");
        assertThat(Headlines.throughputGauge(live)).isEqualTo(s.throughput().currentEps());
        assertThat(Headlines.latency(live)).extracting(Headline::caption).containsExactly("< 30", "< 100", "< 200");
        assertThat(Headlines.latencyScope(live)).startsWith("so far");
        assertThat(Headlines.progress(live).caption()).startsWith("100 of 200");
    }

    @Test
    void aFinishedRunShowsItsAverageAndPeakNeverACurrentRateAndJudgesEachTarget() {
        // Taken long after the run: the current rate has decayed to 0, and must not be shown.
        Snapshot s = events(500, BASE + 60_000_000L);
        assertThat(s.throughput().currentEps()).isZero();
        assertThat(s.throughput().peakEps()).isGreaterThanOrEqualTo(s.throughput().averageEps());
        Figures done = Figures.of(s, 500, false);
        Headline t = Headlines.throughput(done);
        assertThat(t.value()).isEqualTo(Format.rate(s.throughput().averageEps()));
        assertThat(t.caption()).contains("average of " + Format.seconds(s.processingSeconds()))
                .contains("peak " + Format.count(Math.round(s.throughput().peakEps())) + "/s");
        assertThat(Headlines.throughputGauge(done)).isEqualTo(s.throughput().averageEps());
        assertThat(Headlines.latency(done)).extracting(Headline::caption).containsExactly("PASS", "PASS", "PASS");
        assertThat(Headlines.latency(done).get(0).value()).isEqualTo("20.0");
        assertThat(Headlines.latencyScope(done)).isEqualTo("whole run; targets < 30/100/200 ms");
        assertThat(Headlines.progress(done).caption()).isEqualTo("500 of 500 in " + Format.seconds(s.processingSeconds()));
        assertThat(Headlines.progress(done).level()).isEqualTo(LatencyLevel.GOOD);
        assertThat(Headlines.success(done).value()).isEqualTo("100");
        assertThat(Headlines.success(done).level()).isEqualTo(LatencyLevel.GOOD);
    }

    @Test
    void aPeakOverWholeSecondsBelowTheAverageOfAShortRunIsNotShownBesideIt() {
        // 100 events in 1 s cross a second boundary: no whole second holds them all.
        Snapshot s = events(100, BASE + 60_000_000L);
        assertThat(s.throughput().peakEps()).isLessThan(s.throughput().averageEps());
        assertThat(Headlines.throughput(Figures.of(s, 100, false)).caption()).isEqualTo("average of " + Format.seconds(s.processingSeconds()));
    }

    @Test
    void aSlowFinishedRunFailsTheTargetsItMisses() {
        MetricsAggregator a = new MetricsAggregator(100, false);
        for (int i = 0; i < 100; i++) a.accept(processed(Names.USER_CREATED, BASE + i * 1000, 150_000));
        Figures f = Figures.of(a.snapshot(BASE + 5_000_000L, List.of(), null), 100, false);
        assertThat(Headlines.latency(f)).extracting(Headline::caption).containsExactly("FAIL", "FAIL", "PASS");
    }

    @Test
    void theGaugeScaleHoldsTheNeedleAndTheBusiestSecond() {
        assertThat(Headlines.niceMax(0)).isEqualTo(10);
        assertThat(Headlines.niceMax(358)).isEqualTo(500);
        assertThat(Headlines.niceMax(642)).isEqualTo(1000);
        assertThat(Headlines.niceMax(1000)).isEqualTo(1000);
        assertThat(Headlines.niceMax(1001)).isEqualTo(2000);
        Snapshot s = hundredEvents(BASE + 60_000_000L);
        Figures done = Figures.of(s, 100, false);
        assertThat(Headlines.throughputScale(done)).isGreaterThanOrEqualTo(Headlines.throughputGauge(done))
                .isGreaterThanOrEqualTo(s.throughput().peakEps());
    }

    @Test
    void integritySaysWhatWasComparedAndItsVerdict() {
        IntegrityResult ok = new IntegrityResult(100, Map.of(), Map.of(), List.of(), 0, List.of(), true);
        Headline h = Headlines.integrity(IntegrityView.of(ok, false, "this run"), Figures.EMPTY);
        assertThat(h.value()).isEqualTo("100 / 100");
        assertThat(h.unit()).isEqualTo("MATCHED");
        assertThat(h.caption()).endsWith("this run");
        assertThat(h.level()).isEqualTo(LatencyLevel.GOOD);
        IntegrityResult missing = new IntegrityResult(100, Map.of(), Map.of(), List.of("e"), 3, List.of(), false);
        assertThat(Headlines.integrity(IntegrityView.of(missing, true, "this run, so far"), Figures.EMPTY).unit()).isEqualTo("3 in flight");
        assertThat(Headlines.integrity(IntegrityView.of(missing, false, "this run"), Figures.EMPTY).level()).isEqualTo(LatencyLevel.BAD);
    }

    @Test
    void theLatencyLinesFigureIsItsNewestPointAndOnceTheRunIsOverItAlsoGivesTheSlowest() {
        List<Double> points = List.of(12.0, 41.25, 9.5);
        assertThat(Headlines.latencyLine(Figures.EMPTY, points).measured()).isFalse();
        assertThat(Headlines.latencyLine(Figures.EMPTY, List.of()).caption()).isEqualTo(Headlines.NO_RUN);
        Figures waiting = Figures.of(null, 100, true);
        assertThat(Headlines.latencyLine(waiting, List.of()).caption()).isEqualTo(Headlines.WAITING);

        Snapshot s = hundredEvents(BASE + 1_000_000L);
        Headline live = Headlines.latencyLine(Figures.of(s, 200, true), points);
        assertThat(live.value()).isEqualTo("9.50");
        assertThat(live.unit()).isEqualTo("ms");
        assertThat(live.caption()).startsWith("now");
        Headline done = Headlines.latencyLine(Figures.of(s, 100, false), points);
        assertThat(done.value()).isEqualTo("9.50");
        assertThat(done.caption()).isEqualTo("at the end; slowest 41.3 ms");
        assertThat(Headlines.latencyLine(Figures.of(s, 100, false), List.of()).caption()).isEqualTo("no event reached MongoDB");
    }

    @Test
    void aPointOfTheLatencyLineIsTheMeanOfTheNewestTwentyEvents() {
        List<Double> recent = new ArrayList<>();
        for (int i = 0; i < 30; i++) recent.add(i < 10 ? 1000.0 : 10.0);
        assertThat(Headlines.linePoint(recent)).hasValue(10.0);
        assertThat(Headlines.linePoint(List.of(4.0, 6.0))).hasValue(5.0);
        assertThat(Headlines.linePoint(List.of())).isEmpty();
    }

    @Test
    void figuresReadWithThousandsSeparatedAndSensibleDecimals() {
        assertThat(Format.ms(0.84)).isEqualTo("0.84 ms");
        assertThat(Format.ms(12.34)).isEqualTo("12.3 ms");
        assertThat(Format.ms(156.4)).isEqualTo("156 ms");
        assertThat(Format.ms(1204.0)).isEqualTo("1,204 ms");
        assertThat(Format.rate(1285.5)).isEqualTo("1,286");
        assertThat(Format.rate(0.4)).isEqualTo("0");
        assertThat(Format.rate(18_750.5)).isEqualTo("18,751");
        assertThat(Format.msFormat(9.5).format(9.5)).isEqualTo("9.50");
    }
}
