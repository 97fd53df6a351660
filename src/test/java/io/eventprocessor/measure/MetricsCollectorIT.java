package io.eventprocessor.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.StackMode;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.report.Report;
import io.eventprocessor.report.ReportWriter;
import io.eventprocessor.report.RunEnvironment;
import io.eventprocessor.report.RunScenario;
import io.eventprocessor.testing.MetricSamples;
import io.eventprocessor.testing.SharedStack;
import io.eventprocessor.verify.IntegrityResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector against the shared stack's real Kafka: hand-made metric records published on the metrics topic
 * (other tests publish there too, so the collector counts only this test's registered events).
 */
@ExtendWith(SharedStack.class)
class MetricsCollectorIT {

    @Test
    void readsPublishedMetricsIntoCountsAndPercentiles(Settings settings, @TempDir Path dir) throws Exception {
        // 100 processed events with end_to_end 1..100 ms, 3 dead-lettered, one event never published.
        List<MetricRecord> records = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Map<String, Long> intended = new HashMap<>();
        long base = Clock.nowMicros();
        for (int i = 1; i <= 100; i++) {
            String id = MetricSamples.id();
            long t0 = base + i * 1_000L;
            // cdc 10%, kafka 20%, wait 30%, processing 40% of i ms.
            records.add(MetricSamples.processed(id, MetricSamples.type(i), t0, i * 100L, i * 200L, i * 300L, i * 400L));
            intended.put(id, t0 - 5_000);
            ids.add(id);
        }
        for (int i = 0; i < 3; i++) {
            String id = MetricSamples.id();
            records.add(MetricSamples.deadLettered(id, Names.ACTIVITY_CREATED));
            ids.add(id);
        }
        String neverSent = MetricSamples.id();

        // Published before the collector's start instant: not part of this run, even though registered below.
        MetricRecord earlier = MetricSamples.processed(MetricSamples.id(), Names.USER_CREATED, base, 1, 1, 1, 1);
        publish(settings, List.of(earlier));
        Thread.sleep(20);
        Instant from = Instant.now();
        // Published after the start instant but before the collector runs: offsetsForTimes must find them.
        publish(settings, records.subList(0, 50));

        MetricsCollector.Options options = MetricsCollector.Options.from(settings.kafkaBootstrapServers(), from)
                .countingOnlyRegistered();
        try (MetricsCollector collector = MetricsCollector.start(options)) {
            collector.registerIntended(intended);
            collector.expect(ids);
            collector.expect(List.of(neverSent, earlier.eventId()));
            // Published while the collector is still starting: nothing in between may be skipped.
            publish(settings, records.subList(50, records.size()));
            publish(settings, records.subList(0, 10)); // redelivered: must not count twice

            AwaitResult done = collector.awaitOutcomes(ids, Duration.ofSeconds(60));
            assertThat(done.missing()).isEmpty();
            AwaitResult partial = collector.awaitOutcomes(List.of(ids.get(0), neverSent, earlier.eventId()), Duration.ofMillis(200));
            assertThat(partial.missing()).containsExactlyInAnyOrder(neverSent, earlier.eventId());

            awaitDuplicates(collector, 10);
            Snapshot s = collector.snapshot();
            assertThat(collector.failure()).isNull();
            assertThat(s.processed()).isEqualTo(100);
            assertThat(s.deadLettered()).isEqualTo(3);
            assertThat(s.duplicates()).isEqualTo(10);
            assertThat(s.processedByType()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    Names.USER_CREATED, 33L, Names.ACTIVITY_CREATED, 34L, Names.PARTICIPANT_JOINED, 33L));
            assertThat(s.deadLetteredByType()).containsExactlyInAnyOrderEntriesOf(Map.of(Names.ACTIVITY_CREATED, 3L));

            StageSummary e2e = s.latency().get(Stage.END_TO_END);
            assertThat(e2e.count()).isEqualTo(100);
            assertThat(e2e.min()).isCloseTo(1.0, within(0.01));
            assertThat(e2e.p50()).isCloseTo(50.0, within(0.05));
            assertThat(e2e.p99()).isCloseTo(99.0, within(0.1));
            assertThat(e2e.max()).isCloseTo(100.0, within(0.1));
            assertThat(s.latency().get(Stage.PROCESSING).p50()).isCloseTo(20.0, within(0.02));
            assertThat(s.latency().get(Stage.CDC_CAPTURE).p50()).isCloseTo(5.0, within(0.01));
            assertThat(s.endToEndFromIntended()).hasValueSatisfying(x -> assertThat(x.p50()).isCloseTo(55.0, within(0.06)));
            assertThat(s.recent()).hasSize(100); // the ring's default capacity
            assertThat(s.throughput().averageEps()).isCloseTo(100 / s.processingSeconds(), within(1e-6));

            // The lag of the processor's group comes from the Admin API; the group may not exist in this stack.
            assertThat(collector.measureLag()).allSatisfy(l -> assertThat(l.lag()).isNotNegative());

            // End to end through the report writer, with the verifier's and environment's parts measured too.
            Report report = Report.build(RunScenario.burst("collector_it", 104, 100), 104, s, collector.curves(),
                    new IntegrityResult(0, Map.of(), Map.of(Names.USERS, 0L, Names.ACTIVITIES, 0L,
                            Names.STATISTICS, 0L), List.of(), 0, List.of(), true),
                    RunEnvironment.probe(settings, StackMode.EMBEDDED));
            assertThat(report.events().failed()).isEqualTo(1);
            assertThat(report.environment().versions().get("postgresql")).doesNotStartWith("unknown");
            assertThat(report.environment().versions().get("mongodb")).doesNotStartWith("unknown");
            ReportWriter.Written w = ReportWriter.write(report, dir.resolve("report.json"));
            assertThat(Files.readString(w.json())).contains("\"end_to_end_from_intended\"");
        }
    }

    /** A run waits for its collector before its first insert: started means positioned, and what follows is read. */
    @Test
    void startsAndThenReadsWhatIsPublished(Settings settings) throws Exception {
        MetricsCollector.Options options = MetricsCollector.Options.from(settings.kafkaBootstrapServers(), Instant.now())
                .countingOnlyRegistered();
        try (MetricsCollector collector = MetricsCollector.start(options)) {
            assertThat(collector.awaitStarted(Duration.ofSeconds(60))).isTrue();
            String id = MetricSamples.id();
            collector.expect(List.of(id));
            publish(settings, List.of(MetricSamples.processed(id, Names.USER_CREATED, Clock.nowMicros(), 1, 1, 1, 1)));
            assertThat(collector.awaitOutcomes(List.of(id), Duration.ofSeconds(60)).missing()).isEmpty();
        }
    }

    /** Without a broker the collector never starts, and waiting for it ends at the bound. */
    @Test
    void aCollectorWithoutABrokerHoldsNobodyPastTheBound() throws Exception {
        MetricsCollector.Options options = MetricsCollector.Options.from("127.0.0.1:1", Instant.now()).countingOnlyRegistered();
        try (MetricsCollector collector = MetricsCollector.start(options)) {
            assertThat(collector.awaitStarted(Duration.ofMillis(300))).isFalse();
        }
    }

    private static void awaitDuplicates(MetricsCollector collector, long n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (collector.snapshot().duplicates() < n && System.nanoTime() < deadline) Thread.sleep(20);
    }

    private static void publish(Settings settings, List<MetricRecord> records) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", settings.kafkaBootstrapServers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (MetricRecord m : records) producer.send(new ProducerRecord<>(Names.METRICS_TOPIC, m.eventId(), m.toJsonLine()));
            producer.flush();
        }
    }
}
