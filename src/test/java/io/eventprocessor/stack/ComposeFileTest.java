package io.eventprocessor.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventprocessor.cdc.DebeziumConfig;
import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.contract.Names;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, the connector JSON it registers and the Dockerfile cannot be run on this machine, so they
 * are checked against the code's own names and tuning: renaming a topic, table or database in code without
 * updating compose fails here.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path CONNECTOR_JSON = ROOT.resolve("docker/connect/" + Names.CONNECTOR_NAME + ".json");
    private static final List<String> PROCESSOR_ENV = List.of(
            Settings.POSTGRES_HOST, Settings.POSTGRES_PORT, Settings.POSTGRES_DB, Settings.POSTGRES_USER,
            Settings.POSTGRES_PASSWORD, Settings.KAFKA_BOOTSTRAP_SERVERS, Settings.MONGODB_URI,
            Settings.MONGODB_DATABASE);

    private static Map<String, Object> services;
    private static Map<String, String> connector;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        try (Reader r = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(r);
            services = (Map<String, Object>) compose.get("services");
        }
        Map<String, Object> json = new ObjectMapper().readValue(CONNECTOR_JSON.toFile(), Map.class);
        assertThat(json.values()).as("connector config values (Kafka Connect takes strings)").allMatch(v -> v instanceof String);
        connector = new LinkedHashMap<>();
        json.forEach((k, v) -> connector.put(k, (String) v));
    }

    // ---- connector ----

    @Test
    void connectorJsonIsExactlyTheEmbeddedEnginesConfigForTheComposePostgres() {
        Map<String, String> pg = env("postgres");
        Settings compose = new Settings("postgres", containerPort("postgres", 5432), pg.get("POSTGRES_DB"),
                pg.get("POSTGRES_USER"), pg.get("POSTGRES_PASSWORD"), "unused:0", "mongodb://unused", "unused",
                Optional.empty());
        assertThat(connector).containsExactlyInAnyOrderEntriesOf(DebeziumConfig.connectorProperties(compose));
    }

    @Test
    void connectorWritesToTheTopicTheProcessorReads() {
        assertThat(connector.get("topic.prefix") + "." + connector.get("table.include.list")).isEqualTo(Names.OUTBOX_TOPIC);
    }

    @Test
    void connectorInitPutsTheCommittedFileUnderTheConnectorsName() {
        Map<String, Object> init = service("connector-init");
        String script = String.join(" ", strings(init.get("command")));
        assertThat(script).contains("http://kafka-connect:8083/connectors/" + Names.CONNECTOR_NAME + "/config")
                .contains("-X PUT")
                .contains("@/connect/" + CONNECTOR_JSON.getFileName());
        assertThat(strings(init.get("volumes"))).contains("./docker/connect:/connect:ro");
        assertThat(containerPorts("kafka-connect")).contains(8083);
        assertThat(String.valueOf(init.get("restart"))).isEqualTo("no");
    }

    // ---- postgres ----

    @Test
    void postgresEnablesLogicalDecodingWithDurableCommits() {
        assertThat((String) service("postgres").get("image")).matches("postgres:1[78](\\..*)?");
        assertThat(strings(service("postgres").get("command")))
                .contains("wal_level=logical", "fsync=on", "synchronous_commit=on")
                .anyMatch(s -> s.startsWith("max_replication_slots="))
                .anyMatch(s -> s.startsWith("max_wal_senders="));
        assertThat(env("postgres")).containsEntry("POSTGRES_DB", Names.DATABASE);
        assertThat(healthcheck("postgres")).contains("pg_isready");
    }

    @Test
    void postgresRunsTheOutboxMigrationOnFirstStart() throws IOException {
        assertThat(strings(service("postgres").get("volumes")))
                .anyMatch(v -> v.matches("\\./src/main/resources/db/migration:/docker-entrypoint-initdb\\.d(:ro)?"));
        try (Stream<Path> files = Files.list(ROOT.resolve("src/main/resources/db/migration"))) {
            String sql = files.filter(f -> f.toString().endsWith(".sql")).map(ComposeFileTest::read).collect(Collectors.joining("\n"));
            assertThat(sql).contains("CREATE TABLE IF NOT EXISTS " + Names.OUTBOX_QUALIFIED);
        }
    }

    // ---- kafka and connect ----

    @Test
    void kafkaIsASingleKraftNodeWithRoomForThreeProcessors() {
        assertThat((String) service("kafka").get("image")).startsWith("apache/kafka:4.");
        Map<String, String> kafka = env("kafka");
        assertThat(kafka).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .containsEntry("KAFKA_NUM_PARTITIONS", Integer.toString(Tuning.OUTBOX_TOPIC_PARTITIONS));
        assertThat(advertisedListeners()).contains("localhost:9092");
        assertThat(healthcheck("kafka")).isNotBlank();
    }

    @Test
    void connectRunsTheSameDebeziumVersionAsTheEmbeddedEngine() throws IOException {
        String pom = read(ROOT.resolve("pom.xml"));
        assertThat((String) service("kafka-connect").get("image"))
                .isEqualTo("quay.io/debezium/connect:" + xmlValue(pom, "debezium.version"));
    }

    @Test
    void connectWorkerUsesJsonWithSchemasAndTheTunedProducer() {
        Map<String, String> connect = env("kafka-connect");
        assertThat(advertisedListeners()).contains(connect.get("BOOTSTRAP_SERVERS"));
        assertThat(connect.get("GROUP_ID")).isNotBlank().isNotEqualTo(Names.CONSUMER_GROUP);
        assertThat(connect).containsKeys("CONFIG_STORAGE_TOPIC", "OFFSET_STORAGE_TOPIC", "STATUS_STORAGE_TOPIC")
                .containsEntry("CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR", "1")
                .containsEntry("CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR", "1")
                .containsEntry("CONNECT_STATUS_STORAGE_REPLICATION_FACTOR", "1")
                .containsEntry("KEY_CONVERTER", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("VALUE_CONVERTER", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("CONNECT_KEY_CONVERTER_SCHEMAS_ENABLE", "true")
                .containsEntry("CONNECT_VALUE_CONVERTER_SCHEMAS_ENABLE", "true")
                .containsEntry("OFFSET_FLUSH_INTERVAL_MS", Integer.toString(Tuning.DEBEZIUM_OFFSET_FLUSH_INTERVAL_MS));
        // The image maps CONNECT_PRODUCER_LINGER_MS to producer.linger.ms: lower case, '_' -> '.'.
        Tuning.producerDefaults().forEach((key, value) -> assertThat(connect)
                .containsEntry("CONNECT_PRODUCER_" + key.toString().toUpperCase().replace('.', '_'), value.toString()));
    }

    // ---- mongodb ----

    @Test
    void mongoIsTheOfficialImageWithAHealthcheck() {
        assertThat((String) service("mongodb").get("image")).matches("mongo:[78](\\..*)?");
        assertThat(healthcheck("mongodb")).contains("ping");
    }

    // ---- event processor ----

    @Test
    void processorIsConfiguredWithExactlyTheSettingsVariables() {
        Map<String, String> env = new HashMap<>(env("event-processor"));
        assertThat(env.remove("JAVA_TOOL_OPTIONS")).isEqualTo(String.join(" ", Tuning.PROCESSOR_JVM_OPTIONS));
        assertThat(env.keySet()).containsExactlyInAnyOrderElementsOf(PROCESSOR_ENV);
    }

    @Test
    void processorPointsAtServicesAndPortsOfThisFile() {
        Map<String, String> env = env("event-processor");
        Map<String, String> pg = env("postgres");

        assertThat(services).containsKey(env.get(Settings.POSTGRES_HOST));
        assertThat(containerPorts(env.get(Settings.POSTGRES_HOST))).contains(Integer.parseInt(env.get(Settings.POSTGRES_PORT)));
        assertThat(env.get(Settings.POSTGRES_DB)).isEqualTo(Names.DATABASE).isEqualTo(pg.get("POSTGRES_DB"));
        assertThat(env.get(Settings.POSTGRES_USER)).isEqualTo(pg.get("POSTGRES_USER"));
        assertThat(env.get(Settings.POSTGRES_PASSWORD)).isEqualTo(pg.get("POSTGRES_PASSWORD"));

        for (String server : env.get(Settings.KAFKA_BOOTSTRAP_SERVERS).split(",")) {
            assertThat(advertisedListeners()).as("Kafka advertised listeners").contains(server);
            String host = server.substring(0, server.lastIndexOf(':'));
            assertThat(services).containsKey(host);
            assertThat(containerPorts(host)).contains(Integer.parseInt(server.substring(server.lastIndexOf(':') + 1)));
        }

        URI mongo = URI.create(env.get(Settings.MONGODB_URI));
        assertThat(mongo.getScheme()).isEqualTo("mongodb");
        assertThat(services).containsKey(mongo.getHost());
        assertThat(containerPorts(mongo.getHost())).contains(mongo.getPort() == -1 ? 27017 : mongo.getPort());
        assertThat(env.get(Settings.MONGODB_DATABASE)).isEqualTo(Names.MONGO_DATABASE);
    }

    @Test
    void processorCanBeScaledAndStartsAfterItsDependencies() {
        Map<String, Object> processor = service("event-processor");
        assertThat(processor).doesNotContainKeys("container_name", "ports");
        assertThat(strings(processor.get("command"))).containsExactly("processor");
        assertThat(dependsOn("event-processor")).containsKeys("postgres", "kafka", "mongodb", "connector-init");
    }

    @Test
    void everyDependencyIsAServiceOfThisFile() {
        Set<String> conditions = Set.of("service_started", "service_healthy", "service_completed_successfully");
        services.keySet().forEach(name -> dependsOn(name).forEach((target, condition) -> {
            assertThat(services).as(name + " depends on " + target).containsKey(target);
            assertThat(conditions).as(name + " -> " + target).contains(condition);
            if (condition.equals("service_healthy")) {
                assertThat(service(target)).as(target + " must have a healthcheck").containsKey("healthcheck");
            }
        }));
    }

    @Test
    void hostPortsAreTheOnesTheDocsNameOnLoopbackOnly() {
        List<String> published = services.keySet().stream().flatMap(name -> strings(service(name).get("ports")).stream()).toList();
        // host-address:host-port:container-port: nothing is reachable from other machines.
        assertThat(published).allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:"));
        assertThat(published.stream().map(p -> p.split(":")[1]).collect(Collectors.toSet())).containsExactlyInAnyOrder("5432", "9092", "27017");
    }

    @Test
    void connectsUnauthenticatedRestApiIsNotPublished() {
        assertThat(service("kafka-connect")).doesNotContainKey("ports");
        assertThat(containerPorts("kafka-connect")).contains(8083);
    }

    // ---- image ----

    @Test
    void dockerfileRunsThePomsJarWithTheProcessorSubcommand() throws IOException {
        String finalName = xmlValue(read(ROOT.resolve("pom.xml")), "finalName");
        assertThat(finalName).isEqualTo("event-processor");
        String dockerfile = read(ROOT.resolve("Dockerfile"));
        List<String> from = lines(dockerfile, "FROM ");
        assertThat(from).hasSizeGreaterThanOrEqualTo(2);
        assertThat(from.get(0)).contains("17");
        assertThat(from.get(from.size() - 1)).isEqualTo("FROM eclipse-temurin:17-jre");
        assertThat(lines(dockerfile, "RUN ")).anyMatch(l -> l.contains("./mvnw -B -DskipTests package"));
        assertThat(lines(dockerfile, "COPY ")).contains(
                "COPY --from=build /build/target/" + finalName + ".jar /app/" + finalName + ".jar",
                "COPY --from=build /build/target/lib/ /app/lib/");
        assertThat(lines(dockerfile, "ENTRYPOINT ")).containsExactly("ENTRYPOINT [\"java\", \"-jar\", \"/app/" + finalName + ".jar\"]");
        assertThat(lines(dockerfile, "CMD ")).containsExactly("CMD [\"processor\"]");

        Map<String, Object> build = map(service("event-processor").get("build"));
        assertThat(build).containsEntry("context", ".").containsEntry("dockerfile", "Dockerfile");
    }

    @Test
    void dockerignoreKeepsBuildOutputAndLocalStateOutOfTheContext() throws IOException {
        assertThat(read(ROOT.resolve(".dockerignore")).lines().map(String::trim))
                .contains("target/", ".git")
                .anyMatch(l -> l.startsWith(".event-processor"));
    }

    // ---- helpers ----

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    private static Map<String, Object> service(String name) {
        assertThat(services).as("services").containsKey(name);
        return map(services.get(name));
    }

    /** Environment as strings, from either the map or the KEY=value list form. */
    private static Map<String, String> env(String name) {
        Object env = service(name).get("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(k.toString(), v == null ? null : v.toString()));
        } else {
            for (String entry : strings(env)) {
                int eq = entry.indexOf('=');
                out.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? null : entry.substring(eq + 1));
            }
        }
        return out;
    }

    /** depends_on as target -> condition, from either the list or the long form. */
    private static Map<String, String> dependsOn(String name) {
        Object deps = service(name).get("depends_on");
        Map<String, String> out = new LinkedHashMap<>();
        if (deps instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(k.toString(), String.valueOf(map(v).getOrDefault("condition", "service_started"))));
        } else {
            strings(deps).forEach(d -> out.put(d, "service_started"));
        }
        return out;
    }

    /** Ports other containers can reach: container side of published ports, plus expose. */
    private static Set<Integer> containerPorts(String name) {
        Set<Integer> ports = new LinkedHashSet<>();
        for (String p : strings(service(name).get("ports"))) {
            String container = p.substring(p.lastIndexOf(':') + 1);
            ports.add(Integer.parseInt(container.replaceAll("/.*", "")));
        }
        strings(service(name).get("expose")).forEach(p -> ports.add(Integer.parseInt(p.replaceAll("/.*", ""))));
        return ports;
    }

    private static int containerPort(String name, int expected) {
        assertThat(containerPorts(name)).contains(expected);
        return expected;
    }

    /** host:port of every listener the broker advertises. */
    private static List<String> advertisedListeners() {
        List<String> out = new ArrayList<>();
        for (String l : env("kafka").get("KAFKA_ADVERTISED_LISTENERS").split(",")) {
            out.add(l.substring(l.indexOf("://") + 3));
        }
        return out;
    }

    private static String healthcheck(String name) {
        return String.join(" ", strings(map(service(name).get("healthcheck")).get("test")));
    }

    private static List<String> strings(Object o) {
        if (o == null) return List.of();
        if (o instanceof List<?> l) return l.stream().map(String::valueOf).collect(Collectors.toList());
        return List.of(o.toString());
    }

    private static List<String> lines(String text, String prefix) {
        return text.lines().map(String::trim).filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
    }

    private static String xmlValue(String xml, String element) {
        Matcher m = Pattern.compile("<" + Pattern.quote(element) + ">([^<]+)</" + Pattern.quote(element) + ">").matcher(xml);
        assertThat(m.find()).as("<%s> in pom.xml", element).isTrue();
        return m.group(1).trim();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }
}
