package io.eventprocessor.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.contract.FailureKind;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Names;
import io.eventprocessor.stack.LocalStack;
import io.eventprocessor.testing.SharedStack;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rows inserted with JDBC come out of the real Kafka topic as Debezium envelopes, with every timestamp. */
@ExtendWith(SharedStack.class)
class CaptureIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void insertedRowsArriveOnTheTopicAsEnvelopesWithTimestamps(Settings settings) throws Exception {
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        UUID aggregate = UUID.randomUUID();
        try (KafkaConsumer<String, String> consumer = consumerAtEnd(settings)) {
            insert(settings, ids, aggregate);
            Map<String, ConsumerRecord<String, String>> seen = drain(consumer, ids.size(), ids);

            assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
            for (ConsumerRecord<String, String> r : seen.values()) {
                JsonNode envelope = JSON.readTree(r.value());
                assertThat(envelope.path("op").asText()).isEqualTo("c");
                assertThat(envelope.path("ts_us").asLong()).isPositive();
                assertThat(envelope.path("source").path("ts_us").asLong()).isPositive();
                JsonNode after = envelope.path("after");
                assertThat(after.path("created_at").asText()).as("T0 as ISO text").matches("\\d{4}-\\d\\d-\\d\\dT.*");
                assertThat(after.path("aggregate_id").asText()).isEqualTo(aggregate.toString());
                assertThat(JSON.readTree(after.path("payload").asText()).path("n").isInt()).isTrue();
                assertThat(JSON.readTree(r.key()).path("aggregate_id").asText()).as("keyed by aggregate").isEqualTo(aggregate.toString());
                assertThat(r.headers().lastHeader(EnvelopeParser.T2_HEADER)).as("T2 header").isNotNull();
                long t2 = Long.parseLong(new String(r.headers().lastHeader(EnvelopeParser.T2_HEADER).value(), StandardCharsets.US_ASCII));
                assertThat(t2).isGreaterThanOrEqualTo(envelope.path("ts_us").asLong());
            }
        }
    }

    /** A row whose change event Kafka cannot take stops nothing: its reference goes to the dead-letter topic, with a metric. */
    @Test
    void aChangeEventTooLargeForKafkaIsDeadLetteredAndTheStreamGoesOn(Settings settings) throws Exception {
        UUID huge = UUID.randomUUID();
        List<UUID> after = List.of(UUID.randomUUID(), UUID.randomUUID());
        try (KafkaConsumer<String, String> outbox = consumerAtEnd(settings);
                KafkaConsumer<String, String> dlq = consumerAtEnd(settings, Names.DLQ_TOPIC);
                KafkaConsumer<String, String> metrics = consumerAtEnd(settings, Names.METRICS_TOPIC)) {
            // 2 MB of payload: twice the producer's max.request.size.
            insertPayload(settings, huge, "{\"blob\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}");
            insert(settings, after, UUID.randomUUID());

            assertThat(drain(outbox, after.size(), after).keySet()).as("rows after the oversize one")
                    .containsExactlyInAnyOrderElementsOf(after.stream().map(UUID::toString).toList());
            JsonNode letter = first(dlq, r -> huge.toString().equals(json(r.value()).path("event_id").asText()));
            assertThat(letter.path("error_kind").asText()).isEqualTo(FailureKind.PAYLOAD_TOO_LARGE.key());
            assertThat(letter.path("original").path("value_characters").asInt()).isGreaterThan(2 * 1024 * 1024);
            assertThat(letter.path("original").path("value_head").asText()).hasSizeLessThanOrEqualTo(1024).contains(huge.toString());
            JsonNode metric = first(metrics, r -> huge.toString().equals(r.key()));
            assertThat(metric.path("status").asText()).isEqualTo(MetricRecord.STATUS_DEAD_LETTERED);
            assertThat(metric.path("error_kind").asText()).isEqualTo(FailureKind.PAYLOAD_TOO_LARGE.key());
        }
    }

    /** The first record (within 30 s) matching {@code wanted}, as JSON; fails when none comes. */
    private static JsonNode first(KafkaConsumer<String, String> consumer, Predicate<ConsumerRecord<String, String>> wanted)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.value() != null && wanted.test(r)) return JSON.readTree(r.value());
            }
        }
        throw new AssertionError("no such record within 30 s");
    }

    private static JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    /** The outbox is append-only: a deleted row (the demo's reset deletes them) is no event, and the rows after it are. */
    @Test
    void deletedRowsAreNoEvents(Settings settings) throws Exception {
        List<UUID> deleted = List.of(UUID.randomUUID(), UUID.randomUUID());
        List<UUID> after = List.of(UUID.randomUUID());
        try (KafkaConsumer<String, String> consumer = consumerAtEnd(settings)) {
            insert(settings, deleted, UUID.randomUUID());
            assertThat(drain(consumer, deleted.size(), deleted)).hasSize(deleted.size());
            try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.postgresUser(), settings.postgresPassword());
                    PreparedStatement s = c.prepareStatement("DELETE FROM " + Names.OUTBOX_QUALIFIED + " WHERE event_id = ANY(?)")) {
                s.setArray(1, c.createArrayOf("uuid", deleted.toArray()));
                assertThat(s.executeUpdate()).isEqualTo(deleted.size());
            }
            insert(settings, after, UUID.randomUUID());

            // Everything the topic got after the deletes: the row inserted after them comes last (and a second more is read).
            List<String> ops = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode envelope = r.value() == null ? null : JSON.readTree(r.value());
                    ops.add(envelope == null ? "tombstone" : envelope.path("op").asText());
                    if (envelope != null && after.get(0).toString().equals(envelope.path("after").path("event_id").asText())) {
                        quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                    }
                }
            }
            assertThat(quietUntil).as("the row inserted after the deletes arrived").isNotEqualTo(Long.MAX_VALUE);
            assertThat(ops).as("operations on the topic after the deletes").contains("c").doesNotContain("d", "tombstone");
        }
    }

    @Test
    void rowsWrittenWhileCaptureIsNotRunningAreDeliveredOnceItStartsAndNothingIsReplayed(LocalStack stack) throws Exception {
        Settings settings = stack.settings();
        List<UUID> before = List.of(UUID.randomUUID(), UUID.randomUUID());
        List<UUID> whileDown = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        try (KafkaConsumer<String, String> consumer = consumerAtEnd(settings)) {
            insert(settings, before, UUID.randomUUID());
            assertThat(drain(consumer, before.size(), before)).hasSize(before.size());
            // The relay marks what Kafka acknowledged at its next batch (a heartbeat at the latest), and Debezium flushes
            // the marked offsets on its interval: a stop right after sending could replay the last moments' events
            // (at-least-once). Past both, nothing sent before the stop may come again.
            Thread.sleep(Tuning.DEBEZIUM_HEARTBEAT_INTERVAL_MS + Tuning.DEBEZIUM_OFFSET_FLUSH_INTERVAL_MS + 1_000L);

            stack.stopCapture();
            try {
                // The slot exists before any write is allowed, so PostgreSQL keeps these for Debezium.
                insert(settings, whileDown, UUID.randomUUID());
            } finally {
                stack.startCapture();
            }

            List<UUID> all = new ArrayList<>(before);
            all.addAll(whileDown);
            Map<String, Integer> counts = countUntilQuiet(consumer, all, whileDown.size());
            assertThat(counts.keySet()).as("rows written while capture was down")
                    .containsExactlyInAnyOrderElementsOf(whileDown.stream().map(UUID::toString).toList());
            assertThat(counts.values()).as("each delivered once, nothing replayed").containsOnly(1);
        }
    }

    /** Occurrences of the given event ids until {@code expected} distinct ones were seen and 2 s passed without more. */
    private static Map<String, Integer> countUntilQuiet(KafkaConsumer<String, String> consumer, List<UUID> ids, int expected) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        List<String> wanted = ids.stream().map(UUID::toString).toList();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            boolean any = false;
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.value() == null) continue;
                String id = JSON.readTree(r.value()).path("after").path("event_id").asText();
                if (wanted.contains(id)) {
                    counts.merge(id, 1, Integer::sum);
                    any = true;
                }
            }
            if (any) quietSince = System.nanoTime();
            if (counts.size() >= expected && System.nanoTime() - quietSince > Duration.ofSeconds(2).toNanos()) break;
        }
        return counts;
    }

    static void insertPayload(Settings settings, UUID id, String payload) throws Exception {
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.postgresUser(), settings.postgresPassword());
                PreparedStatement s = c.prepareStatement("INSERT INTO " + Names.OUTBOX_QUALIFIED
                        + " (event_id, aggregate_id, aggregate_type, event_type, payload) VALUES (?, ?, 'Test', 'CaptureTest', ?::jsonb)")) {
            s.setObject(1, id);
            s.setObject(2, UUID.randomUUID());
            s.setString(3, payload);
            s.executeUpdate();
        }
    }

    static void insert(Settings settings, List<UUID> ids, UUID aggregate) throws Exception {
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.postgresUser(), settings.postgresPassword());
                PreparedStatement s = c.prepareStatement("INSERT INTO " + Names.OUTBOX_QUALIFIED
                        + " (event_id, aggregate_id, aggregate_type, event_type, payload) VALUES (?, ?, 'Test', 'CaptureTest', ?::jsonb)")) {
            int n = 0;
            for (UUID id : ids) {
                s.setObject(1, id);
                s.setObject(2, aggregate);
                s.setString(3, "{\"n\": " + n++ + "}");
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    static KafkaConsumer<String, String> consumerAtEnd(Settings settings) {
        return consumerAtEnd(settings, Names.OUTBOX_TOPIC);
    }

    static KafkaConsumer<String, String> consumerAtEnd(Settings settings, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", settings.kafkaBootstrapServers());
        p.put("group.id", "capture-it-" + UUID.randomUUID());
        p.put("auto.offset.reset", "latest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) consumer.poll(Duration.ofMillis(100));
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    /** Envelopes of the given event ids, by event id; waits at most 30 s. */
    static Map<String, ConsumerRecord<String, String>> drain(KafkaConsumer<String, String> consumer, int expected, List<UUID> ids) throws Exception {
        Map<String, ConsumerRecord<String, String>> seen = new HashMap<>();
        List<String> wanted = ids.stream().map(UUID::toString).toList();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seen.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.value() == null) continue;
                String id = JSON.readTree(r.value()).path("after").path("event_id").asText();
                if (wanted.contains(id)) seen.put(id, r);
            }
        }
        return seen;
    }
}
