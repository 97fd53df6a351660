package io.eventprocessor.report;

import io.eventprocessor.measure.StageSummary;
import io.eventprocessor.measure.Throughput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link Report} as JSON and, next to it, a self-contained HTML page (inline CSS and SVG, no scripts,
 * no fonts or anything else from the network, so it opens the same offline or attached to an e-mail).
 */
public final class ReportWriter {
    private ReportWriter() {}

    /** The two files written. */
    public record Written(Path json, Path html) {}

    /** Writes {@code json} and {@code json} with its extension replaced by {@code .html}. */
    public static Written write(Report report, Path json) throws IOException {
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(json, ReportJson.toPrettyString(report) + "\n", StandardCharsets.UTF_8);
        String name = json.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path html = json.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".html");
        Files.writeString(html, html(report), StandardCharsets.UTF_8);
        return new Written(json, html);
    }

    public static String html(Report r) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(Html.escape("Event Processor report: " + r.scenario().name())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem;color:#222;max-width:64rem}\n")
                .append("table{border-collapse:collapse;margin:0.5rem 0 1.5rem}th,td{padding:0.25rem 0.6rem;border-bottom:1px solid #ddd;text-align:right}\n")
                .append("th:first-child,td:first-child{text-align:left}.ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}\n")
                .append("svg{width:100%;height:auto;font-size:12px;border:1px solid #eee}code{background:#f4f4f4;padding:0 0.2rem}\n")
                .append("</style></head><body>\n");
        h.append("<h1>").append(Html.escape(r.scenario().name())).append("</h1>\n<p>")
                .append(Html.escape(r.scenario().targetEvents() + " events, batch " + r.scenario().batchSize() + ", " + r.scenario().mode()
                        + (r.scenario().rate() == null ? "" : " at " + num(r.scenario().rate()) + " events/s")))
                .append("<br>").append(Html.escape(r.startedAt() + " to " + r.finishedAt() + " (" + num(r.durationSeconds()) + " s)"))
                .append("</p>\n");

        h.append("<h2>Events</h2>\n<table><tr><th></th><th>count</th></tr>\n");
        row(h, "generated", r.events().generated());
        row(h, "processed", r.events().processed());
        row(h, "dead-lettered", r.events().deadLettered());
        row(h, "failed (no outcome)", r.events().failed());
        h.append("<tr><td>success rate</td><td>").append(num(r.successRate())).append(" %</td></tr>\n");
        h.append("<tr><td>throughput average / peak</td><td>").append(num(r.throughput().averageEps())).append(" / ")
                .append(num(r.throughput().peakEps())).append(" events/s</td></tr>\n</table>\n");
        h.append("<table><tr><th>event type</th><th>processed</th><th>dead-lettered</th></tr>\n");
        r.events().byType().forEach((t, c) -> h.append("<tr><td>").append(Html.escape(t)).append("</td><td>").append(c.processed())
                .append("</td><td>").append(c.deadLettered()).append("</td></tr>\n"));
        h.append("</table>\n");

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
}
