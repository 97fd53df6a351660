package io.eventprocessor.report;

import io.eventprocessor.measure.PercentileCurve;
import io.eventprocessor.measure.Throughput;
import io.eventprocessor.measure.ThroughputPoint;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's charts as inline SVG, drawn here so the HTML page needs nothing from the network.
 */
final class SvgCharts {
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
    private static final int W = 800, H = 360, LEFT = 64, RIGHT = 200, TOP = 16, BOTTOM = 48;

    private SvgCharts() {}

    /**
     * Latency by percentile in the style of HdrHistogram's plots: x is 1/(1-p) on a log scale, so 90%, 99%,
     * 99.9% are equally spaced and the tail is as visible as the median; y is linear milliseconds.
     */
    static String percentiles(Map<String, PercentileCurve> curves) {
        return percentiles(curves, "Latency by percentile");
    }

    /** The same chart under another title (one curve per run when runs are compared). */
    static String percentiles(Map<String, PercentileCurve> curves, String title) {
        double maxValue = 0;
        int decades = 2;
        for (PercentileCurve c : curves.values()) {
            for (PercentileCurve.Point p : c.points()) {
                maxValue = Math.max(maxValue, p.valueMs());
                if (p.percentile() < 100) decades = Math.max(decades, (int) Math.ceil(Math.log10(p.inverseTail())));
            }
        }
        decades = Math.min(decades, 6);
        double yMax = niceCeiling(maxValue);
        StringBuilder svg = open(title);
        for (int d = 0; d <= decades; d++) {
            double x = x(Math.pow(10, d), decades);
            svg.append(line(x, TOP, x, H - BOTTOM, "#ddd"));
            svg.append(text(x, H - BOTTOM + 16, percentLabel(d), "middle"));
        }
        svg.append(text(LEFT + (W - LEFT - RIGHT) / 2.0, H - 8, "percentile (1-1/(1-p), log scale)", "middle"));
        yAxis(svg, yMax, "ms");
        int i = 0;
        for (var e : curves.entrySet()) {
            String color = COLORS[i % COLORS.length];
            StringBuilder path = new StringBuilder();
            for (PercentileCurve.Point p : e.getValue().points()) {
                double inv = Math.min(p.inverseTail(), Math.pow(10, decades));
                path.append(path.length() == 0 ? "M" : " L").append(fmt(x(inv, decades))).append(',').append(fmt(y(p.valueMs(), yMax)));
            }
            if (path.length() > 0) {
                svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\"/>\n");
            }
            legend(svg, i, e.getKey(), color);
            i++;
        }
        return svg.append("</svg>\n").toString();
    }

    /** Processed events per second of T5, as bars. */
    static String throughput(List<ThroughputPoint> perSecond) {
        StringBuilder svg = open("Throughput over time");
        long max = perSecond.stream().mapToLong(ThroughputPoint::events).max().orElse(0);
        double yMax = niceCeiling(max);
        yAxis(svg, yMax, "events/s");
        if (!perSecond.isEmpty()) {
            long first = perSecond.get(0).epochSecond();
            long last = perSecond.get(perSecond.size() - 1).epochSecond();
            double slot = (W - LEFT - RIGHT) / (double) (last - first + 1);
            for (ThroughputPoint p : perSecond) {
                double x = LEFT + (p.epochSecond() - first) * slot;
                double y = y(p.events(), yMax);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%d events in second %d</title></rect>%n",
                        x + slot * 0.1, y, Math.max(1, slot * 0.8), H - BOTTOM - y, COLORS[0], p.events(), p.epochSecond() - first));
            }
            svg.append(text(LEFT, H - BOTTOM + 16, "0 s", "start"));
            svg.append(text(W - RIGHT, H - BOTTOM + 16, (last - first + 1) + " s", "end"));
        }
        svg.append(text(LEFT + (W - LEFT - RIGHT) / 2.0, H - 8, "seconds since the first acknowledged write", "middle"));
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder open(String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n<title>%s</title>%n",
                W, H, Html.escape(title), Html.escape(title)));
    }

    private static void yAxis(StringBuilder svg, double yMax, String unit) {
        for (int t = 0; t <= 4; t++) {
            double v = yMax * t / 4;
            double y = y(v, yMax);
            svg.append(line(LEFT, y, W - RIGHT, y, "#eee"));
            svg.append(text(LEFT - 6, y + 4, trim(v), "end"));
        }
        svg.append(line(LEFT, TOP, LEFT, H - BOTTOM, "#444")).append(line(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, "#444"));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">%s</text>%n",
                (TOP + H - BOTTOM) / 2.0, (TOP + H - BOTTOM) / 2.0, unit));
    }

    private static void legend(StringBuilder svg, int i, String name, String color) {
        double y = TOP + 14 + i * 20;
        svg.append(line(W - RIGHT + 12, y - 4, W - RIGHT + 32, y - 4, color).replace("stroke-width=\"1\"", "stroke-width=\"3\""));
        svg.append(text(W - RIGHT + 38, y, name, "start"));
    }

    private static double x(double inverseTail, int decades) {
        return LEFT + Math.log10(Math.max(1, inverseTail)) / decades * (W - LEFT - RIGHT);
    }

    private static double y(double value, double yMax) {
        return H - BOTTOM - (yMax <= 0 ? 0 : value / yMax) * (H - TOP - BOTTOM);
    }

    /** The percentile at 10^decade on the 1/(1-p) axis: 0%, 90%, 99%, 99.9%, ... */
    static String percentLabel(int decade) {
        if (decade == 0) return "0%";
        BigDecimal hundred = BigDecimal.valueOf(100);
        return hundred.subtract(hundred.movePointLeft(decade)).stripTrailingZeros().toPlainString() + "%";
    }

    /** 1, 2 or 5 times a power of ten at or above v, so axis ticks are round numbers. */
    static double niceCeiling(double v) {
        if (v <= 0) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * p >= v) return m * p;
        return 10 * p;
    }

    private static String line(double x1, double y1, double x2, double y2, String color) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>%n", x1, y1, x2, y2, color);
    }

    private static String text(double x, double y, String s, String anchor) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n", x, y, anchor, Html.escape(s));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
