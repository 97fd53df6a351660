package io.eventprocessor.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.StackMode;
import io.eventprocessor.contract.T2Source;
import io.eventprocessor.loadgen.EventGenerator;
import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.loadgen.SendPlan;
import io.eventprocessor.outbox.OutboxWriter;
import io.eventprocessor.report.ReportWriter;
import io.eventprocessor.scenario.Progress;
import io.eventprocessor.scenario.ScenarioRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster of scripts/cluster/up.sh (Debezium in Kafka Connect, three brokers, three processors) under faults, killed
 * with -9 in the middle of a run: nothing may be lost, nothing applied twice, every aggregate's events applied in order;
 * and T2 is the broker's append time of the very record each event was processed from. What each fault cost (time to
 * recover, events delayed, redeliveries) is printed and written to target/cluster-it-results/, not asserted: the
 * machine is shared and its timing is noise.
 */
@ExtendWith(SharedCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsIT {
    private static final Path RESULTS = SharedCluster.REPO.resolve("target/cluster-it-results");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE = 250;
    /** The window before a kill whose events say what end-to-end latency was then. */
    private static final int BASELINE_SECONDS = 5;

    @Test
    @Order(1)
    void tenThousandEventsThroughKafkaConnectSurviveABrokerAndAProcessorKilledMidRun() throws Exception {
        Settings settings = SharedCluster.settings();
        long broker = SharedCluster.pids(ClusterEnv.KAFKA_BROKER_PIDS).get(1);
        long processor = SharedCluster.pids(ClusterEnv.PROCESSOR_PIDS).get(1);
        AtomicLong killedAt = new AtomicLong();
        Map<Integer, Integer> leaders = new HashMap<>();
        ScenarioRun.Result result;
        try {
            // Paced below what the cluster carries here, so that what the kills cost is not hidden in a backlog.
            result = new ScenarioRun(settings).run(ScenarioRun.Request.of(Scenario.EXTREME, StackMode.EXTERNAL)
                    .withPlan(SendPlan.paced(RATE, 100)).withTimeout(Duration.ofMinutes(5)),
                    killWhen(processed -> processed >= 3_000, killedAt, () -> {
                        leaders.putAll(leaders(settings));
                        kill9(broker);
                        kill9(processor);
                    }));
        } finally {
            SharedCluster.up(); // the killed broker rejoins with its data, the processor comes back
        }
        assertThat(killedAt.get()).as("the kills happened mid-run").isPositive();
        Set<String> ids = checkComplete(settings, result, 10_000);

        Map<String, List<MetricRecord>> metrics = ClusterAudit.metrics(settings, ids);
        checkT2IsTheBrokersAppendTime(settings, ids, metrics, result);
        Map<Integer, String> roles = new HashMap<>();
        leaders.forEach((partition, leader) -> {
            if (leader == 2) roles.merge(partition, "led by broker-2", (a, b) -> a + ", " + b);
        });
        owners(metrics, killedAt.get()).forEach((partition, owner) -> {
            if (owner.equals(ProcessorNode.ID_PREFIX + 2)) roles.merge(partition, "owned by processor-2", (a, b) -> a + ", " + b);
        });
        record(result, metrics, killedAt.get(), "broker-2 and processor-2 killed with -9, " + RATE + " events/s paced", roles);
    }

    @Test
    @Order(2)
    void connectWorkerKilledAndRestartedMidRunResumesFromConnectsOwnOffsets() throws Exception {
        Settings settings = SharedCluster.settings();
        String connectUrl = SharedCluster.env().get(ClusterEnv.CONNECT_URL);
        long connect = SharedCluster.pids(ClusterEnv.CONNECT_PIDS).get(0);
        AtomicLong killedAt = new AtomicLong();
        long[] storedLsn = {-1};
        CompletableFuture<String> restarted = new CompletableFuture<>();
        Scenario scenario = Scenario.custom(6_000).withBatchSize(100).withDelay(Duration.ofMillis(100));
        ScenarioRun.Result result;
        try {
            result = new ScenarioRun(settings).run(ScenarioRun.Request.of(scenario, StackMode.EXTERNAL)
                    .withPlan(SendPlan.burst(100, Duration.ofMillis(100))).withTimeout(Duration.ofMinutes(5)),
                    killWhen(processed -> processed >= 1_500, killedAt, () -> {
                        storedLsn[0] = storedLsn(connectUrl);
                        kill9(connect);
                        // Restarted while the load goes on: up.sh starts the missing worker and waits until it streams.
                        CompletableFuture.runAsync(() -> {
                            try {
                                restarted.complete(SharedCluster.up());
                            } catch (Exception e) {
                                restarted.completeExceptionally(e);
                            }
                        });
                    }));
        } finally {
            if (killedAt.get() > 0) restarted.get();
        }
        assertThat(killedAt.get()).as("the worker was killed mid-run").isPositive();
        assertThat(storedLsn[0]).as("Connect had stored an offset before the kill").isPositive();
        Set<String> ids = checkComplete(settings, result, 6_000);

        Map<String, List<MetricRecord>> metrics = ClusterAudit.metrics(settings, ids);
        long capturedAfterKill = metrics.values().stream().map(l -> l.get(0)).filter(m -> m.timing().t1() > killedAt.get()).count();
        assertThat(capturedAfterKill).as("events captured by the restarted worker").isPositive();

        // Resumed from Connect's own offsets: what it had stored before the kill is not sent again; what it sent after
        // its last stored offset may be (at least once), and the read models show it once.
        List<ClusterAudit.TopicRecord> records = ClusterAudit.outboxRecords(settings, ids);
        Map<String, List<ClusterAudit.TopicRecord>> byEvent = records.stream().collect(Collectors.groupingBy(ClusterAudit.TopicRecord::eventId));
        assertThat(byEvent.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        List<String> resentBeforeStored = byEvent.values().stream().filter(l -> l.size() > 1 && l.get(0).lsn() <= storedLsn[0])
                .map(l -> l.get(0).eventId() + "@" + l.get(0).lsn()).toList();
        assertThat(resentBeforeStored).as("events at or before Connect's stored offset (lsn %d) sent twice", storedLsn[0]).isEmpty();
        // Connect stores its offsets every second, for what it has sent. When the worker had sent everything before it
        // was killed, nothing after the restart moved them on unless the server's WAL moved (its heartbeats carry the
        // WAL's position): one more event, after the run, does, and shows the restarted worker storing offsets.
        try (OutboxWriter writer = OutboxWriter.open(settings)) {
            writer.insert(new EventGenerator(EventGenerator.randomSeed()).mixed(1));
        }
        assertThat(storedLsnBeyond(connectUrl, storedLsn[0], Duration.ofSeconds(30)))
                .as("Connect's offset moved on after the restart").isGreaterThan(storedLsn[0]);

        checkT2IsTheBrokersAppendTime(settings, ids, metrics, result);
        long resent = byEvent.values().stream().filter(l -> l.size() > 1).count();
        record(result, metrics, killedAt.get(), "connect-1 killed with -9, restarted by up.sh; events sent twice by Connect: " + resent,
                Map.of());
    }

    /** A listener that runs {@code kill} once, the first time the run's processed count satisfies {@code when}. */
    private static ScenarioRun.Listener killWhen(LongPredicate when, AtomicLong killedAt, Runnable kill) {
        return new ScenarioRun.Listener() {
            @Override
            public void progress(Progress p) {
                if (killedAt.get() == 0 && p.snapshot() != null && when.test(p.snapshot().processed())) {
                    killedAt.set(Clock.nowMicros());
                    kill.run();
                }
            }
        };
    }

    /** The leader broker of each outbox partition. */
    private static Map<Integer, Integer> leaders(Settings settings) {
        try (Admin admin = Clients.kafkaAdmin(settings.kafkaBootstrapServers(), "cluster-it")) {
            Map<Integer, Integer> out = new HashMap<>();
            admin.describeTopics(List.of(Names.OUTBOX_TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS).get(Names.OUTBOX_TOPIC)
                    .partitions().forEach(p -> out.put(p.partition(), p.leader() == null ? -1 : p.leader().id()));
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("partition leaders: " + e.getMessage(), e);
        }
    }

    /** Which processor wrote each partition's last event before {@code killedAt}. */
    private static Map<Integer, String> owners(Map<String, List<MetricRecord>> metrics, long killedAt) {
        Map<Integer, MetricRecord> last = new HashMap<>();
        for (List<MetricRecord> list : metrics.values()) {
            for (MetricRecord m : list) {
                if (m.timing().t5() <= killedAt) last.merge(m.partition(), m, (a, b) -> a.timing().t5() >= b.timing().t5() ? a : b);
            }
        }
        Map<Integer, String> out = new HashMap<>();
        last.forEach((p, m) -> out.put(p, m.processorId()));
        return out;
    }

    private static void kill9(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** The run's events: every one processed, none dead-lettered, the read models complete, in order, without duplicates. */
    private static Set<String> checkComplete(Settings settings, ScenarioRun.Result result, int events) throws Exception {
        assertThat(result.load().eventsSent()).isEqualTo(events);
        assertThat(result.outcome().missing()).as("events without an outcome").isEmpty();
        assertThat(result.last().deadLettered()).isZero();
        assertThat(result.last().processed()).isEqualTo(events);
        assertThat(result.integrity().match()).as("integrity: %s", result.integrity()).isTrue();
        Set<String> ids = new HashSet<>(result.load().timings().keySet().stream().map(Object::toString).toList());
        assertThat(ids).hasSize(events);
        assertThat(ClusterAudit.readModelProblems(settings, ids)).isEmpty();
        return ids;
    }

    /** Every metric record's T2 is the LogAppendTime of the outbox record (partition, offset) it was processed from. */
    private static void checkT2IsTheBrokersAppendTime(Settings settings, Set<String> ids, Map<String, List<MetricRecord>> metrics,
            ScenarioRun.Result result) {
        Map<String, ClusterAudit.TopicRecord> byPosition = new HashMap<>();
        for (ClusterAudit.TopicRecord r : ClusterAudit.outboxRecords(settings, ids)) {
            assertThat(r.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
            byPosition.put(r.partition() + "/" + r.offset(), r);
        }
        assertThat(metrics.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        for (List<MetricRecord> list : metrics.values()) {
            for (MetricRecord m : list) {
                ClusterAudit.TopicRecord r = byPosition.get(m.partition() + "/" + m.offset());
                assertThat(r).as("the record of %s at %d/%d", m.eventId(), m.partition(), m.offset()).isNotNull();
                assertThat(r.eventId()).isEqualTo(m.eventId());
                assertThat(m.timing().t2()).as("T2 of %s", m.eventId()).isEqualTo(r.timestamp() * 1_000L);
            }
        }
        // Metric records name their T2 source when the processor passes it on: then it must be the broker's append time.
        assertThat(result.report().t2().source()).isEqualTo(T2Source.BROKER_APPEND_TIME.key());
    }

    /** Connect's stored LSN once it is beyond {@code lsn}, or the last one seen when {@code patience} ran out. */
    private static long storedLsnBeyond(String connectUrl, long lsn, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long stored = storedLsn(connectUrl);
        while (stored <= lsn && System.nanoTime() < deadline) {
            Thread.sleep(250);
            stored = storedLsn(connectUrl);
        }
        return stored;
    }

    /** lsn of the connector's offset as Kafka Connect stores it (its REST API). */
    private static long storedLsn(String connectUrl) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(connectUrl + "/connectors/" + Names.CONNECTOR_NAME + "/offsets")).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode offsets = JSON.readTree(r.body()).path("offsets");
            return offsets.isEmpty() ? -1 : offsets.get(0).path("offset").path("lsn").asLong(-1);
        } catch (Exception e) {
            throw new IllegalStateException("Connect's offsets at " + connectUrl + ": " + e.getMessage(), e);
        }
    }

    /**
     * What the fault cost, from the run's own metric records (each event's first outcome): per outbox partition the
     * longest pause in MongoDB writes that ended after the kill (a partition keeps writing what it had polled, then
     * waits for a new leader or owner); recovery, from the kill to the end of the longest such pause; how many events
     * finished after the kill took longer end to end than 99% of those finished in the {@value #BASELINE_SECONDS} s
     * before it; and how many were redelivered (processed again, applied once).
     */
    private static void record(ScenarioRun.Result result, Map<String, List<MetricRecord>> metrics, long killedAt, String fault,
            Map<Integer, String> roles) throws Exception {
        Map<Integer, List<Long>> writes = new HashMap<>();
        List<Long> before = new ArrayList<>();
        List<Long> after = new ArrayList<>();
        long redelivered = 0;
        for (List<MetricRecord> list : metrics.values()) {
            redelivered += list.size() - 1;
            MetricRecord first = first(list);
            writes.computeIfAbsent(first.partition(), k -> new ArrayList<>()).add(first.timing().t5());
            long t5 = first.timing().t5();
            if (t5 > killedAt) after.add(t5 - first.timing().t0());
            else if (t5 > killedAt - BASELINE_SECONDS * 1_000_000L) before.add(t5 - first.timing().t0());
        }
        Collections.sort(before);
        long p99Before = before.isEmpty() ? 0 : before.get((int) Math.min(before.size() - 1, Math.ceil(before.size() * 0.99) - 1));
        long delayed = after.stream().filter(e2e -> e2e > p99Before).count();
        long worst = after.stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder text = new StringBuilder(fault).append('\n');
        text.append(String.format("  events %,d: lost 0, applied twice 0 (read models audited); redelivered (processed again, applied once) %,d%n",
                metrics.size(), redelivered));
        long recoveredAt = killedAt;
        StringBuilder partitions = new StringBuilder();
        for (int p : new TreeSet<>(writes.keySet())) {
            List<Long> t5 = writes.get(p);
            Collections.sort(t5);
            long from = killedAt;
            long to = killedAt;
            for (int i = 1; i < t5.size(); i++) {
                if (t5.get(i) > killedAt && t5.get(i) - t5.get(i - 1) > to - from) {
                    from = t5.get(i - 1);
                    to = t5.get(i);
                }
            }
            recoveredAt = Math.max(recoveredAt, to);
            partitions.append(String.format("    partition %d%s: longest pause in writes %.1f s, from %+.1f s to %+.1f s after the kill%n", p,
                    roles.containsKey(p) ? " (" + roles.get(p) + ")" : "", (to - from) / 1e6, (from - killedAt) / 1e6, (to - killedAt) / 1e6));
        }
        text.append(String.format("  recovery: %.1f s from the kill to the end of the longest pause%n", (recoveredAt - killedAt) / 1e6));
        text.append(partitions);
        text.append(String.format("  delayed: %,d of the %,d events finished after the kill took longer end to end than 99%% of those finished"
                + " in the %d s before it (%.0f ms); the worst took %.0f ms%n", delayed, after.size(), BASELINE_SECONDS, p99Before / 1e3, worst / 1e3));
        text.append(String.format("  run: %.0f events/s average, end to end p50 %.0f ms, p99 %.0f ms, T2 source %s%n",
                result.report().throughput().averageEps(), result.report().latencyMs().get("end_to_end").p50(),
                result.report().latencyMs().get("end_to_end").p99(), result.report().t2().source()));
        System.out.print(text);
        Files.createDirectories(RESULTS);
        String name = fault.substring(0, fault.indexOf(' '));
        Files.writeString(RESULTS.resolve(name + ".txt"), text);
        ReportWriter.write(result.report(), RESULTS.resolve(name + ".json"));
    }

    /** The record of an event's first outcome. */
    private static MetricRecord first(List<MetricRecord> list) {
        return list.stream().min(Comparator.comparingLong(m -> m.timing().t5())).orElseThrow();
    }
}
