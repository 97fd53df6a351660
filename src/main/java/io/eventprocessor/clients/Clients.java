package io.eventprocessor.clients;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Every client of the pipeline's services is made here, from {@link Settings} and {@link Tuning}: a JDBC connection,
 * a Kafka Admin, producer or consumer, a MongoDB client. The caller owns (and closes) what it gets.
 */
public final class Clients {
    private Clients() {}

    // ---------------------------------------------------------------- PostgreSQL

    public static Connection postgres(Settings s) throws SQLException {
        return DriverManager.getConnection(s.jdbcUrl(), postgresProperties(s));
    }

    /** A connection that gives up connecting, logging in and reading after {@code timeout}: for health checks. */
    public static Connection postgres(Settings s, Duration timeout) throws SQLException {
        Properties p = postgresProperties(s);
        String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
        p.put("connectTimeout", seconds);
        p.put("loginTimeout", seconds);
        p.put("socketTimeout", seconds);
        return DriverManager.getConnection(s.jdbcUrl(), p);
    }

    /** A connection for batched inserts: without reWriteBatchedInserts each row of a JDBC batch is its own round trip. */
    public static Connection postgresForBatches(Settings s) throws SQLException {
        Properties p = postgresProperties(s);
        p.setProperty("reWriteBatchedInserts", "true");
        p.setProperty("ApplicationName", "event-processor-loadgen");
        return DriverManager.getConnection(s.jdbcUrl(), p);
    }

    private static Properties postgresProperties(Settings s) {
        Properties p = new Properties();
        p.put("user", s.postgresUser());
        p.put("password", s.postgresPassword());
        return p;
    }

    // ---------------------------------------------------------------- Kafka

    public static Admin kafkaAdmin(String bootstrapServers, String clientId) {
        return Admin.create(kafkaBase(bootstrapServers, clientId));
    }

    /** An Admin whose calls and connection attempts give up after about {@code timeout}: for health checks. */
    public static Admin kafkaAdmin(String bootstrapServers, String clientId, Duration timeout) {
        Properties p = kafkaBase(bootstrapServers, clientId);
        p.put("request.timeout.ms", Long.toString(timeout.toMillis()));
        p.put("default.api.timeout.ms", Long.toString(timeout.toMillis()));
        p.put("socket.connection.setup.timeout.ms", "2000");
        p.put("socket.connection.setup.timeout.max.ms", "3000");
        p.put("reconnect.backoff.max.ms", "1000");
        return Admin.create(p);
    }

    /** A producer of bytes with the pipeline's settings ({@link Tuning#producerDefaults()}). */
    public static KafkaProducer<byte[], byte[]> bytesProducer(String bootstrapServers, String clientId) {
        return new KafkaProducer<>(producerProperties(bootstrapServers, clientId), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A producer of text with the pipeline's settings. */
    public static KafkaProducer<String, String> textProducer(String bootstrapServers, String clientId) {
        return new KafkaProducer<>(producerProperties(bootstrapServers, clientId), new StringSerializer(), new StringSerializer());
    }

    /** The pipeline's producer settings for a bootstrap address and client id (serializers are the caller's). */
    public static Properties producerProperties(String bootstrapServers, String clientId) {
        Properties p = Tuning.producerDefaults();
        p.putAll(kafkaBase(bootstrapServers, clientId));
        return p;
    }

    /**
     * A consumer of bytes with the pipeline's settings ({@link Tuning#consumerDefaults()}) that commits nothing by itself.
     *
     * @param groupId the consumer group, or null for a consumer that is assigned its partitions by hand (an observer)
     */
    public static KafkaConsumer<byte[], byte[]> bytesConsumer(String bootstrapServers, String clientId, String groupId) {
        return new KafkaConsumer<>(consumerProperties(bootstrapServers, clientId, groupId), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A consumer of text, as {@link #bytesConsumer}. */
    public static KafkaConsumer<String, String> textConsumer(String bootstrapServers, String clientId, String groupId) {
        return new KafkaConsumer<>(consumerProperties(bootstrapServers, clientId, groupId), new StringDeserializer(), new StringDeserializer());
    }

    /** The pipeline's consumer settings: offsets are committed by hand, a new group starts at the earliest record. */
    public static Properties consumerProperties(String bootstrapServers, String clientId, String groupId) {
        Properties p = Tuning.consumerDefaults();
        p.putAll(kafkaBase(bootstrapServers, clientId));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        }
        return p;
    }

    private static Properties kafkaBase(String bootstrapServers, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return p;
    }

    // ---------------------------------------------------------------- MongoDB

    public static MongoClient mongo(Settings s) {
        return MongoClients.create(s.mongoUri());
    }

    /**
     * A client that gives up finding a server or connecting after {@code timeout}: for health checks.
     *
     * @throws IllegalArgumentException when the URI is not a MongoDB connection string
     */
    public static MongoClient mongo(Settings s, Duration timeout) {
        ConnectionString uri = new ConnectionString(s.mongoUri());
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(uri)
                .applyToClusterSettings(b -> b.serverSelectionTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(b -> b.connectTimeout((int) timeout.toMillis(), TimeUnit.MILLISECONDS))
                .build());
    }
}
