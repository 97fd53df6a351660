package io.eventprocessor.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.ReadModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.bson.Document;

/**
 * What the cluster tests check after a run, read from the services themselves: the outbox topic's records, every
 * metric record the processors published, and the read models against the outbox, aggregate by aggregate.
 */
final class ClusterAudit {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterAudit() {}

    /** One record of the outbox topic: where it is, its timestamp, and the event and WAL position it carries. */
    record TopicRecord(String eventId, int partition, long offset, long timestamp, TimestampType timestampType, long lsn) {}

    /** Every record of the outbox topic that carries one of {@code ids} (a record sent twice appears twice). */
    static List<TopicRecord> outboxRecords(Settings s, Set<String> ids) {
        List<TopicRecord> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : readAll(s, Names.OUTBOX_TOPIC)) {
            if (r.value() == null) continue;
            try {
                JsonNode payload = JSON.readTree(r.value()).path("payload");
                String id = payload.path("after").path("event_id").asText(null);
                if (id != null && ids.contains(id)) {
                    out.add(new TopicRecord(id, r.partition(), r.offset(), r.timestamp(), r.timestampType(), payload.path("source").path("lsn").asLong()));
                }
            } catch (Exception e) {
                throw new IllegalStateException("unreadable outbox record at " + r.partition() + "/" + r.offset(), e);
            }
        }
        return out;
    }

    /** Every metric record of {@code ids}, redeliveries included, in the order each partition of the metrics topic has them. */
    static Map<String, List<MetricRecord>> metrics(Settings s, Set<String> ids) {
        Map<String, List<MetricRecord>> out = new HashMap<>();
        for (ConsumerRecord<String, String> r : readAll(s, Names.METRICS_TOPIC)) {
            MetricRecord m = MetricRecord.fromJson(r.value());
            if (m.eventId() != null && ids.contains(m.eventId())) out.computeIfAbsent(m.eventId(), k -> new ArrayList<>()).add(m);
        }
        return out;
    }

    private static List<ConsumerRecord<String, String>> readAll(Settings s, String topic) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> c = Clients.textConsumer(s.kafkaBootstrapServers(), "cluster-audit", null)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : c.partitionsFor(topic, Duration.ofSeconds(30))) partitions.add(new TopicPartition(topic, p.partition()));
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp, Duration.ofSeconds(30)) < ends.get(tp))) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("could not read " + topic + " to its end");
                c.poll(Duration.ofMillis(500)).forEach(all::add);
            }
        }
        return all;
    }

    /**
     * For every aggregate of the run, the read model against the outbox: its document lists exactly the aggregate's
     * events in the order they were inserted (metadata.event_ids, in the order the processor applied them), and an
     * activity's participants are exactly its joins, in order, each user once. Returns one sentence per problem (empty when
     * the read models are complete, in order and without duplicates).
     */
    static List<String> readModelProblems(Settings s, Collection<String> ids) throws Exception {
        Map<String, List<String>> eventsByAggregate = new LinkedHashMap<>();
        // The joins that add a participant: a user's second join of the same activity records only its event id.
        Map<String, List<String>> joinsByActivity = new HashMap<>();
        Map<String, Set<String>> joinedUsers = new HashMap<>();
        Map<String, String> typeOfAggregate = new HashMap<>();
        try (Connection c = Clients.postgres(s);
                PreparedStatement ps = c.prepareStatement("SELECT event_id::text, aggregate_id::text, event_type, payload->>'user_id' FROM "
                        + Names.OUTBOX_QUALIFIED + " WHERE event_id = ANY(?) ORDER BY created_at, event_id")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    String aggregate = rs.getString(2);
                    String type = rs.getString(3);
                    eventsByAggregate.computeIfAbsent(aggregate, k -> new ArrayList<>()).add(id);
                    typeOfAggregate.put(aggregate, type.equals(Names.USER_CREATED) ? Names.USERS : Names.ACTIVITIES);
                    if (type.equals(Names.PARTICIPANT_JOINED) && joinedUsers.computeIfAbsent(aggregate, k -> new HashSet<>()).add(rs.getString(4))) {
                        joinsByActivity.computeIfAbsent(aggregate, k -> new ArrayList<>()).add(id);
                    }
                }
            }
        }
        List<String> problems = new ArrayList<>();
        if (eventsByAggregate.values().stream().mapToInt(List::size).sum() != ids.size()) {
            problems.add("the outbox holds " + eventsByAggregate.values().stream().mapToInt(List::size).sum() + " of the run's " + ids.size() + " events");
        }
        Set<String> runIds = new HashSet<>(ids);
        try (MongoClient mongo = Clients.mongo(s)) {
            MongoDatabase db = mongo.getDatabase(s.mongoDatabase());
            Map<String, Document> docs = new HashMap<>();
            List<String> aggregates = new ArrayList<>(eventsByAggregate.keySet());
            for (int i = 0; i < aggregates.size(); i += 100) {
                List<String> chunk = aggregates.subList(i, Math.min(aggregates.size(), i + 100));
                for (String collection : List.of(Names.USERS, Names.ACTIVITIES)) {
                    db.getCollection(collection).find(Filters.in(ReadModel.ID, chunk)).forEach(d -> docs.put(String.valueOf(d.get(ReadModel.ID)), d));
                }
            }
            for (var e : eventsByAggregate.entrySet()) {
                String aggregate = e.getKey();
                Document d = docs.get(aggregate);
                if (d == null) {
                    problems.add(typeOfAggregate.get(aggregate) + " " + aggregate + ": no document");
                    continue;
                }
                List<String> applied = strings(d.get(ReadModel.METADATA, Document.class).get("event_ids"));
                applied.removeIf(id -> !runIds.contains(id));
                if (!applied.equals(e.getValue())) {
                    problems.add(aggregate + ": events applied " + applied + ", inserted " + e.getValue());
                }
                List<String> joins = joinsByActivity.getOrDefault(aggregate, List.of());
                if (!joins.isEmpty() || typeOfAggregate.get(aggregate).equals(Names.ACTIVITIES)) {
                    Document participants = d.get(ReadModel.PARTICIPANTS, Document.class);
                    List<Document> list = participants == null ? List.of() : participants.getList("list", Document.class);
                    List<String> joined = new ArrayList<>();
                    Set<String> users = new HashSet<>();
                    for (Document p : list) {
                        joined.add(String.valueOf(p.get("event_id")));
                        if (!users.add(String.valueOf(p.get("user_id")))) problems.add(aggregate + ": user " + p.get("user_id") + " joined twice");
                    }
                    if (!joined.equals(joins)) problems.add(aggregate + ": participants from " + joined + ", joins inserted " + joins);
                    Object count = participants == null ? null : participants.get("count");
                    if (!(count instanceof Number n) || n.longValue() != list.size()) {
                        problems.add(aggregate + ": participants.count " + count + " for " + list.size() + " in the list");
                    }
                }
            }
        }
        return problems;
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> l) for (Object o : l) out.add(String.valueOf(o));
        return out;
    }
}
