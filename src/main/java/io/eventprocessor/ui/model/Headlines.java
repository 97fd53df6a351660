package io.eventprocessor.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The words and numbers on each tile, from one tick's {@link Figures}: a dash and "no run yet" before a figure
 * exists, the current rate only while a run goes, the finished run's average and busiest second once it is over.
 * One number per question, each with a unit that reads naturally. Pure, so the honest states are tested without a window.
 */
public final class Headlines {
    public static final String NO_RUN = "no run yet";
    static final String WAITING = "waiting for the first events";

    private Headlines() {}

    /** Events per second: right now while the run goes, the run's average once it is over. */
    public static Headline throughput(Figures f) {
        if (!f.hasRun()) return Headline.none("events/s", NO_RUN);
        if (f.processed() == 0) return Headline.none("events/s", f.live() ? WAITING : "no event reached MongoDB");
        if (f.live()) return new Headline(Format.rate(f.currentEps()), "events/s", "right now, into MongoDB", LatencyLevel.NONE);
        // The peak is taken over whole clock seconds: for a run of a second or two it can fall below the average,
        // and a pair that contradicts itself answers nothing, so it is shown only where it is the larger.
        String peak = f.peakEps() >= f.averageEps() ? String.format(Locale.US, "; peak %s/s", Format.count(Math.round(f.peakEps()))) : "";
        return new Headline(Format.rate(f.averageEps()), "events/s", "average of " + Format.seconds(f.processingSeconds()) + peak,
                LatencyLevel.NONE);
    }

    /** The value the throughput gauge's needle shows: the headline's figure, 0 when there is none. */
    public static double throughputGauge(Figures f) {
        if (!f.hasRun() || f.processed() == 0) return 0;
        return f.live() ? f.currentEps() : f.averageEps();
    }

    /** A gauge scale that holds every figure the tile may show (the needle and the busiest second). */
    public static double throughputScale(Figures f) {
        return niceMax(Math.max(throughputGauge(f), f.peakEps()));
    }

