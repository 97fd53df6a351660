package io.eventprocessor.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventprocessor.cdc.DebeziumConfig;
import io.eventprocessor.cluster.BrokerNode;
import io.eventprocessor.cluster.Cluster;
import io.eventprocessor.cluster.ClusterHome;
import io.eventprocessor.cluster.ClusterPorts;
import io.eventprocessor.cluster.ClusterSources;
import io.eventprocessor.cluster.ConnectNode;
import io.eventprocessor.cluster.ImageEnv;
import io.eventprocessor.cluster.PostgresNode;
import io.eventprocessor.cluster.ProcessorNode;
import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.contract.Names;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
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
 * updating compose fails here. The cluster of scripts/cluster/up.sh runs the same topology as processes; the
 * checks of the "cluster" section hold it to the same settings: the docker/*.env files compose reads, the
 * connector JSON, PostgreSQL's server settings.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path CONNECTOR_JSON = ROOT.resolve("docker/connect/" + Names.CONNECTOR_NAME + ".json");
    private static final List<String> PROCESSOR_ENV = List.of(
            Settings.POSTGRES_HOST, Settings.POSTGRES_PORT, Settings.POSTGRES_DB, Settings.POSTGRES_USER,
            Settings.POSTGRES_PASSWORD, Settings.KAFKA_BOOTSTRAP_SERVERS, Settings.MONGODB_URI,
            Settings.MONGODB_DATABASE);

    private static final List<String> KAFKA = List.of("kafka-1", "kafka-2", "kafka-3");
    /** What compose sets per broker; everything else comes from docker/kafka.env. */
    private static final List<String> PER_BROKER = List.of("KAFKA_NODE_ID", "KAFKA_CONTROLLER_QUORUM_VOTERS", "KAFKA_LISTENERS",
            "KAFKA_ADVERTISED_LISTENERS");

    private static Map<String, Object> services;
    private static Map<String, String> connector;
    private static Map<String, String> kafkaEnv;
    private static Map<String, String> connectEnv;
    private static Map<String, String> processorEnv;

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
        ClusterSources sources = new ClusterSources(ROOT);
        kafkaEnv = sources.kafkaSettings();
        connectEnv = sources.connectSettings();
        processorEnv = sources.processorSettings();
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
    void kafkaIsThreeKraftNodesThatShareOneSettingsFile() {
        assertThat(KAFKA).hasSize(Cluster.BROKERS);
        for (int i = 0; i < KAFKA.size(); i++) {
            String name = KAFKA.get(i);
            assertThat((String) service(name).get("image")).startsWith("apache/kafka:4.");
            assertThat(strings(service(name).get("env_file"))).containsExactly("./docker/kafka.env");
            Map<String, String> env = env(name);
            assertThat(env.keySet()).as(name + ": only what differs per node; the rest is in docker/kafka.env")
                    .containsExactlyInAnyOrderElementsOf(PER_BROKER);
            assertThat(env).containsEntry("KAFKA_NODE_ID", Integer.toString(i + 1));
            assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo(env(KAFKA.get(0)).get("KAFKA_CONTROLLER_QUORUM_VOTERS"));
            assertThat(healthcheck(name)).isNotBlank();
        }
        assertThat(env(KAFKA.get(0)).get("KAFKA_CONTROLLER_QUORUM_VOTERS").split(",")).hasSize(Cluster.BROKERS);
    }

    @Test
    void kafkaSettingsReplicateThreeWaysAndGiveEveryProcessorAPartition() {
        assertThat(kafkaEnv).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                .containsEntry("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .containsEntry("KAFKA_LOG_MESSAGE_TIMESTAMP_TYPE", "LogAppendTime")
                .containsEntry("KAFKA_NUM_PARTITIONS", Integer.toString(Tuning.OUTBOX_TOPIC_PARTITIONS))
                .containsKey(ImageEnv.CLUSTER_ID);
        assertThat(Tuning.OUTBOX_TOPIC_PARTITIONS).isGreaterThanOrEqualTo(3);
        // Every variable means something to the image (a typo would be a silently ignored setting).
        assertThat(ImageEnv.brokerProperties(kafkaEnv)).containsEntry("min.insync.replicas", "2");
    }

    @Test
    void everyBrokerAdvertisesAHostPortItPublishesOnLoopback() {
        for (String name : KAFKA) {
            String external = listener(env(name).get("KAFKA_ADVERTISED_LISTENERS"), "EXTERNAL");
            assertThat(external).startsWith("localhost:");
            String port = external.substring(external.indexOf(':') + 1);
            assertThat(strings(service(name).get("ports"))).containsExactly("127.0.0.1:" + port + ":" + port);
            assertThat(listener(env(name).get("KAFKA_ADVERTISED_LISTENERS"), "INTERNAL")).isEqualTo(name + ":29092");
        }
    }

    @Test
    void connectRunsTheSameDebeziumVersionAsTheEmbeddedEngine() throws IOException {
        String pom = read(ROOT.resolve("pom.xml"));
        assertThat((String) service("kafka-connect").get("image"))
                .isEqualTo("quay.io/debezium/connect:" + xmlValue(pom, "debezium.version"));
    }

    @Test
    void connectWorkerUsesJsonWithSchemasAndTheTunedProducer() {
        assertThat(strings(service("kafka-connect").get("env_file"))).containsExactly("./docker/connect.env");
        assertThat(env("kafka-connect").keySet()).as("only where the brokers are; the rest is in docker/connect.env")
                .containsExactly("BOOTSTRAP_SERVERS");
        for (String server : env("kafka-connect").get("BOOTSTRAP_SERVERS").split(",")) assertThat(internalListeners()).contains(server);
        Map<String, String> connect = connectEnv;
        assertThat(connect.get("GROUP_ID")).isNotBlank().isNotEqualTo(Names.CONSUMER_GROUP);
        assertThat(connect).containsKeys("CONFIG_STORAGE_TOPIC", "OFFSET_STORAGE_TOPIC", "STATUS_STORAGE_TOPIC")
                .containsEntry("CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR", "3")
                .containsEntry("CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR", "3")
                .containsEntry("CONNECT_STATUS_STORAGE_REPLICATION_FACTOR", "3")
                .containsEntry("KEY_CONVERTER", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("VALUE_CONVERTER", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("CONNECT_KEY_CONVERTER_SCHEMAS_ENABLE", "true")
                .containsEntry("CONNECT_VALUE_CONVERTER_SCHEMAS_ENABLE", "true")
                .containsEntry("OFFSET_FLUSH_INTERVAL_MS", Integer.toString(Tuning.DEBEZIUM_OFFSET_FLUSH_INTERVAL_MS));
        // The image maps CONNECT_PRODUCER_LINGER_MS to producer.linger.ms: lower case, '_' -> '.'.
        Tuning.producerDefaults().forEach((key, value) -> assertThat(connect)
                .containsEntry("CONNECT_PRODUCER_" + key.toString().toUpperCase().replace('.', '_'), value.toString()));
        assertThat(ImageEnv.connectProperties(connect)).containsEntry("producer.linger.ms", Integer.toString(Tuning.PRODUCER_LINGER_MS));
    }

    @Test
    void connectRestApiIsNotPublished() {
        assertThat(service("kafka-connect")).doesNotContainKey("ports");
        assertThat(containerPorts("kafka-connect")).contains(8083);
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
        assertThat(strings(service("event-processor").get("env_file"))).containsExactly("./docker/processor.env");
        assertThat(processorEnv).containsOnlyKeys("JAVA_TOOL_OPTIONS")
                .containsEntry("JAVA_TOOL_OPTIONS", String.join(" ", Tuning.PROCESSOR_JVM_OPTIONS));
        assertThat(env("event-processor").keySet()).containsExactlyInAnyOrderElementsOf(PROCESSOR_ENV);
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

        List<String> servers = List.of(env.get(Settings.KAFKA_BOOTSTRAP_SERVERS).split(","));
        assertThat(servers).as("every broker, as containers reach them").containsExactlyInAnyOrderElementsOf(internalListeners());
        for (String server : servers) {
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
        assertThat(dependsOn("event-processor")).containsKeys("postgres", "mongodb", "connector-init").containsKeys(KAFKA.toArray(String[]::new));
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
        assertThat(published).allMatch(p -> p.startsWith("127.0.0.1:"));
        assertThat(published.stream().map(p -> p.split(":")[1]).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("5432", "9092", "9093", "9094", "27017");
    }

    @Test
    void connectsUnauthenticatedRestApiIsNotPublished() {
        assertThat(service("kafka-connect")).doesNotContainKey("ports");
        assertThat(containerPorts("kafka-connect")).contains(8083);
    }

    // ---- the cluster of scripts/cluster/up.sh: the same settings as compose ----

    private static final ClusterPorts PORTS = new ClusterPorts(40001, 40002, 40003, List.of(
            new ClusterPorts.Broker(40011, 40012, 40013), new ClusterPorts.Broker(40021, 40022, 40023),
            new ClusterPorts.Broker(40031, 40032, 40033)));
    private static final ClusterHome HOME = new ClusterHome(Path.of("/tmp/cluster-home"));

    @Test
    void clusterBrokersRunKafkaEnvPlusOnlyWhatComposeSetsPerNode() {
        Map<String, String> shared = ImageEnv.brokerProperties(kafkaEnv);
        Set<String> perNode = PER_BROKER.stream().map(v -> ImageEnv.brokerProperties(Map.of(v, "x")).keySet().iterator().next())
                .collect(Collectors.toSet());
        for (int i = 0; i < Cluster.BROKERS; i++) {
            Map<String, String> cluster = strings(new BrokerNode(HOME, PORTS, i).properties(kafkaEnv));
            assertThat(cluster).containsAllEntriesOf(shared);
            Set<String> extra = new LinkedHashSet<>(cluster.keySet());
            extra.removeAll(shared.keySet());
            // log.dirs: the image has its own default directory.
            assertThat(extra).containsExactlyInAnyOrderElementsOf(union(perNode, Set.of("log.dirs")));
            assertThat(listenerNames(cluster.get("listeners"))).isEqualTo(listenerNames(ImageEnv.brokerProperties(env(KAFKA.get(i))).get("listeners")));
            assertThat(listenerNames(cluster.get("advertised.listeners")))
                    .isEqualTo(listenerNames(ImageEnv.brokerProperties(env(KAFKA.get(i))).get("advertised.listeners")));
            assertThat(cluster).containsEntry("node.id", env(KAFKA.get(i)).get("KAFKA_NODE_ID"));
        }
    }

    @Test
    void clusterConnectWorkerRunsConnectEnvPlusWhereItsPeersAre() {
        Map<String, String> shared = ImageEnv.connectProperties(connectEnv);
        Map<String, String> cluster = strings(new ConnectNode(HOME, PORTS).properties(connectEnv));
        assertThat(cluster).containsAllEntriesOf(shared);
        Set<String> extra = new LinkedHashSet<>(cluster.keySet());
        extra.removeAll(shared.keySet());
        // bootstrap.servers is compose's BOOTSTRAP_SERVERS; the REST address and plugin path are the image's defaults.
        assertThat(extra).containsExactlyInAnyOrder("bootstrap.servers", "listeners", "rest.advertised.host.name",
                "rest.advertised.port", "plugin.path");
        assertThat(cluster.get("bootstrap.servers").split(",")).hasSize(Cluster.BROKERS);
        assertThat(cluster.get("listeners")).startsWith("http://127.0.0.1:");
    }

    @Test
    void clusterRegistersComposesConnectorJsonWithOnlyTheDatabaseAddressChanged() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> registered = new ObjectMapper().readValue(ConnectNode.connectorConfig(CONNECTOR_JSON, 40001), Map.class);
        Map<String, String> expected = new LinkedHashMap<>(connector);
        expected.put("database.hostname", "127.0.0.1");
        expected.put("database.port", "40001");
        assertThat(registered).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void clusterPostgresRunsComposesServerSettings() {
        Map<String, String> compose = new LinkedHashMap<>();
        List<String> command = strings(service("postgres").get("command"));
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).equals("-c")) {
                String setting = command.get(++i);
                compose.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }
        assertThat(PostgresNode.SERVER_SETTINGS).containsExactlyInAnyOrderEntriesOf(compose);
        assertThat(PostgresNode.HOST_SETTINGS.keySet()).doesNotContainAnyElementsOf(compose.keySet());
    }

    @Test
    void clusterProcessorsGetProcessorEnvAndTheVariablesComposeSets() {
        Settings cluster = new Settings("127.0.0.1", 40001, Names.DATABASE, Settings.DEFAULT_USER, Settings.DEFAULT_PASSWORD,
                PORTS.bootstrap(false), "mongodb://127.0.0.1:40002", Names.MONGO_DATABASE, Optional.empty());
        Map<String, String> env = ProcessorNode.environment(cluster, processorEnv);
        assertThat(env.keySet()).containsExactlyInAnyOrderElementsOf(union(env("event-processor").keySet(), processorEnv.keySet()));
        assertThat(env).containsAllEntriesOf(processorEnv);
    }

    @Test
    void clusterScriptsRunTheClusterCommandFromTheRepository() throws IOException {
        assertThat(read(ROOT.resolve("scripts/cluster/up.sh"))).contains("cluster up --repo \"$repo\"");
        assertThat(read(ROOT.resolve("scripts/cluster/down.sh"))).contains("cluster down");
        for (String script : List.of("up.sh", "down.sh")) assertThat(ROOT.resolve("scripts/cluster/" + script)).isExecutable();
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

    /** host:port of each broker's INTERNAL listener: where containers reach the brokers. */
    private static List<String> internalListeners() {
        return KAFKA.stream().map(k -> listener(env(k).get("KAFKA_ADVERTISED_LISTENERS"), "INTERNAL")).toList();
    }

    /** host:port of the listener {@code name} in a listeners list. */
    private static String listener(String listeners, String name) {
        for (String l : listeners.split(",")) {
            if (l.startsWith(name + "://")) return l.substring(l.indexOf("://") + 3);
        }
        throw new AssertionError("no " + name + " listener in " + listeners);
    }

    private static Set<String> listenerNames(String listeners) {
        Set<String> names = new TreeSet<>();
        for (String l : listeners.split(",")) names.add(l.substring(0, l.indexOf("://")));
        return names;
    }

    private static Map<String, String> strings(Properties p) {
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
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
