package io.eventprocessor.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import io.eventprocessor.testing.SharedStack;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each misconfiguration is named: which service, where, what is wrong, how to fix it. */
@ExtendWith(SharedStack.class)
class ConnectivityIT {

    @Test
    void theRunningEmbeddedStackPassesEveryCheck(Settings settings) {
        assertThat(Connectivity.services(settings)).allMatch(Health::ok);
    }

    @Test
    void thePipelineCheckSeesDebeziumStreamingAndAProcessorInTheGroup(Settings settings) {
        List<Health> parts = Connectivity.pipeline(settings);
        assertThat(parts).extracting(Health::service).containsExactly(Connectivity.Service.values());
        assertThat(parts).allMatch(Health::ok);
        assertThat(parts.get(3).address()).contains("member");
    }

    @Test
    void thePipelineCheckSaysWhenDebeziumStopsStreaming(LocalStack stack) throws Exception {
        stack.stopCapture();
        try {
            Health debezium = Connectivity.pipeline(stack.settings()).get(1);
            assertThat(debezium.service()).isEqualTo(Connectivity.Service.DEBEZIUM);
            assertThat(debezium.ok()).isFalse();
            assertThat(debezium.describe()).contains("slot inactive");
        } finally {
            stack.startCapture();
        }
        // Debezium resuming from its offsets reconnects once after its first read, so the slot may blink inactive.
        await().atMost(Duration.ofSeconds(30)).until(() -> Connectivity.debezium(stack.settings()).ok());
    }

    @Test
    void unreachablePostgresIsNamedWithItsAddressAndTheFix(Settings settings) {
        int closed = Ports.free();
        Health s = Connectivity.postgres(withPostgres(settings, "127.0.0.1", closed));
        assertThat(s.ok()).isFalse();
        assertThat(s.describe()).contains("PostgreSQL at 127.0.0.1:" + closed).contains("refused").contains("POSTGRES_HOST");
    }

    @Test
    void postgresWithoutLogicalDecodingIsRefusedWithTheSettingToChange(Settings settings) throws Exception {
        // A second, plain server: wal_level stays at its default, replica.
        try (EmbeddedPostgres plain = EmbeddedPostgres.builder().start()) {
            Settings s = new Settings("127.0.0.1", plain.getPort(), "postgres", "postgres", "postgres",
                    settings.kafkaBootstrapServers(), settings.mongoUri(), Names.MONGO_DATABASE, Optional.empty());
            Health status = Connectivity.postgres(s);
            assertThat(status.ok()).isFalse();
            assertThat(status.describe()).contains("PostgreSQL at 127.0.0.1:" + plain.getPort())
                    .contains("wal_level is 'replica'").contains("wal_level = logical");
        }
    }

    @Test
    void wrongKafkaAddressIsNamedWithTheVariableToFix(Settings settings) {
        int closed = Ports.free();
        Health s = Connectivity.kafka(withKafka(settings, "127.0.0.1:" + closed));
        assertThat(s.ok()).isFalse();
        assertThat(s.describe()).contains("Kafka at 127.0.0.1:" + closed).contains("no broker answered").contains("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void unresolvableKafkaHostIsNamed(Settings settings) {
        Health s = Connectivity.kafka(withKafka(settings, "no-such-broker.invalid:9092"));
        assertThat(s.ok()).isFalse();
        assertThat(s.describe()).contains("Kafka at no-such-broker.invalid:9092").contains("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void badMongoUriIsNamedWithAnExample(Settings settings) {
        Health s = Connectivity.mongo(withMongo(settings, "localhost:27017"));
        assertThat(s.ok()).isFalse();
        assertThat(s.describe()).contains("MongoDB").contains("MONGODB_URI is not a MongoDB connection string").contains("mongodb://host:27017");
    }

    /** The usual cause of a malformed URI is an unescaped character in its password: it must not reach a terminal or a wall. */
    @Test
    void aMalformedMongoUriIsNeverEchoedWithItsPassword(Settings settings) {
        String secret = "s3cr:et@pa/ss";
        Health s = Connectivity.mongo(withMongo(settings, "mongodb://ada:" + secret + "@db.example.net:27017/activity_read?authSource=admin"));
        assertThat(s.ok()).isFalse();
        assertThat(s.describe()).contains("MONGODB_URI is not a MongoDB connection string").contains("db.example.net")
                .doesNotContain("s3cr").doesNotContain("pa/ss").doesNotContain("ada:");
        assertThat(withMongo(settings, "mongodb://ada:" + secret + "@db.example.net").toString()).doesNotContain("s3cr").doesNotContain("pa/ss");
    }

    @Test
    void unreachableMongoIsNamedWithItsAddress(Settings settings) {
        int closed = Ports.free();
        Health s = Connectivity.mongo(withMongo(settings, "mongodb://127.0.0.1:" + closed));
        assertThat(s.ok()).isFalse();
        assertThat(s.describe()).contains("MongoDB at 127.0.0.1:" + closed).contains("no MongoDB server answered");
    }

    @Test
    void allThreeChecksTogetherFinishWithinTenSeconds(Settings settings) {
        Settings broken = withMongo(withKafka(withPostgres(settings, "127.0.0.1", Ports.free()), "127.0.0.1:" + Ports.free()),
                "mongodb://127.0.0.1:" + Ports.free());
        long start = System.nanoTime();
        List<Health> statuses = Connectivity.services(broken);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(statuses).noneMatch(Health::ok);
        // The contract of the check (the "within 10 seconds"), not a performance figure.
        assertThat(seconds).isLessThan(10);
    }

    static Settings withPostgres(Settings s, String host, int port) {
        return new Settings(host, port, s.postgresDb(), s.postgresUser(), s.postgresPassword(), s.kafkaBootstrapServers(),
                s.mongoUri(), s.mongoDatabase(), s.metricsFile());
    }

    static Settings withKafka(Settings s, String bootstrap) {
        return new Settings(s.postgresHost(), s.postgresPort(), s.postgresDb(), s.postgresUser(), s.postgresPassword(), bootstrap,
                s.mongoUri(), s.mongoDatabase(), s.metricsFile());
    }

    static Settings withMongo(Settings s, String uri) {
        return new Settings(s.postgresHost(), s.postgresPort(), s.postgresDb(), s.postgresUser(), s.postgresPassword(),
                s.kafkaBootstrapServers(), uri, s.mongoDatabase(), s.metricsFile());
    }
}
