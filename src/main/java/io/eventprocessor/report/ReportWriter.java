package io.eventprocessor.report;

import io.eventprocessor.contract.Stage;
import io.eventprocessor.measure.PercentileCurve;
import io.eventprocessor.measure.StageSummary;
import io.eventprocessor.measure.ThroughputPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link Report} as JSON and, next to it, a self-contained HTML page (inline CSS and SVG, no scripts,
 * no fonts or anything else from the network, so it opens the same offline or attached to an e-mail).
 */
public final class ReportWriter {
    /** Seconds without an acknowledged write that separate two periods of activity in a report over several runs. */
    static final int QUIET_SECONDS = 2;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ReportWriter() {}

    /** The files written; {@code html} is null when no page was asked for. */
    public record Written(Path json, Path html) {}

    /**
     * A period of activity in a report over several runs: consecutive seconds with acknowledged writes.
     *
     * @param firstSecond epoch second of its first write, lastSecond of its last
     */
    public record Period(long firstSecond, long lastSecond, long events) {
        public long seconds() {
            return lastSecond - firstSecond + 1;
        }
    }

    /** Writes {@code json} and {@code json} with its extension replaced by {@code .html}. */
    public static Written write(Report report, Path json) throws IOException {
        return write(report, json, List.of(), true);
    }

    /**
     * Writes {@code json} (the report of {@code report} alone, as the schema has it) and, when {@code withHtml}, the page
     * beside it; with two or more {@code runs} the page compares them, one section per run.
     */
    public static Written write(Report report, Path json, List<Report> runs, boolean withHtml) throws IOException {
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(json, ReportJson.toPrettyString(report) + "\n", StandardCharsets.UTF_8);
        if (!withHtml) return new Written(json, null);
        Path html = sibling(json, ".html");
        Files.writeString(html, html(report, runs), StandardCharsets.UTF_8);
        return new Written(json, html);
    }

