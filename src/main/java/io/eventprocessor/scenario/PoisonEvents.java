package io.eventprocessor.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.FailureKind;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.ReadModel;
import io.eventprocessor.outbox.OutboxEvent;
import io.eventprocessor.outbox.OutboxWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

/**
 * Poison events of every {@link FailureKind}, for a fault run: each must end in the dead-letter topic with its reason,
 * and nothing else may stop. Five kinds go through the outbox, as an application's bad row would (and through Debezium):
 * an unknown event type, a payload the handler rejects, a payload that is not an object, a payload over the size limit,
 * and a join MongoDB cannot take (its activity's participants were corrupted beforehand). Two go straight to the topic,
 * as only a foreign producer could send them: a value that is not JSON, and JSON that is not a change event.
 *
 * <p>{@link #plan} makes them, {@link Plan#inject} writes them, {@link Plan#countDeadLetters} counts, from the DLQ, how
 * many of them arrived there by kind: the figure a test or a report compares with what was injected.
 */
public final class PoisonEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Over EnvelopeParser's 256 KiB payload limit, well under Kafka's 1 MiB message limit. */
    private static final int OVERSIZED_PAYLOAD_CHARS = 300 * 1024;
    /** The failure kinds a plan covers: one of each is the smallest plan. */
    public static final int KINDS = 7;

    private PoisonEvents() {}

    /**
     * The poison to inject.
     *
     * @param outbox rows for the outbox, each with the kind it must be dead-lettered as
     * @param topic values for the outbox topic, keyed by a key of their own
     * @param corruptActivities activities whose participants are made unreadable before the joins on them are written
     */
    public record Plan(Map<OutboxEvent, FailureKind> outbox, Map<String, FailureKind> topic, List<String> corruptActivities) {
        /** Event ids of the outbox rows: register them with a collector before injecting, so their outcomes are counted. */
        public List<String> eventIds() {
            return outbox.keySet().stream().map(e -> e.eventId().toString()).toList();
        }

        /** How many of each kind this plan injects. */
        public Map<FailureKind, Long> expected() {
            Map<FailureKind, Long> n = new EnumMap<>(FailureKind.class);
            outbox.values().forEach(k -> n.merge(k, 1L, Long::sum));
            topic.values().forEach(k -> n.merge(k, 1L, Long::sum));
            return n;
        }

        public int size() {
            return outbox.size() + topic.size();
        }

        /** Writes the plan: the corrupt activities in MongoDB, the rows in the outbox (one transaction), the records on the topic. */
        public void inject(Settings settings) throws Exception {
            try (MongoClient mongo = Clients.mongo(settings)) {
                var activities = mongo.getDatabase(settings.mongoDatabase()).getCollection(Names.ACTIVITIES);
                for (String id : corruptActivities) activities.insertOne(new Document(ReadModel.ID, id).append(ReadModel.PARTICIPANTS, "corrupt"));
            }
            try (OutboxWriter writer = OutboxWriter.open(settings)) {
                writer.insert(new ArrayList<>(outbox.keySet()));
            }
            try (KafkaProducer<byte[], byte[]> producer = Clients.bytesProducer(settings.kafkaBootstrapServers(), "poison-injector")) {
                for (Map.Entry<String, FailureKind> t : topic.entrySet()) {
                    byte[] value = t.getValue() == FailureKind.UNPARSEABLE_JSON ? "poison: not JSON {".getBytes(StandardCharsets.UTF_8)
                            : "{\"poison\": \"JSON, but not a change event\"}".getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(Names.OUTBOX_TOPIC, t.getKey().getBytes(StandardCharsets.UTF_8), value)).get();
                }
            }
        }

        /**
         * Reads the dead-letter topic from {@code since} until every injected event is there or {@code timeout} passes, and
         * counts those of this plan by the kind they were dead-lettered as.
         */
        public Map<FailureKind, Long> countDeadLetters(Settings settings, Instant since, Duration timeout) throws IOException {
            Set<String> ids = new HashSet<>(eventIds());
            Set<String> seen = new HashSet<>();
            Map<FailureKind, Long> counted = new EnumMap<>(FailureKind.class);
            Map<String, FailureKind> byKey = new HashMap<>();
            for (FailureKind k : FailureKind.values()) byKey.put(k.key(), k);
            try (KafkaConsumer<byte[], byte[]> dlq = Clients.bytesConsumer(settings.kafkaBootstrapServers(), "poison-counter-" + UUID.randomUUID(), null)) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (PartitionInfo p : dlq.partitionsFor(Names.DLQ_TOPIC, Duration.ofSeconds(10))) partitions.add(new TopicPartition(p.topic(), p.partition()));
                dlq.assign(partitions);
                Map<TopicPartition, Long> query = new HashMap<>();
                for (TopicPartition tp : partitions) query.put(tp, since.toEpochMilli());
                Map<TopicPartition, OffsetAndTimestamp> from = dlq.offsetsForTimes(query, Duration.ofSeconds(10));
                Map<TopicPartition, Long> ends = dlq.endOffsets(partitions, Duration.ofSeconds(10));
                for (TopicPartition tp : partitions) dlq.seek(tp, from.get(tp) != null ? from.get(tp).offset() : ends.get(tp));
                long deadline = System.nanoTime() + timeout.toNanos();
                while (seen.size() < size() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : dlq.poll(Duration.ofMillis(200))) {
                        JsonNode letter = JSON.readTree(r.value());
                        String id = letter.path("event_id").isTextual() ? letter.path("event_id").asText() : null;
                        String key = letter.path("original").path("key").asText(null);
                        String mine = id != null && ids.contains(id) ? id : key != null && topic.containsKey(key) ? key : null;
                        if (mine == null || !seen.add(mine)) continue;
                        FailureKind kind = byKey.get(letter.path("error_kind").asText());
                        if (kind != null) counted.merge(kind, 1L, Long::sum);
                    }
                }
            }
            return counted;
        }
    }

    /** {@code n} poison events (at least one of each kind), the kinds in turn. */
    public static Plan plan(int n) {
        Map<OutboxEvent, FailureKind> outbox = new HashMap<>();
        Map<String, FailureKind> topic = new HashMap<>();
        List<String> corrupt = new ArrayList<>();
        FailureKind[] kinds = {FailureKind.UNKNOWN_EVENT_TYPE, FailureKind.INVALID_EVENT, FailureKind.INVALID_FIELD, FailureKind.PAYLOAD_TOO_LARGE,
            FailureKind.WRITE_FAILED, FailureKind.UNPARSEABLE_JSON, FailureKind.INVALID_ENVELOPE};
        int total = Math.max(n, kinds.length);
        for (int i = 0; i < total; i++) {
            FailureKind kind = kinds[i % kinds.length];
            UUID aggregate = UUID.randomUUID();
            switch (kind) {
                case UNKNOWN_EVENT_TYPE -> outbox.put(event(aggregate, "User", "PoisonUnknownType", "{\"poison\": true}"), kind);
                case INVALID_EVENT -> outbox.put(event(aggregate, "User", Names.USER_CREATED, "{\"email\": \"not-an-email\"}"), kind);
                case INVALID_FIELD -> outbox.put(event(aggregate, "User", Names.USER_CREATED, "[\"a payload that is not an object\"]"), kind);
                case PAYLOAD_TOO_LARGE -> outbox.put(event(aggregate, "User", Names.USER_CREATED,
                        "{\"username\": \"big\", \"bio\": \"" + "x".repeat(OVERSIZED_PAYLOAD_CHARS) + "\"}"), kind);
                case WRITE_FAILED -> {
                    corrupt.add(aggregate.toString());
                    outbox.put(event(aggregate, "Activity", Names.PARTICIPANT_JOINED, "{\"user_id\": \"" + UUID.randomUUID() + "\"}"), kind);
                }
                default -> topic.put("poison-" + UUID.randomUUID(), kind);
            }
        }
        return new Plan(outbox, topic, corrupt);
    }

    private static OutboxEvent event(UUID aggregate, String aggregateType, String type, String payload) {
        return new OutboxEvent(UUID.randomUUID(), aggregate, aggregateType, type, payload);
    }
}
