package io.eventprocessor.processor;

import static io.eventprocessor.testing.Pipeline.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventprocessor.cli.Main;
import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.ReadModel;
import io.eventprocessor.loadgen.EventGenerator;
import io.eventprocessor.loadgen.EventMix;
import io.eventprocessor.loadgen.EventOrder;
import io.eventprocessor.outbox.OutboxEvent;
import io.eventprocessor.stack.LocalStack;
import io.eventprocessor.testing.Pipeline;
import io.eventprocessor.testing.SharedStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The processor on the real embedded pipeline: PostgreSQL -> Debezium -> Kafka -> processor -> MongoDB. */
@ExtendWith(SharedStack.class)
class ProcessorIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Pipeline pipeline;

    @BeforeEach
    void open(Settings settings) {
        pipeline = new Pipeline(settings);
    }

    @AfterEach
    void close() {
        pipeline.close();
    }

    static OutboxEvent event(UUID aggregate, String aggregateType, String type, String payload) {
        return new OutboxEvent(UUID.randomUUID(), aggregate, aggregateType, type, payload);
    }

    static String user(String username) {
        return "{\"email\":\"" + username + "@example.org\",\"username\":\"" + username
                + "\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"bio\":\"analyst\"}";
    }

    static String activity(UUID creator, String title) {
        return "{\"title\":\"" + title + "\",\"description\":\"d\",\"creator_user_id\":\"" + creator
                + "\",\"max_participants\":10,\"location_name\":\"Leeds\",\"location_address\":\"1 Road\","
                + "\"start_date\":\"2030-01-01T10:00:00\",\"timezone\":\"UTC\"}";
    }

    static String joined(UUID user) {
        return "{\"user_id\":\"" + user + "\"}";
    }

    @Test
    void eachEventTypeLandsAsItsReadModel() throws Exception {
        List<OutboxEvent> events = new EventGenerator(EventGenerator.randomSeed()).mixed(20);
        pipeline.insert(events);

        Map<String, List<OutboxEvent>> byType = events.stream().collect(Collectors.groupingBy(OutboxEvent::eventType));
        List<String> userIds = ids(byType.get(Names.USER_CREATED));
        List<String> activityIds = ids(byType.get(Names.ACTIVITY_CREATED));
        await().atMost(WAIT).until(() -> pipeline.find(Names.USERS, userIds).size() == userIds.size()
                && pipeline.find(Names.ACTIVITIES, activityIds).stream().allMatch(a -> "created".equals(a.getString(ReadModel.STATE)))
                && pipeline.find(Names.ACTIVITIES, activityIds).size() == activityIds.size());
        Set<String> joins = byType.get(Names.PARTICIPANT_JOINED).stream().map(e -> e.eventId().toString()).collect(Collectors.toSet());
        await().atMost(WAIT).until(() -> eventIdsIn(Names.ACTIVITIES, activityIds).containsAll(joins));

        OutboxEvent firstUser = byType.get(Names.USER_CREATED).get(0);
        Document user = pipeline.get(Names.USERS, firstUser.aggregateId().toString());
        JsonNode payload = Pipeline.JSON.readTree(firstUser.payload());
        assertThat(user.getString("username")).isEqualTo(payload.get("username").asText());
        assertThat(user.getString("email")).isEqualTo(payload.get("email").asText());
        assertThat(user.get(ReadModel.METADATA, Document.class).getString("source_event_id")).isEqualTo(firstUser.eventId().toString());

        OutboxEvent firstActivity = byType.get(Names.ACTIVITY_CREATED).get(0);
        Document a = pipeline.get(Names.ACTIVITIES, firstActivity.aggregateId().toString());
        JsonNode ap = Pipeline.JSON.readTree(firstActivity.payload());
        assertThat(a.getString("title")).isEqualTo(ap.get("title").asText());
        assertThat(a.getString("creator_id")).isEqualTo(ap.get("creator_user_id").asText());
        assertThat(a.get("location", Document.class).getString("name")).isEqualTo(ap.get("location_name").asText());
        assertThat(a.get("max_participants", Number.class).intValue()).isEqualTo(ap.get("max_participants").asInt());
        for (Document activity : pipeline.find(Names.ACTIVITIES, activityIds)) {
            Document participants = activity.get(ReadModel.PARTICIPANTS, Document.class);
            assertThat(participants.get("count", Number.class).intValue()).isEqualTo(participants.getList("list", Document.class).size());
        }
    }

    @Test
    void aDuplicateDeliveryChangesNothing(LocalStack stack) throws Exception {
        UUID userId = UUID.randomUUID();
        UUID activityId = UUID.randomUUID();
        OutboxEvent join = event(activityId, "Activity", Names.PARTICIPANT_JOINED, joined(userId));
        try (KafkaConsumer<byte[], byte[]> topic = pipeline.consumerAtEnd(Names.OUTBOX_TOPIC)) {
            pipeline.insert(List.of(event(userId, "User", Names.USER_CREATED, user("dup")),
                    event(activityId, "Activity", Names.ACTIVITY_CREATED, activity(userId, "Duplicate test")), join));
            ConsumerRecord<byte[], byte[]> joinRecord = Pipeline.collect(topic, 1,
                    r -> join.eventId().toString().equals(json(r.value()).path("after").path("event_id").asText())).get(0);
            await().atMost(WAIT).until(() -> eventIdsIn(Names.ACTIVITIES, List.of(activityId.toString())).contains(join.eventId().toString()));
            Document before = pipeline.get(Names.ACTIVITIES, activityId.toString());

            try (KafkaConsumer<byte[], byte[]> metrics = pipeline.consumerAtEnd(Names.METRICS_TOPIC)) {
                RecordMetadata copy = redeliver(stack.settings(), joinRecord);
                // The processor's metric for the copy (same event id, the copy's offset): it was processed, not just sent.
                assertThat(Pipeline.collect(metrics, 1, r -> join.eventId().toString().equals(json(r.value()).path("event_id").asText())
                        && json(r.value()).path("offset").asLong() == copy.offset()
                        && json(r.value()).path("partition").asInt() == copy.partition())).as("the redelivered record was processed").hasSize(1);
            }
            Document after = pipeline.get(Names.ACTIVITIES, activityId.toString());
            assertThat(after).isEqualTo(before);
            assertThat(after.get(ReadModel.PARTICIPANTS, Document.class).get("count", Number.class).intValue()).isEqualTo(1);
            // One entry per application: the redelivery was not applied again.
            assertThat(after.get(ReadModel.METADATA, Document.class).getList("event_ids", String.class))
                    .filteredOn(join.eventId().toString()::equals).hasSize(1);
        }
    }

    @Test
    void eventsOfDifferentAggregatesConvergeInAnyOrder() throws Exception {
        UUID userId = UUID.randomUUID();
        UUID activityId = UUID.randomUUID();
        // Participant first, then its activity, then the user: three commits, reverse of the natural order.
        pipeline.insert(List.of(event(activityId, "Activity", Names.PARTICIPANT_JOINED, joined(userId))));
        pipeline.insert(List.of(event(activityId, "Activity", Names.ACTIVITY_CREATED, activity(userId, "Reverse order"))));
        pipeline.insert(List.of(event(userId, "User", Names.USER_CREATED, user("late"))));

        await().atMost(WAIT).until(() -> pipeline.get(Names.USERS, userId.toString()) != null
                && "created".equals(stateOf(activityId)) && participantCount(activityId) == 1);
        Document activity = pipeline.get(Names.ACTIVITIES, activityId.toString());
        assertThat(activity.getString("title")).isEqualTo("Reverse order");
        assertThat(activity.getString("creator_id")).isEqualTo(userId.toString());
        assertThat(activity.get(ReadModel.PARTICIPANTS, Document.class).getList("list", Document.class))
                .extracting(d -> d.getString("user_id")).containsExactly(userId.toString());
        assertThat(activity.get(ReadModel.METADATA, Document.class).getList("event_ids", String.class)).hasSize(2);
    }

    @Test
    void poisonEventsGoToTheDeadLetterTopicWithTheirReasonAndGoodEventsAroundThemAreProcessed(LocalStack stack) throws Exception {
        UUID good1 = UUID.randomUUID();
        UUID good2 = UUID.randomUUID();
        OutboxEvent unknown = event(UUID.randomUUID(), "Thing", "SomethingHappened", "{\"x\":1}");
        OutboxEvent invalid = event(UUID.randomUUID(), "Activity", Names.ACTIVITY_CREATED, "{\"description\":\"no title, no creator\"}");
        OutboxEvent oversized = event(UUID.randomUUID(), "User", Names.USER_CREATED,
                user("big").replace("\"bio\":\"analyst\"", "\"bio\":\"" + "x".repeat(300 * 1024) + "\""));
        String garbageKey = "garbage-" + UUID.randomUUID();
        try (KafkaConsumer<byte[], byte[]> dlq = pipeline.consumerAtEnd(Names.DLQ_TOPIC)) {
            pipeline.insert(List.of(event(good1, "User", Names.USER_CREATED, user("before")), unknown, invalid, oversized));
            try (KafkaProducer<byte[], byte[]> producer = producer(stack.settings())) {
                producer.send(new ProducerRecord<>(Names.OUTBOX_TOPIC, garbageKey.getBytes(StandardCharsets.UTF_8),
                        "{not json".getBytes(StandardCharsets.UTF_8))).get();
            }
            pipeline.insert(List.of(event(good2, "User", Names.USER_CREATED, user("after"))));

            Set<String> poisonIds = Set.of(unknown.eventId().toString(), invalid.eventId().toString(), oversized.eventId().toString());
            List<JsonNode> letters = Pipeline.collect(dlq, 4, r -> {
                JsonNode n = json(r.value());
                return poisonIds.contains(n.path("event_id").asText()) || garbageKey.equals(n.path("original").path("key").asText());
            }).stream().map(r -> json(r.value())).toList();

            Map<String, String> kindById = new HashMap<>();
            for (JsonNode n : letters) {
                String id = n.path("event_id").isNull() || n.path("event_id").isMissingNode() ? garbageKey : n.path("event_id").asText();
                kindById.put(id, n.path("error_kind").asText());
                assertThat(n.path("reason").asText()).isNotBlank();
                assertThat(n.path("original").path("topic").asText()).isEqualTo(Names.OUTBOX_TOPIC);
            }
            assertThat(kindById).containsEntry(unknown.eventId().toString(), "unknown_event_type")
                    .containsEntry(invalid.eventId().toString(), "invalid_event")
                    .containsEntry(oversized.eventId().toString(), "payload_too_large")
                    .containsEntry(garbageKey, "unparseable_json");
        }
        await().atMost(WAIT).until(() -> pipeline.find(Names.USERS, List.of(good1.toString(), good2.toString())).size() == 2);
    }

    @Test
    void kafkaConnectsSchemaWrappedEnvelopeIsProcessed(LocalStack stack) throws Exception {
        // A real envelope from our Debezium, re-sent the way Kafka Connect's JsonConverter (schemas on) wraps it.
        UUID seedUser = UUID.randomUUID();
        OutboxEvent seed = event(seedUser, "User", Names.USER_CREATED, user("template"));
        JsonNode envelope;
        try (KafkaConsumer<byte[], byte[]> topic = pipeline.consumerAtEnd(Names.OUTBOX_TOPIC)) {
            pipeline.insert(List.of(seed));
            envelope = json(Pipeline.collect(topic, 1,
                    r -> seed.eventId().toString().equals(json(r.value()).path("after").path("event_id").asText())).get(0).value());
        }
        UUID connectUser = UUID.randomUUID();
        UUID connectEvent = UUID.randomUUID();
        ObjectNode payload = envelope.deepCopy();
        ObjectNode after = (ObjectNode) payload.get("after");
        after.put("event_id", connectEvent.toString());
        after.put("aggregate_id", connectUser.toString());
        after.put("payload", user("from_connect"));
        ObjectNode wrapped = Pipeline.JSON.createObjectNode();
        wrapped.set("schema", Pipeline.JSON.readTree("{\"type\":\"struct\",\"name\":\"postgres.activity.event_outbox.Envelope\","
                + "\"optional\":false,\"fields\":[{\"type\":\"struct\",\"field\":\"after\",\"optional\":true,\"fields\":["
                + "{\"type\":\"string\",\"field\":\"event_id\",\"name\":\"io.debezium.data.Uuid\"},"
                + "{\"type\":\"string\",\"field\":\"payload\",\"name\":\"io.debezium.data.Json\"},"
                + "{\"type\":\"string\",\"field\":\"created_at\",\"name\":\"io.debezium.time.ZonedTimestamp\"}]},"
                + "{\"type\":\"string\",\"field\":\"op\"},{\"type\":\"int64\",\"field\":\"ts_us\",\"optional\":true}]}"));
        wrapped.set("payload", payload);
        String key = "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"field\":\"aggregate_id\"}]},\"payload\":{\"aggregate_id\":\""
                + connectUser + "\"}}";
        try (KafkaProducer<byte[], byte[]> producer = producer(stack.settings())) {
            producer.send(new ProducerRecord<>(Names.OUTBOX_TOPIC, key.getBytes(StandardCharsets.UTF_8),
                    wrapped.toString().getBytes(StandardCharsets.UTF_8))).get();
        }
        await().atMost(WAIT).until(() -> pipeline.get(Names.USERS, connectUser.toString()) != null);
        Document user = pipeline.get(Names.USERS, connectUser.toString());
        assertThat(user.getString("username")).isEqualTo("from_connect");
        assertThat(user.get(ReadModel.METADATA, Document.class).getString("source_event_id")).isEqualTo(connectEvent.toString());
    }

    @Test
    void processorsInOneGroupSharePartitionsAndKeepEachAggregatesOrder(LocalStack stack) throws Exception {
        try (EventProcessor second = new EventProcessor(stack.settings(), "it-second")) {
            Thread thread = new Thread(second, "it-second");
            thread.start();
            assertThat(second.awaitAssignment(WAIT)).isTrue();
            await().atMost(WAIT).until(() -> !second.assignment().isEmpty()
                    && !stack.processor().orElseThrow().assignment().isEmpty());
            Set<TopicPartition> mine = second.assignment();
            Set<TopicPartition> theirs = stack.processor().orElseThrow().assignment();
            assertThat(mine).doesNotContainAnyElementsOf(theirs);
            Set<TopicPartition> all = new HashSet<>(mine);
            all.addAll(theirs);
            assertThat(all).hasSize(Tuning.OUTBOX_TOPIC_PARTITIONS);

            UUID creator = UUID.randomUUID();
            UUID activityId = UUID.randomUUID();
            List<OutboxEvent> events = new ArrayList<>();
            events.add(event(creator, "User", Names.USER_CREATED, user("creator")));
            events.add(event(activityId, "Activity", Names.ACTIVITY_CREATED, activity(creator, "Shared")));
            List<UUID> joiners = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                UUID u = UUID.randomUUID();
                joiners.add(u);
                events.add(event(u, "User", Names.USER_CREATED, user("u" + i)));
                events.add(event(activityId, "Activity", Names.PARTICIPANT_JOINED, joined(u)));
            }
            try (KafkaConsumer<byte[], byte[]> metrics = pipeline.consumerAtEnd(Names.METRICS_TOPIC)) {
                pipeline.insert(events);
                await().atMost(WAIT).until(() -> participantCount(activityId) == joiners.size());
                Set<String> ids = events.stream().map(e -> e.eventId().toString()).collect(Collectors.toSet());
                List<JsonNode> records = Pipeline.collect(metrics, events.size(), r -> ids.contains(json(r.value()).path("event_id").asText()))
                        .stream().map(r -> json(r.value())).toList();
                assertThat(records).extracting(r -> r.path("processor_id").asText()).as("both processors worked")
                        .contains("embedded", "it-second");
                List<JsonNode> ofActivity = records.stream().filter(r -> activityId.toString().equals(r.path("aggregate_id").asText()))
                        .sorted(Comparator.comparingLong(r -> r.path("offset").asLong())).toList();
                assertThat(ofActivity).extracting(r -> r.path("partition").asInt()).as("one aggregate, one partition").containsOnly(ofActivity.get(0).path("partition").asInt());
                assertThat(ofActivity).extracting(r -> r.path("t0").asLong()).as("in creation order").isSorted();
            }
        }
    }

    @Test
    void killingAProcessorMidStreamAndRestartingLosesNothingAndDuplicatesNothing(LocalStack stack, @TempDir Path home) throws Exception {
        List<OutboxEvent> events = new EventGenerator(EventGenerator.randomSeed()).generate(
                EventMix.mixed(3000), EventOrder.INTERLEAVED);
        List<String> userIds = events.stream().filter(e -> e.eventType().equals(Names.USER_CREATED)).map(e -> e.aggregateId().toString()).toList();
        stack.stopProcessor();
        Thread inserter = new Thread(() -> {
            try {
                // About 60 batches over several seconds: the kill lands while events still arrive.
                for (int i = 0; i < events.size(); i += 50) {
                    pipeline.insert(events.subList(i, Math.min(events.size(), i + 50)));
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "it-inserter");
        try {
            Process child = startProcessorProcess(stack.settings(), home);
            try {
                await().atMost(WAIT).until(() -> Files.readString(home.resolve("processor.out")).contains("joined the group"));
                inserter.start();
                await().atMost(WAIT).until(() -> pipeline.find(Names.USERS, userIds).size() >= 100);
                assertThat(inserter.isAlive()).as("killed mid-stream, while events still arrive").isTrue();
            } finally {
                child.destroyForcibly().waitFor();
            }
        } finally {
            stack.startProcessor();
        }
        inserter.join();

        Map<String, Set<String>> joinersByActivity = new HashMap<>();
        for (OutboxEvent e : events) {
            if (e.eventType().equals(Names.PARTICIPANT_JOINED)) {
                joinersByActivity.computeIfAbsent(e.aggregateId().toString(), k -> new HashSet<>())
                        .add(Pipeline.JSON.readTree(e.payload()).get("user_id").asText());
            }
        }
        List<String> activityIds = events.stream().filter(e -> e.eventType().equals(Names.ACTIVITY_CREATED)).map(e -> e.aggregateId().toString()).toList();
        Set<String> allEventIds = events.stream().map(e -> e.eventId().toString()).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            Set<String> found = eventIdsIn(Names.USERS, userIds);
            found.addAll(eventIdsIn(Names.ACTIVITIES, activityIds));
            return found.containsAll(allEventIds);
        });

        List<Document> users = pipeline.find(Names.USERS, userIds);
        assertThat(users).hasSize(userIds.size());
        for (Document u : users) {
            // One entry per application: a UserCreated applied again after the kill would be listed twice.
            assertThat(u.get(ReadModel.METADATA, Document.class).getList("event_ids", String.class)).as("no event applied twice").hasSize(1);
        }
        List<Document> activities = pipeline.find(Names.ACTIVITIES, activityIds);
        assertThat(activities).hasSize(activityIds.size());
        for (Document a : activities) {
            List<String> eventIds = a.get(ReadModel.METADATA, Document.class).getList("event_ids", String.class);
            assertThat(eventIds).as("no event applied twice").doesNotHaveDuplicates();
            Document participants = a.get(ReadModel.PARTICIPANTS, Document.class);
            List<String> listed = participants.getList("list", Document.class).stream().map(d -> d.getString("user_id")).toList();
            assertThat(listed).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(joinersByActivity.getOrDefault(a.getString("_id"), Set.of()));
            assertThat(participants.get("count", Number.class).intValue()).isEqualTo(listed.size());
        }
    }

    @Test
    void metricsKafkaRefusesAreRetriedAndNoEventIsLost(LocalStack stack) throws Exception {
        EventProcessor processor = stack.processor().orElseThrow();
        // Redeliveries left by earlier tests (a killed member's partitions) would count as processed meanwhile.
        awaitQuiet(processor);
        ProcessorCounters before = processor.counters();
        List<OutboxEvent> events = new EventGenerator(EventGenerator.randomSeed()).mixed(30);
        ConfigResource metricsTopic = new ConfigResource(ConfigResource.Type.TOPIC, Names.METRICS_TOPIC);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.settings().kafkaBootstrapServers()))) {
            // Every metric record is bigger than this: the broker refuses them all, a non-retriable error for the producer.
            alterConfig(admin, metricsTopic, new AlterConfigOp(new ConfigEntry("max.message.bytes", "64"), AlterConfigOp.OpType.SET));
            // The broker applies a topic's config from its metadata a moment later: the events must meet the refusal.
            await().atMost(WAIT).until(() -> "64".equals(admin.describeConfigs(List.of(metricsTopic)).all().get()
                    .get(metricsTopic).get("max.message.bytes").value()));
            try {
                pipeline.insert(events);
                await().atMost(WAIT).until(() -> processor.counters().retries() > before.retries());
                // Written to MongoDB perhaps, but not counted (nor committed) while its metrics are refused.
                assertThat(processor.counters().processed()).isEqualTo(before.processed());
            } finally {
                alterConfig(admin, metricsTopic, new AlterConfigOp(new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE));
            }
        }

        await().atMost(WAIT).until(() -> processor.counters().processed() - before.processed() >= events.size());
        Set<String> allEventIds = events.stream().map(e -> e.eventId().toString()).collect(Collectors.toSet());
        List<String> userIds = events.stream().filter(e -> e.eventType().equals(Names.USER_CREATED)).map(e -> e.aggregateId().toString()).toList();
        List<String> activityIds = events.stream().filter(e -> !e.eventType().equals(Names.USER_CREATED))
                .map(e -> e.aggregateId().toString()).distinct().toList();
        Set<String> found = eventIdsIn(Names.USERS, userIds);
        found.addAll(eventIdsIn(Names.ACTIVITIES, activityIds));
        assertThat(found).containsAll(allEventIds);
        for (Document a : pipeline.find(Names.ACTIVITIES, activityIds)) {
            Document participants = a.get(ReadModel.PARTICIPANTS, Document.class);
            assertThat(participants.get("count", Number.class).intValue()).isEqualTo(participants.getList("list", Document.class).size());
        }
    }

    /** Waits until the processor has counted nothing new for two seconds. */
    private static void awaitQuiet(EventProcessor processor) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        ProcessorCounters last = processor.counters();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < 2_000_000_000L) {
            Thread.sleep(100);
            ProcessorCounters now = processor.counters();
            if (!now.equals(last)) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
    }

    private static void alterConfig(Admin admin, ConfigResource resource, AlterConfigOp op) throws Exception {
        admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get();
    }

    /** The deployable processor as its own JVM, attached to the shared stack through the external-mode variables. */
    private static Process startProcessorProcess(Settings settings, Path home) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "processor", "--id", "to-be-killed");
        pb.environment().putAll(settings.toEnv());
        pb.environment().put(Settings.EVENT_PROCESSOR_HOME, home.toString());
        pb.redirectErrorStream(true).redirectOutput(home.resolve("processor.out").toFile());
        return pb.start();
    }

    private RecordMetadata redeliver(Settings settings, ConsumerRecord<byte[], byte[]> original) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(settings)) {
            ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(original.topic(), original.partition(), original.key(), original.value(), original.headers());
            return producer.send(copy).get();
        }
    }

    static KafkaProducer<byte[], byte[]> producer(Settings settings) {
        Properties p = new Properties();
        p.put("bootstrap.servers", settings.kafkaBootstrapServers());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Set<String> eventIdsIn(String collection, List<String> ids) {
        Set<String> found = new HashSet<>();
        for (Document d : pipeline.find(collection, ids)) {
            found.addAll(d.get(ReadModel.METADATA, Document.class).getList("event_ids", String.class));
        }
        return found;
    }

    private String stateOf(UUID activityId) {
        Document d = pipeline.get(Names.ACTIVITIES, activityId.toString());
        return d == null ? null : d.getString(ReadModel.STATE);
    }

    private int participantCount(UUID activityId) {
        Document d = pipeline.get(Names.ACTIVITIES, activityId.toString());
        return d == null ? -1 : d.get(ReadModel.PARTICIPANTS, Document.class).get("count", Number.class).intValue();
    }

    private static List<String> ids(List<OutboxEvent> events) {
        return events.stream().map(e -> e.aggregateId().toString()).toList();
    }
}
