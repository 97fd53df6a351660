package io.eventprocessor.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventprocessor.measure.StageSummary;
import io.eventprocessor.verify.IntegrityResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The report as JSON, snake_case, in the order of docs/report.md. Written by hand rather than by reflection so that
 * the field names are the contract (docs/report.schema.json) and a renamed Java component cannot change them.
 */
public final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {}

    public static ObjectNode toJson(Report r) {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode scenario = n.putObject("scenario");
        scenario.put("name", r.scenario().name());
        scenario.put("target_events", r.scenario().targetEvents());
        // A verification covers every run since the last reset, whatever their batches: it has no batch size.
        if (r.scenario().coversEverything()) scenario.putNull("batch_size");
        else scenario.put("batch_size", r.scenario().batchSize());
        scenario.put("mode", r.scenario().mode());
        if (r.scenario().rate() == null) scenario.putNull("rate");
        else scenario.put("rate", r.scenario().rate());
        n.put("started_at", iso(r.startedAt()));
        n.put("finished_at", iso(r.finishedAt()));
        n.put("duration_seconds", round(r.durationSeconds(), 6));

        ObjectNode events = n.putObject("events");
        events.put("generated", r.events().generated());
        events.put("processed", r.events().processed());
        events.put("failed", r.events().failed());
        events.put("dead_lettered", r.events().deadLettered());
        ObjectNode byType = events.putObject("by_type");
        r.events().byType().forEach((type, c) -> byType.putObject(type)
                .put("processed", c.processed()).put("dead_lettered", c.deadLettered()));

        ObjectNode throughput = n.putObject("throughput");
        throughput.put("average_eps", round(r.throughput().averageEps(), 3));
        throughput.put("peak_eps", round(r.throughput().peakEps(), 3));

        ObjectNode processors = n.putObject("processors");
        r.processors().forEach((id, c) -> {
            ObjectNode o = processors.putObject(id);
            o.put("processed", c.processed());
            o.put("dead_lettered", c.deadLettered());
            o.put("average_eps", round(c.averageEps(), 3));
            c.partitions().forEach(o.putArray("partitions")::add);
        });
        ArrayNode lag = n.putArray("consumer_lag");
        r.consumerLag().forEach(l -> lag.addObject().put("partition", l.partition()).put("peak", l.peak()).put("last", l.last()));

        ObjectNode latency = n.putObject("latency_ms");
        r.latencyMs().forEach((stage, s) -> stage(latency.putObject(stage), s));
        if (r.t2().source() == null) n.putNull("t2_source");
        else n.put("t2_source", r.t2().source());
        ObjectNode t2 = n.putObject("t2_sources");
        r.t2().bySource().forEach(t2::put);

        n.put("success_rate", round(r.successRate(), 3));
        integrity(n.putObject("integrity"), r.integrity());

        ObjectNode env = n.putObject("environment");
        env.put("stack_mode", r.environment().stackMode().key());
        ObjectNode versions = env.putObject("versions");
        r.environment().versions().forEach(versions::put);
        env.put("cores", r.environment().cores());
        env.put("clock_note", r.environment().clockNote());
        if (!r.faults().isEmpty()) faults(n.putArray("faults"), r);
        if (r.ui() != null) {
            ObjectNode ui = n.putObject("ui");
            ui.put("pulses_per_second", round(r.ui().pulsesPerSecond(), 3));
            ui.put("longest_pulse_gap_ms", round(r.ui().longestPulseGapMs(), 3));
            ui.put("tile_refreshes_per_second", round(r.ui().tileRefreshesPerSecond(), 3));
            ui.put("cpu_cores", round(r.ui().cpuCores(), 4));
            ui.put("launch_to_ready_seconds", round(r.ui().launchToReadySeconds(), 3));
        }
        return n;
    }

    private static void faults(ArrayNode array, Report r) {
        for (FaultOutcome f : r.faults()) {
            ObjectNode o = array.addObject();
            o.put("kind", f.kind());
            o.put("injected_at", iso(f.injectedAt()));
            if (f.recoveredAfterMs() == null) o.putNull("recovered_after_ms");
            else o.put("recovered_after_ms", round(f.recoveredAfterMs(), 3));
            o.put("events_delayed", f.eventsDelayed());
            o.put("events_lost", f.eventsLost());
            o.put("events_duplicated", f.eventsDuplicated());
            o.put("events_redelivered", f.eventsRedelivered());
            o.put("detail", f.detail());
            if (!f.poison().isEmpty()) {
                ObjectNode poison = o.putObject("poison");
                f.poison().forEach((kind, c) -> poison.putObject(kind).put("injected", c.injected()).put("dead_lettered", c.deadLettered()));
            }
        }
    }

    public static String toPrettyString(Report r) {
        return toJson(r).toPrettyString();
    }

    private static void stage(ObjectNode o, StageSummary s) {
        o.put("count", s.count());
        o.put("min", round(s.min(), 3));
        o.put("max", round(s.max(), 3));
        o.put("mean", round(s.mean(), 3));
        o.put("stddev", round(s.stddev(), 3));
        o.put("p50", round(s.p50(), 3));
        o.put("p75", round(s.p75(), 3));
        o.put("p90", round(s.p90(), 3));
        o.put("p95", round(s.p95(), 3));
        o.put("p99", round(s.p99(), 3));
        o.put("p999", round(s.p999(), 3));
        o.put("clamped", s.clamped());
    }

    private static void integrity(ObjectNode o, IntegrityResult i) {
        o.put("postgres_events", i.postgresEvents());
        ObjectNode docs = o.putObject("mongo_documents");
        i.mongoDocuments().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> docs.put(e.getKey(), e.getValue()));
        i.missingEventIds().forEach(o.putArray("missing_event_ids")::add);
        o.put("missing_event_count", i.missingEventCount());
        i.referentialIssues().forEach(o.putArray("referential_issues")::add);
        o.put("match", i.match());
    }

    /** Values are microsecond-exact at 3 decimals of a millisecond; more digits would only be noise. */
    static double round(double v, int decimals) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("not a measurement: " + v);
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
