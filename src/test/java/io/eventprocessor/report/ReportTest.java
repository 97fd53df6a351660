package io.eventprocessor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.StackMode;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.measure.MetricsAggregator;
import io.eventprocessor.measure.PartitionLag;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.measure.StageSummary;
import io.eventprocessor.testing.MetricSamples;
import io.eventprocessor.verify.IntegrityResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = loadSchema();

    private static JsonSchema loadSchema() {
        try {
            JsonNode schema = JSON.readTree(Path.of("docs/report.schema.json").toFile());
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A paced run of 600 events: 590 processed with random stage durations, 4 dead-lettered, 6 never seen. */
    private static Report sampleReport() {
        return sampleReport(new HashMap<>());
    }

    /** @param t5PerSecond filled with acknowledged writes per second, counted independently of the aggregator */
    private static Report sampleReport(Map<Long, Long> t5PerSecond) {
        MetricsAggregator a = new MetricsAggregator(50, false);
        Random random = new Random(7);
        Map<String, Long> intended = new HashMap<>();
        List<Planned> records = new ArrayList<>();
        for (int i = 0; i < 590; i++) {
            String id = MetricSamples.id();
            long t0 = MetricSamples.BASE_US + i * 5_000L; // 200 events/s
            intended.put(id, t0 - random.nextInt(2_000));
            records.add(new Planned(id, MetricSamples.type(i), t0));
        }
        a.registerIntended(intended);
        for (Planned r : records) {
            MetricRecord m = MetricSamples.processed(r.id(), r.type(), r.t0(), 500 + random.nextInt(3_000),
                    random.nextInt(100) == 0 ? -300 : random.nextInt(2_000), random.nextInt(20_000), 1_000 + random.nextInt(10_000));
            a.accept(m);
            t5PerSecond.merge(Math.floorDiv(m.timing().t5(), 1_000_000L), 1L, Long::sum);
        }
        for (int i = 0; i < 4; i++) a.accept(MetricSamples.deadLettered(MetricSamples.id(), Names.PARTICIPANT_JOINED));
        Snapshot snapshot = a.snapshot(MetricSamples.BASE_US + 10_000_000L, List.of(), null);
        IntegrityResult integrity = new IntegrityResult(600, Map.of(Names.USER_CREATED, 300L), Map.of(
                Names.USERS, 300L, Names.ACTIVITIES, 180L, Names.STATISTICS, 1L), List.of("e-1"), 1, List.of(), false);
        RunEnvironment env = new RunEnvironment(StackMode.EMBEDDED, Map.of("java", "17", "kafka", "4.3.1",
                "debezium", "3.6.1.Final", "postgresql", "18.4", "mongodb", "3.6.0"), 8, "one clock");
        return Report.build(RunScenario.paced("load_600", 600, 100, 200.0), 600, snapshot, a.curves(), integrity, env);
    }

    private record Planned(String id, String type, long t0) {}

    private static Set<String> errors(JsonNode report) {
        return SCHEMA.validate(report).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    @Test
    void reportJsonValidatesAgainstTheCommittedSchema() {
        ObjectNode json = ReportJson.toJson(sampleReport());
        assertThat(errors(json)).isEmpty();
        for (Stage s : Stage.values()) assertThat(json.path("latency_ms").has(s.key())).as(s.key()).isTrue();
        assertThat(json.path("latency_ms").has("end_to_end_from_intended")).isTrue();
        assertThat(json.path("started_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    }

    @Test
    void theFaultsSectionIsThereOnlyWhenFaultsWereInjectedAndValidates() {
        assertThat(ReportJson.toJson(sampleReport()).has("faults")).isFalse();
        Report withFaults = sampleReport().withFaults(List.of(
                new FaultOutcome("processor-crash", Instant.parse("2026-12-01T10:00:03Z"), 1_234.5, 812, 0, 0, 95, "processor thread crashed", Map.of()),
                new FaultOutcome("poison", Instant.parse("2026-12-01T10:00:05Z"), null, 0, 0, 0, 0, "7 poison events",
                        Map.of("unknown_event_type", new FaultOutcome.PoisonCount(1, 1)))));
        ObjectNode json = ReportJson.toJson(withFaults);
        assertThat(errors(json)).isEmpty();
        assertThat(json.at("/faults/0/kind").asText()).isEqualTo("processor-crash");
        assertThat(json.at("/faults/0/recovered_after_ms").asDouble()).isEqualTo(1_234.5);
        assertThat(json.at("/faults/0/events_delayed").asLong()).isEqualTo(812);
        assertThat(json.at("/faults/1/recovered_after_ms").isNull()).isTrue();
        assertThat(json.at("/faults/1/poison/unknown_event_type/dead_lettered").asLong()).isEqualTo(1);
        assertThat(ReportWriter.html(withFaults)).contains("<h2>Faults</h2>").contains("processor-crash").contains("not measured");

        ((ObjectNode) json.at("/faults/0")).put("kind", "meteor-strike");
        assertThat(errors(json)).as("an unknown kind").isNotEmpty();
    }

    @Test
    void schemaRejectsAReportMissingAFieldOrWithAMisnamedOne() {
        ObjectNode missing = ReportJson.toJson(sampleReport());
        ((ObjectNode) missing.get("latency_ms")).remove("processing");
        assertThat(errors(missing)).isNotEmpty();

        ObjectNode misnamed = ReportJson.toJson(sampleReport());
        ObjectNode throughput = (ObjectNode) misnamed.get("throughput");
        throughput.set("avg_eps", throughput.remove("average_eps"));
        assertThat(errors(misnamed)).isNotEmpty();
    }

    @Test
    void figuresAreConsistent() {
        Map<Long, Long> t5PerSecond = new HashMap<>();
        Report r = sampleReport(t5PerSecond);
        ObjectNode json = ReportJson.toJson(r);
        for (var e : (Iterable<Map.Entry<String, JsonNode>>) json.path("latency_ms")::fields) {
            JsonNode s = e.getValue();
            assertThat(List.of(s.get("min").asDouble(), s.get("p50").asDouble(), s.get("p95").asDouble(),
                    s.get("p99").asDouble(), s.get("max").asDouble())).as(e.getKey()).isSorted();
            assertThat(s.get("count").asLong()).as(e.getKey()).isEqualTo(590);
        }
        assertThat(json.at("/latency_ms/kafka_delivery/clamped").asLong()).isPositive();
        assertThat(json.at("/events/generated").asLong()).isEqualTo(600);
        assertThat(json.at("/events/processed").asLong()).isEqualTo(590);
        assertThat(json.at("/events/dead_lettered").asLong()).isEqualTo(4);
        assertThat(json.at("/events/failed").asLong()).isEqualTo(6);
        assertThat(json.at("/events/by_type/ParticipantJoined/dead_lettered").asLong()).isEqualTo(4);
        long byTypeProcessed = 0;
        for (JsonNode t : json.at("/events/by_type")) byTypeProcessed += t.get("processed").asLong();
        assertThat(byTypeProcessed).isEqualTo(590);
        double duration = json.get("duration_seconds").asDouble();
        assertThat(duration).isPositive();
        assertThat(json.at("/throughput/average_eps").asDouble()).isCloseTo(590 / duration, within(0.001));
        long peak = t5PerSecond.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(peak).isBetween(150L, 250L);
        assertThat(json.at("/throughput/peak_eps").asDouble()).isEqualTo(peak);
        assertThat(json.get("success_rate").asDouble()).isCloseTo(100.0 * 590 / 600, within(0.001));
        assertThat(r.finishedAt()).isAfter(r.startedAt());
        assertThat(json.at("/integrity/match").asBoolean()).isFalse();
        assertThat(json.at("/integrity/missing_event_ids/0").asText()).isEqualTo("e-1");
        assertThat(json.at("/scenario/rate").asDouble()).isEqualTo(200.0);
    }

    @Test
    void saysWhatEachProcessorDidTheLagPerPartitionAndWhichT2ItUsed() {
        MetricsAggregator a = new MetricsAggregator(10, false);
        long t0 = MetricSamples.BASE_US;
        for (int i = 0; i < 4; i++) a.accept(MetricSamples.processedBy("cluster-processor-1", 0, "broker_log_append_time", t0 + i * 1000, 5000));
        for (int i = 0; i < 2; i++) a.accept(MetricSamples.processedBy("cluster-processor-2", 1 + i, "broker_log_append_time", t0 + i * 1000, 5000));
        Snapshot s = a.snapshot(t0 + 1_000_000, List.of(new PartitionLag(Names.OUTBOX_TOPIC, 0, 10, 10),
                new PartitionLag(Names.OUTBOX_TOPIC, 1, 10, 13)), Map.of(0, 250L, 1, 40L, 2, 7L), null, false);
        IntegrityResult integrity = new IntegrityResult(6, Map.of(), Map.of(Names.USERS, 6L, Names.ACTIVITIES, 0L, Names.STATISTICS, 1L),
                List.of(), 0, List.of(), true);
        Report r = Report.build(RunScenario.burst("cluster", 6, 100), 6, s, a.curves(), integrity,
                new RunEnvironment(StackMode.EXTERNAL, Map.of("java", "17", "kafka", "x", "debezium", "x", "postgresql", "x",
                        "mongodb", "x"), 2, "clocks"));
        ObjectNode json = ReportJson.toJson(r);

        assertThat(errors(json)).isEmpty();
        assertThat(json.at("/processors/cluster-processor-1/processed").asLong()).isEqualTo(4);
        assertThat(json.at("/processors/cluster-processor-2/processed").asLong()).isEqualTo(2);
        assertThat(json.at("/processors/cluster-processor-2/partitions").toString()).isEqualTo("[1,2]");
        assertThat(json.at("/processors/cluster-processor-1/average_eps").asDouble() + json.at("/processors/cluster-processor-2/average_eps").asDouble())
                .isCloseTo(json.at("/throughput/average_eps").asDouble(), within(0.002));
        // Partition 2 was seen only in the peaks; partition 1 still lags by 3 at the last measurement.
        assertThat(json.get("consumer_lag").toString()).isEqualTo(
                "[{\"partition\":0,\"peak\":250,\"last\":0},{\"partition\":1,\"peak\":40,\"last\":3},{\"partition\":2,\"peak\":7,\"last\":0}]");
        assertThat(json.get("t2_source").asText()).isEqualTo("broker_log_append_time");
        assertThat(json.at("/t2_sources/broker_log_append_time").asLong()).isEqualTo(6);
        assertThat(ReportWriter.html(r)).contains("cluster-processor-2").contains("broker_log_append_time");
    }

    @Test
    void t2SourceIsMixedWhenTheEventsDisagreeAndNullWithoutEvents() {
        MetricsAggregator a = new MetricsAggregator(10, false);
        a.accept(MetricSamples.processedBy("p", 0, "relay_header", MetricSamples.BASE_US, 5000));
        a.accept(MetricSamples.processedBy("p", 0, "broker_log_append_time", MetricSamples.BASE_US, 5000));
        assertThat(Report.T2.of(a.snapshot(MetricSamples.BASE_US, List.of(), null).t2Sources()).source()).isEqualTo(Report.T2.MIXED);
        assertThat(ReportJson.toJson(sampleEmpty()).get("t2_source").isNull()).isTrue();
    }

    @Test
    void writesJsonAndASelfContainedHtmlPageNextToIt(@TempDir Path dir) throws Exception {
        ReportWriter.Written w = ReportWriter.write(sampleReport(), dir.resolve("runs/report.json"));
        assertThat(w.html()).isEqualTo(dir.resolve("runs/report.html"));
        assertThat(errors(JSON.readTree(w.json().toFile()))).isEmpty();
        String html = Files.readString(w.html());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").contains("load_600");
        assertThat(html.split("<svg", -1)).hasSize(3); // percentile curves and throughput
        assertThat(html).contains("<path d=\"M").contains("<rect ").contains("99.9%").contains("end_to_end_from_intended");
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("<link").doesNotContain("@import");
        // The only URL is the SVG namespace, which is a name, not something fetched.
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:").doesNotContain("https:");
    }

    private static Report sampleEmpty() {
        MetricsAggregator a = new MetricsAggregator(5, false);
        Snapshot s = a.snapshot(MetricSamples.BASE_US, List.of(), null);
        return Report.build(RunScenario.burst("empty", 0, 100), 0, s, a.curves(),
                new IntegrityResult(0, Map.of(), Map.of(Names.USERS, 0L, Names.ACTIVITIES, 0L, Names.STATISTICS, 0L),
                        List.of(), 0, List.of(), true),
                new RunEnvironment(StackMode.EXTERNAL, Map.of("java", "17", "kafka", "x", "debezium", "x",
                        "postgresql", "x", "mongodb", "x"), 1, "clocks"));
    }

    @Test
    void emptyRunStillProducesAValidReport() {
        Report r = sampleEmpty();
        assertThat(errors(ReportJson.toJson(r))).isEmpty();
        assertThat(r.durationSeconds()).isZero();
        assertThat(ReportWriter.html(r)).contains("<svg");
    }

    @Test
    void theDashboardsUiSectionIsOptionalAndValidatesWhenPresent() {
        Report r = sampleReport();
        assertThat(ReportJson.toJson(r).has("ui")).isFalse();

        ObjectNode json = ReportJson.toJson(r.withUi(new Report.Ui(58.5, 42.25, 4.0, 0.125, 17.25)));
        assertThat(errors(json)).isEmpty();
        assertThat(json.at("/ui/pulses_per_second").asDouble()).isEqualTo(58.5);
        assertThat(json.at("/ui/longest_pulse_gap_ms").asDouble()).isEqualTo(42.25);
        assertThat(json.at("/ui/tile_refreshes_per_second").asDouble()).isEqualTo(4.0);
        assertThat(json.at("/ui/cpu_cores").asDouble()).isEqualTo(0.125);
        assertThat(json.at("/ui/launch_to_ready_seconds").asDouble()).isEqualTo(17.25);
        assertThat(json.at("/events/processed").asLong()).isEqualTo(590);

        ((ObjectNode) json.get("ui")).remove("cpu_cores");
        assertThat(errors(json)).isNotEmpty();
    }

    @Test
    void thePageSaysWhatRanAndJudgesEachTargetBesideItsMeasuredPercentile() {
        Report r = sampleReport();
        String html = ReportWriter.html(r);
        assertThat(html).contains("<title>Event Processor: load_600: 600 events in batches of 100, paced at 200 events/s, ");
        StageSummary e2e = r.latencyMs().get(Stage.END_TO_END.key());
        for (LatencyReport.Assessment a : LatencyReport.assess(e2e)) {
            assertThat(html).contains(String.format(Locale.ROOT, "<tr><td>%s</td><td>&lt; %.2f ms</td><td>%.2f ms</td><td class=\"%s\">%s</td></tr>",
                    a.target().percentile(), a.target().limitMs(), a.actualMs(), a.pass() ? "ok" : "bad", a.pass() ? "PASS" : "FAIL"));
        }
        assertThat(html).doesNotContain("Periods of activity").doesNotContain("runs compared");
    }

    @Test
    void aVerificationIsTitledAsOneAndGivesEachPeriodOfActivityItsOwnRate() {
        MetricsAggregator a = new MetricsAggregator(10, false);
        // 30 events in seconds 0-2, then 5 quiet seconds, then 10 events in second 8
        for (int i = 0; i < 30; i++) a.accept(MetricSamples.processed(MetricSamples.id(), MetricSamples.type(i), MetricSamples.BASE_US + i * 100_000L, 1_000, 500, 200, 2_000));
        for (int i = 0; i < 10; i++) a.accept(MetricSamples.processed(MetricSamples.id(), MetricSamples.type(i), MetricSamples.BASE_US + 8_000_000L + i * 10_000L, 1_000, 500, 200, 2_000));
        Snapshot s = a.snapshot(MetricSamples.BASE_US + 10_000_000L, List.of(), null);
        Report r = Report.build(RunScenario.verification(40), 40, s, a.curves(), new IntegrityResult(40, Map.of(),
                Map.of(Names.USERS, 20L, Names.ACTIVITIES, 12L, Names.STATISTICS, 1L),
                List.of(), 0, List.of(), true), new RunEnvironment(StackMode.EMBEDDED, Map.of("java", "17", "kafka", "x", "debezium", "x",
                "postgresql", "x", "mongodb", "x"), 2, "one clock"));

        assertThat(ReportWriter.periods(s.perSecond())).extracting(ReportWriter.Period::events).containsExactly(30L, 10L);
        String html = ReportWriter.html(r);
        assertThat(html).contains("<title>Event Processor: verification of the whole outbox: 40 events, every run since the last reset, ")
                .doesNotContain("batch 0").doesNotContain("batches of 0")
                .contains("Periods of activity").contains("pauses included");
        assertThat(html.split("<tr><td>\\d</td><td>20", -1)).hasSize(3);
        JsonNode json = ReportJson.toJson(r);
        assertThat(errors(json)).isEmpty();
        assertThat(json.at("/scenario/batch_size").isNull()).isTrue();
        assertThat(json.at("/scenario/mode").asText()).isEqualTo("verification");
    }

    @Test
    void aComparisonPageShowsEachRunAgainstTheTargetsAndOverlaysTheirCurves(@TempDir Path dir) throws Exception {
        Report first = sampleReport();
        Report second = sampleReport();
        ReportWriter.Written w = ReportWriter.write(second, dir.resolve("compare.json"), List.of(first, second), true);
        String html = Files.readString(w.html());
        assertThat(html).contains("<title>Event Processor: 2 runs compared (600, 600 events), ")
                .contains("#1 600 events").contains("#2 600 events").contains("Median per stage")
                .contains("End-to-end latency by percentile, one curve per run");
        assertThat(html.split("<svg", -1)).hasSize(4); // the runs' curves, then the last run's curves and throughput
        assertThat(errors(JSON.readTree(w.json().toFile()))).isEmpty();

        ReportWriter.Written jsonOnly = ReportWriter.write(second, dir.resolve("only.json"), List.of(), false);
        assertThat(jsonOnly.html()).isNull();
        assertThat(Files.exists(dir.resolve("only.html"))).isFalse();
    }
}