    /** {@code file} with its extension replaced by {@code extension} (".html", ".png"). */
    public static Path sibling(Path file, String extension) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + extension);
    }

    /** What ran, in words: "stress: 1,000 events in batches of 100, as fast as possible". */
    public static String describe(RunScenario s) {
        if (s.coversEverything()) return "verification of the whole outbox: " + count(s.targetEvents()) + " events, every run since the last reset";
        String how = RunScenario.PACED.equals(s.mode()) && s.rate() != null
                ? "paced at " + count(Math.round(s.rate())) + " events/s"
                : "as fast as possible";
        return s.name() + ": " + count(s.targetEvents()) + " events in " + (s.batchSize() == 1 ? "single inserts" : "batches of " + count(s.batchSize()))
                + ", " + how;
    }

    /** The page's title: what ran and when. */
    public static String title(Report r, List<Report> runs) {
        if (runs.size() >= 2) {
            List<String> sizes = new ArrayList<>();
            for (Report x : runs) sizes.add(count(x.scenario().targetEvents()));
            return "Event Processor: " + runs.size() + " runs compared (" + String.join(", ", sizes) + " events), "
                    + WHEN.format(runs.get(0).startedAt());
        }
        return "Event Processor: " + describe(r.scenario()) + ", " + WHEN.format(r.startedAt());
    }

    public static String html(Report r) {
        return html(r, List.of());
    }

    /** The page of {@code r}; with two or more {@code runs}, first the runs side by side. */
    public static String html(Report r, List<Report> runs) {
        StringBuilder h = new StringBuilder();
        String title = title(r, runs);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(Html.escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem;color:#222;max-width:64rem}\n")
                .append("table{border-collapse:collapse;margin:0.5rem 0 1.5rem}th,td{padding:0.25rem 0.6rem;border-bottom:1px solid #ddd;text-align:right}\n")
                .append("th:first-child,td:first-child{text-align:left}.ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}\n")
                .append("svg{width:100%;height:auto;font-size:12px;border:1px solid #eee}code{background:#f4f4f4;padding:0 0.2rem}\n")
                .append(".note{color:#555}\n")
                .append("</style></head><body>\n");
        h.append("<h1>").append(Html.escape(title)).append("</h1>\n");
        if (runs.size() >= 2) {
            comparison(h, runs);
            h.append("<h2>The last run: ").append(Html.escape(describe(r.scenario()))).append("</h2>\n");
        }
        h.append("<p>").append(Html.escape(describe(r.scenario()))).append("<br>")
                .append(Html.escape(WHEN.format(r.startedAt()) + " to " + WHEN.format(r.finishedAt()) + " (" + num(r.durationSeconds()) + " s)"))
                .append("</p>\n");

        h.append("<h2>Latency targets (end to end, T5 - T0)</h2>\n");
        targets(h, r.latencyMs().getOrDefault(Stage.END_TO_END.key(), StageSummary.EMPTY));

        h.append("<h2>Events</h2>\n<table><tr><th></th><th>count</th></tr>\n");
        row(h, "generated", r.events().generated());
        row(h, "processed", r.events().processed());
        row(h, "dead-lettered", r.events().deadLettered());
        row(h, "failed (no outcome)", r.events().failed());
        h.append("<tr><td>success rate</td><td>").append(num(r.successRate())).append(" %</td></tr>\n");
        List<Period> periods = periods(r.charts().perSecond());
        String span = periods.size() > 1 ? "throughput average over the whole span (pauses included) / busiest second"
                : "throughput average / busiest second";
        h.append("<tr><td>").append(span).append("</td><td>").append(num(r.throughput().averageEps())).append(" / ")
                .append(num(r.throughput().peakEps())).append(" events/s</td></tr>\n</table>\n");
        h.append("<table><tr><th>event type</th><th>processed</th><th>dead-lettered</th></tr>\n");
        r.events().byType().forEach((t, c) -> h.append("<tr><td>").append(Html.escape(t)).append("</td><td>").append(c.processed())
                .append("</td><td>").append(c.deadLettered()).append("</td></tr>\n"));
        h.append("</table>\n");
        if (periods.size() > 1) phases(h, periods);

        if (!r.processors().isEmpty()) {
            h.append("<h2>Processors</h2>\n<table><tr><th>processor</th><th>processed</th><th>dead-lettered</th><th>average events/s</th>")
                    .append("<th>partitions</th></tr>\n");
            r.processors().forEach((id, c) -> h.append("<tr><td>").append(Html.escape(id)).append("</td><td>").append(c.processed())
                    .append("</td><td>").append(c.deadLettered()).append("</td><td>").append(num(c.averageEps())).append("</td><td>")
                    .append(Html.escape(c.partitions().toString())).append("</td></tr>\n"));
            h.append("</table>\n");
        }
        if (!r.consumerLag().isEmpty()) {
            h.append("<table><tr><th>outbox partition</th><th>peak lag</th><th>last lag</th></tr>\n");
            r.consumerLag().forEach(l -> h.append("<tr><td>").append(l.partition()).append("</td><td>").append(l.peak())
                    .append("</td><td>").append(l.last()).append("</td></tr>\n"));
            h.append("</table>\n");
        }

        h.append("<h2>Latency (ms)</h2>\n<table><tr><th>stage</th><th>count</th><th>min</th><th>p50</th><th>p75</th><th>p90</th>")
                .append("<th>p95</th><th>p99</th><th>p99.9</th><th>max</th><th>mean</th><th>stddev</th><th>clamped</th></tr>\n");
        for (Map.Entry<String, StageSummary> e : r.latencyMs().entrySet()) {
            StageSummary s = e.getValue();
            h.append("<tr><td>").append(Html.escape(e.getKey())).append("</td><td>").append(s.count()).append("</td>");
            for (double v : new double[] {s.min(), s.p50(), s.p75(), s.p90(), s.p95(), s.p99(), s.p999(), s.max(), s.mean(), s.stddev()}) {
                h.append("<td>").append(num(v)).append("</td>");
            }
            h.append("<td>").append(s.clamped()).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (r.t2().source() != null) {
            h.append("<p>T2 (in Kafka): <code>").append(Html.escape(r.t2().source())).append("</code>")
                    .append(Html.escape(" " + r.t2().bySource())).append("</p>\n");
        }
        h.append(SvgCharts.percentiles(r.charts().percentileCurves()));
        h.append("<h2>Throughput</h2>\n").append(SvgCharts.throughput(r.charts().perSecond()));

        var i = r.integrity();
        h.append("<h2>Integrity: <span class=\"").append(i.match() ? "ok\">match" : "bad\">mismatch").append("</span></h2>\n<table>\n");
        row(h, "PostgreSQL outbox events", i.postgresEvents());
        i.mongoDocuments().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> row(h, "MongoDB " + e.getKey(), e.getValue()));
        row(h, "events missing in MongoDB", i.missingEventCount());
        h.append("</table>\n");
        list(h, "Missing event ids", i.missingEventIds());
        list(h, "Referential issues", i.referentialIssues());
        if (!r.faults().isEmpty()) faults(h, r.faults());

        if (r.ui() != null) {
            h.append("<h2>The dashboard during the run</h2>\n<table>\n");
            h.append("<tr><td>frames (pulses) per second</td><td>").append(num(r.ui().pulsesPerSecond())).append("</td></tr>\n");
            h.append("<tr><td>longest time between two frames</td><td>").append(num(r.ui().longestPulseGapMs())).append(" ms</td></tr>\n");
            h.append("<tr><td>tile refreshes per second</td><td>").append(num(r.ui().tileRefreshesPerSecond())).append("</td></tr>\n");
            h.append("<tr><td>the dashboard's CPU</td><td>").append(num(r.ui().cpuCores())).append(" cores</td></tr>\n");
            h.append("<tr><td>launch to ready</td><td>").append(num(r.ui().launchToReadySeconds())).append(" s</td></tr>\n</table>\n");
        }

        var env = r.environment();
        h.append("<h2>Environment</h2>\n<table>\n<tr><td>stack</td><td>").append(Html.escape(env.stackMode().key())).append("</td></tr>\n");
        h.append("<tr><td>cores</td><td>").append(env.cores()).append("</td></tr>\n");
        env.versions().forEach((k, v) -> h.append("<tr><td>").append(Html.escape(k)).append("</td><td>").append(Html.escape(v)).append("</td></tr>\n"));
        h.append("</table>\n<p>").append(Html.escape(env.clockNote())).append("</p>\n</body></html>\n");
        return h.toString();
    }

    private static void faults(StringBuilder h, List<FaultOutcome> faults) {
        h.append("<h2>Faults</h2>\n<table><tr><th>fault</th><th>injected at</th><th>recovered after (ms)</th><th>events delayed</th>")
                .append("<th>lost</th><th>applied twice</th><th>redelivered</th></tr>\n");
        for (FaultOutcome f : faults) {
            h.append("<tr><td>").append(Html.escape(f.kind())).append("</td><td>").append(Html.escape(f.injectedAt().toString()))
                    .append("</td><td>").append(f.recoveredAfterMs() == null ? "not measured" : num(f.recoveredAfterMs()))
                    .append("</td><td>").append(f.eventsDelayed()).append("</td><td>").append(f.eventsLost()).append("</td><td>")
                    .append(f.eventsDuplicated()).append("</td><td>").append(f.eventsRedelivered()).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (FaultOutcome f : faults) {
            List<String> lines = new ArrayList<>();
            lines.add(f.detail());
            f.poison().forEach((kind, c) -> lines.add("poison " + kind + ": injected " + c.injected() + ", dead-lettered " + c.deadLettered()));
            list(h, f.kind(), lines);
        }
    }

    /** The targets with the measured percentile and PASS or FAIL beside each. */
    private static void targets(StringBuilder h, StageSummary e2e) {
        h.append("<table><tr><th>percentile</th><th>target</th><th>measured</th><th>verdict</th></tr>\n");
        for (LatencyReport.Assessment a : LatencyReport.assess(e2e)) {
            h.append("<tr><td>").append(a.target().percentile()).append("</td><td>&lt; ").append(num(a.target().limitMs())).append(" ms</td><td>")
                    .append(a.measured() ? num(a.actualMs()) + " ms" : "no data").append("</td><td class=\"")
                    .append(a.pass() ? "ok\">PASS" : "bad\">FAIL").append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** Runs side by side: what each sent, its throughput, its percentiles against the targets, its stages; curves overlaid. */
    private static void comparison(StringBuilder h, List<Report> runs) {
        h.append("<h2>The runs, one by one</h2>\n<table><tr><th>run</th><th>events</th><th>duration</th><th>average</th>");
        for (LatencyReport.Target t : LatencyReport.TARGETS) {
            h.append("<th>").append(t.percentile()).append(" (&lt; ").append(num(t.limitMs())).append(" ms)</th>");
        }
        h.append("<th>integrity</th></tr>\n");
        Map<String, PercentileCurve> curves = new LinkedHashMap<>();
        int n = 1;
        for (Report x : runs) {
            String label = runLabel(n++, x);
            StageSummary e2e = x.latencyMs().getOrDefault(Stage.END_TO_END.key(), StageSummary.EMPTY);
            h.append("<tr><td>").append(Html.escape(label)).append("</td><td>").append(count(x.events().processed())).append(" / ")
                    .append(count(x.events().generated())).append("</td><td>").append(num(x.durationSeconds())).append(" s</td><td>")
                    .append(num(x.throughput().averageEps())).append(" events/s</td>");
            for (LatencyReport.Assessment a : LatencyReport.assess(e2e)) {
                h.append("<td class=\"").append(a.pass() ? "ok" : "bad").append("\">")
                        .append(a.measured() ? num(a.actualMs()) + " ms " : "no data ").append(a.pass() ? "PASS" : "FAIL").append("</td>");
            }
            h.append("<td class=\"").append(x.integrity().match() ? "ok\">match" : "bad\">mismatch").append("</td></tr>\n");
            PercentileCurve c = x.charts().percentileCurves().get(Stage.END_TO_END.key());
            if (c != null) curves.put(label, c);
        }
        h.append("</table>\n");
        h.append("<h3>Median per stage (ms)</h3>\n<table><tr><th>stage</th>");
        n = 1;
        for (Report x : runs) h.append("<th>").append(Html.escape(runLabel(n++, x))).append("</th>");
        h.append("</tr>\n");
        for (Stage s : Stage.values()) {
            h.append("<tr><td>").append(Html.escape(s.key())).append("</td>");
            for (Report x : runs) {
                StageSummary st = x.latencyMs().get(s.key());
                h.append("<td>").append(st == null || st.isEmpty() ? "-" : num(st.p50())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n").append(SvgCharts.percentiles(curves, "End-to-end latency by percentile, one curve per run"));
    }

    /** "#2 1,000 events". */
    static String runLabel(int number, Report r) {
        return "#" + number + " " + count(r.scenario().targetEvents()) + " events";
    }

    /** Periods of activity and each one's own rate, for a report whose span holds pauses between runs. */
    private static void phases(StringBuilder h, List<Period> periods) {
        h.append("<h2>Periods of activity</h2>\n<p class=\"note\">The report covers several runs. Each period below is a stretch of seconds with ")
                .append("acknowledged writes, separated from the next by ").append(QUIET_SECONDS)
                .append(" s or more without any; its rate is its events over its own seconds (whole seconds, so short periods read low). ")
                .append("Latency is measured per event and given above for all of them together.</p>\n")
                .append("<table><tr><th>period</th><th>from</th><th>seconds</th><th>events</th><th>events/s</th></tr>\n");
        int n = 1;
        for (Period p : periods) {
            h.append("<tr><td>").append(n++).append("</td><td>").append(Html.escape(WHEN.format(Instant.ofEpochSecond(p.firstSecond()))))
                    .append("</td><td>").append(p.seconds()).append("</td><td>").append(count(p.events())).append("</td><td>")
                    .append(num((double) p.events() / p.seconds())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** Consecutive seconds with writes, split where {@link #QUIET_SECONDS} or more seconds passed without any. */
    static List<Period> periods(List<ThroughputPoint> perSecond) {
        List<Period> out = new ArrayList<>();
        long first = 0;
        long last = 0;
        long events = 0;
        for (ThroughputPoint p : perSecond) {
            if (events > 0 && p.epochSecond() - last > QUIET_SECONDS) {
                out.add(new Period(first, last, events));
                events = 0;
            }
            if (events == 0) first = p.epochSecond();
            last = p.epochSecond();
            events += p.events();
        }
        if (events > 0) out.add(new Period(first, last, events));
        return out;
    }

    private static void row(StringBuilder h, String label, long value) {
        h.append("<tr><td>").append(Html.escape(label)).append("</td><td>").append(value).append("</td></tr>\n");
    }

    private static void list(StringBuilder h, String title, List<String> items) {
        if (items.isEmpty()) return;
        h.append("<h3>").append(Html.escape(title)).append("</h3>\n<ul>\n");
        for (String s : items) h.append("<li><code>").append(Html.escape(s)).append("</code></li>\n");
        h.append("</ul>\n");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
