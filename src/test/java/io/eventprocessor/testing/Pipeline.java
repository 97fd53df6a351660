package io.eventprocessor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.eventprocessor.config.Settings;
import io.eventprocessor.outbox.OutboxEvent;
import io.eventprocessor.outbox.OutboxWriter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;

/** Small helpers for integration tests that drive the real pipeline of the shared stack. */
public final class Pipeline implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final MongoClient mongo;

    public Pipeline(Settings settings) {
        this.settings = settings;
        this.mongo = MongoClients.create(settings.mongoUri());
    }

    public MongoDatabase readModels() {
        return mongo.getDatabase(settings.mongoDatabase());
    }

    public void insert(List<OutboxEvent> events) throws Exception {
        try (OutboxWriter writer = OutboxWriter.open(settings)) {
            writer.insert(events);
        }
    }

    /** Documents of {@code collection} whose {@code _id} is among {@code ids}. */
    public List<Document> find(String collection, Collection<String> ids) {
        return readModels().getCollection(collection).find(Filters.in("_id", ids)).into(new ArrayList<>());
    }

    public Document get(String collection, String id) {
        return readModels().getCollection(collection).find(Filters.eq("_id", id)).first();
    }

    /** A consumer of {@code topic} positioned at its current end, raw bytes. */
    public KafkaConsumer<byte[], byte[]> consumerAtEnd(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", settings.kafkaBootstrapServers());
        p.put("group.id", "it-" + UUID.randomUUID());
        p.put("auto.offset.reset", "latest");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) consumer.poll(Duration.ofMillis(100));
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    /** Records matching {@code wanted} until {@code count} were seen or 60 s passed. */
    public static List<ConsumerRecord<byte[], byte[]>> collect(KafkaConsumer<byte[], byte[]> consumer, int count,
            Predicate<ConsumerRecord<byte[], byte[]>> wanted) {
        List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (seen.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.value() != null && wanted.test(r)) seen.add(r);
            }
        }
        return seen;
    }

    public static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        mongo.close();
    }
}