    /** 1, 2 or 5 times a power of ten at or above {@code v}, and at least 10: round ticks that contain the value. */
    public static double niceMax(double v) {
        if (v <= 10) return 10;
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) if (v <= m * p) return m * p;
        return 10 * p;
    }

    /**
     * End-to-end P50 / P95 / P99 in milliseconds: each figure (unit: its percentile's name) with, beside it, its target
     * while the run goes and PASS or FAIL against the target once it is over.
     */
    public static List<Headline> latency(Figures f) {
        List<Headline> out = new ArrayList<>();
        for (Figures.Percentile p : f.percentiles()) {
            String target = "< " + Format.count(Math.round(p.targetMs()));
            if (p.level() == LatencyLevel.NONE) {
                out.add(Headline.none(p.name(), target));
            } else {
                String verdict = f.live() ? target : p.valueMs() < p.targetMs() ? "PASS" : "FAIL";
                out.add(new Headline(Format.ms(p.valueMs()).replace(" ms", ""), p.name(), verdict, p.level()));
            }
        }
        return out;
    }

    /** The targets in one line: "targets < 30/100/200 ms". */
    public static String targets(Figures f) {
        List<String> parts = new ArrayList<>();
        for (Figures.Percentile p : f.percentiles()) parts.add(Format.count(Math.round(p.targetMs())));
        return "targets < " + String.join("/", parts) + " ms";
    }

    /** What the latency figures cover. */
    public static String latencyScope(Figures f) {
        if (!f.hasRun()) return NO_RUN;
        if (f.processed() == 0) return f.live() ? WAITING : "no event reached MongoDB";
        return (f.live() ? "so far; " : "whole run; ") + targets(f);
    }

    /** Events with an outcome against the run's target, with the time left while it goes and the time taken after. */
    public static Headline progress(Figures f) {
        if (!f.hasRun()) return Headline.none("%", NO_RUN);
        String of = Format.count(f.seen()) + " of " + Format.count(f.target());
        String pct = String.format(Locale.US, "%.0f", Math.floor(f.progress() * 100));
        if (f.live()) {
            String left = f.etaSeconds().isPresent() ? ", " + Format.seconds(f.etaSeconds().getAsDouble()) + " left" : "";
            return new Headline(pct, "%", of + left, LatencyLevel.NONE);
        }
        String took = f.processed() > 0 ? " in " + Format.seconds(f.processingSeconds()) : "";
        return new Headline(pct, "%", of + took, f.targetReached() ? LatencyLevel.GOOD : LatencyLevel.BAD);
    }

    /** Processed out of the events with an outcome; green only when none was dead-lettered. */
    public static Headline success(Figures f) {
        if (!f.hasRun()) return Headline.none("%", NO_RUN);
        if (f.successRate().isEmpty()) return Headline.none("%", f.live() ? WAITING : "no event had an outcome");
        double rate = f.successRate().getAsDouble();
        String value = Format.percent(f.successRate()).replace("%", "");
        String caption = f.deadLettered() == 0 ? "processed, none dead-lettered"
                : Format.count(f.deadLettered()) + " dead-lettered (" + Format.percent(f.errorRate()) + ")";
        LatencyLevel level = f.deadLettered() == 0 ? LatencyLevel.GOOD : rate >= 0.999 ? LatencyLevel.WARN : LatencyLevel.BAD;
        return new Headline(value, "%", caption, level);
    }

    /** Outbox against MongoDB: the counts, the verdict and what was compared. */
    public static Headline integrity(IntegrityView iv, Figures f) {
        if (iv == null) return Headline.none("", f.live() ? "checked every 2 s during the run" : "checked during and after each run");
        LatencyLevel level = iv.match() ? LatencyLevel.GOOD : iv.live() ? LatencyLevel.WARN : LatencyLevel.BAD;
        return new Headline(Format.count(iv.inMongo()) + " / " + Format.count(iv.outboxEvents()), iv.verdict(),
                "in MongoDB / outbox, " + iv.scope(), level);
    }

    /** How many of the newest events each point of the latency line averages. */
    public static final int LINE_MEAN_OF = 20;

    /** The latency line's next point: the mean end-to-end latency of the newest {@link #LINE_MEAN_OF} events, if any. */
    public static OptionalDouble linePoint(List<Double> recentEndToEndMs) {
        List<Double> newest = recentEndToEndMs.subList(Math.max(0, recentEndToEndMs.size() - LINE_MEAN_OF), recentEndToEndMs.size());
        return newest.stream().mapToDouble(Double::doubleValue).average();
    }

    /**
     * The latency line's figure: its newest point (the line ends there), while the run goes and once it is over, when
     * the line also gives its highest point, the run's slowest moment. A dash until the first point.
     *
     * @param points the line's points, oldest first
     */
    public static Headline latencyLine(Figures f, List<Double> points) {
        if (!f.hasRun()) return Headline.none("ms", NO_RUN);
        if (points.isEmpty()) return Headline.none("ms", f.live() ? WAITING : "no event reached MongoDB");
        String newest = Format.ms(points.get(points.size() - 1)).replace(" ms", "");
        if (f.live()) return new Headline(newest, "ms", "now; mean of the newest " + LINE_MEAN_OF + " events", LatencyLevel.NONE);
        double slowest = points.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return new Headline(newest, "ms", "at the end; slowest " + Format.ms(slowest), LatencyLevel.NONE);
    }

    /** Processed events per type, a dash per type before any run. */
    public static List<Headline> types(Figures f) {
        List<Headline> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : f.byType().entrySet()) {
            out.add(f.hasRun() ? new Headline(Format.count(e.getValue()), e.getKey(), "", LatencyLevel.NONE) : Headline.none(e.getKey(), ""));
        }
        return out;
    }
}
