package io.eventprocessor.cluster;

import com.mongodb.client.MongoClient;
import io.eventprocessor.cdc.ReplicationSetup;
import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.bson.Document;

/**
 * docker-compose.yml's topology as processes on this host, on loopback: PostgreSQL, three KRaft brokers, a Kafka Connect
 * worker with the Debezium connector, MongoDB (or its stand-in) and N event processors, each a process of its own, all
 * configured from the files compose reads. {@link #up} starts whatever part is not running (so it also brings back a part
 * that died, and scales the processors) and writes cluster.env; {@link #down} stops every process and removes the state.
 */
public final class Cluster {
    private Cluster() {}

    public static final int BROKERS = 3;
    public static final String CLIENT_ID = "cluster";

    /**
     * @param repo the project's directory: docker/ and the build in target/
     * @param processors how many event processors should run
     * @param timeout for the whole start
     */
    public record Options(Path repo, int processors, Duration timeout) {}

    /**
     * @param steps how long each step took, in order
     * @param started the parts started by this call (the others were running)
     * @param stopped the processors stopped by this call (above --processors)
     */
    public record Started(ClusterEnv env, Map<String, Duration> steps, Duration total, List<String> started, List<String> stopped) {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(String.format("%.1f s (", total.toMillis() / 1000.0));
            s.append(steps.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().toMillis() + " ms").collect(Collectors.joining(", ")));
            return s.append(')').toString();
        }
    }

    /** One part and its process, if it runs. */
    public record Part(String name, Optional<Long> pid) {}

    public static Started up(ClusterHome home, Options options, Consumer<String> progress) throws Exception {
        if (options.processors() < 0) throw new IllegalArgumentException("processors must be 0 or more");
        ClusterSources sources = new ClusterSources(options.repo());
        sources.check();
        long t0 = System.nanoTime();
        long deadline = t0 + options.timeout().toNanos();
        Steps steps = new Steps();
        List<String> started = new ArrayList<>();
        List<String> stopped = new ArrayList<>();

        ClusterPorts ports;
        if (Files.exists(home.portsFile())) {
            ports = ClusterPorts.load(home.portsFile());
        } else {
            ports = ClusterPorts.choose(BROKERS);
            ports.save(home.portsFile());
        }
        sources.stage(home);
        Path logback = home.conf().resolve("logback-node.xml");
        copyResource("logback-node.xml", logback);
        Map<String, String> kafkaEnv = sources.kafkaSettings();
        Map<String, String> connectEnv = sources.connectSettings();
        Map<String, String> processorEnv = sources.processorSettings();
        Settings services = services(ports, true);
        Path root = home.root();

        // Brokers and MongoDB start in the background while PostgreSQL starts here.
        List<BrokerNode> brokers = new ArrayList<>();
        List<Long> brokerPids = new ArrayList<>();
        for (int i = 0; i < BROKERS; i++) {
            BrokerNode broker = new BrokerNode(home, ports, i);
            brokers.add(broker);
            brokerPids.add(ensure(home, broker.name(), () -> broker.start(kafkaEnv, logback), started, progress));
        }
        MongoNode mongo = new MongoNode(home, ports.mongodb());
        long mongoPid = ensure(home, MongoNode.NAME, mongo::start, started, progress);

        PostgresNode postgres = new PostgresNode(home, ports.postgres());
        Optional<Long> postgresRunning = postgres.pid();
        long postgresPid;
        if (postgresRunning.isPresent()) {
            postgresPid = postgresRunning.get();
        } else {
            progress.accept("Starting PostgreSQL (zonky's PostgreSQL 18 binaries, standalone) on 127.0.0.1:" + ports.postgres() + "...");
            postgresPid = postgres.start();
            started.add(PostgresNode.NAME);
        }
        NodeProcesses.writePid(home.pidFile(PostgresNode.NAME), postgresPid);
        PostgresNode.prepare(services);
        steps.mark("postgresql");

        progress.accept("Waiting for the three Kafka brokers...");
        awaitBrokers(home, ports, services, brokers, deadline);
        createTopics(services);
        steps.mark("kafka");

        awaitMongo(home, services, mongoPid, deadline);
        steps.mark("mongodb");

        // The processors start now (they wait for records), Connect beside them.
        List<Long> processorPids = scaleProcessors(home, services(ports, false), processorEnv, options.processors(), started, stopped,
                progress);

        ConnectNode connect = new ConnectNode(home, ports);
        long connectPid = ensure(home, ConnectNode.NAME, () -> connect.start(connectEnv, logback), started, progress);
        progress.accept("Registering " + Names.CONNECTOR_NAME + " with Kafka Connect at " + connect.url() + "...");
        connect.register(ConnectNode.connectorConfig(sources.connectorJson(), ports.postgres()), within(deadline, home, connectPid, ConnectNode.NAME));
        connect.awaitRunning(deadline);
        try (Connection c = Clients.postgres(services)) {
            // Rows committed before the slot streams would never be captured: ready means streaming.
            ReplicationSetup.awaitSlotActive(c, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        steps.mark("connect");

        progress.accept("Waiting for " + options.processors() + " processor(s) in consumer group " + Names.CONSUMER_GROUP + "...");
        awaitProcessors(home, services, processorPids, options.processors(), deadline);
        steps.mark("processors");

        ClusterEnv env = new ClusterEnv(services, connect.url(), brokerPids, List.of(connectPid), processorPids, postgresPid, mongoPid);
        env.write(home.envFile());
        return new Started(env, steps.all(), Duration.ofNanos(System.nanoTime() - t0), started, stopped);
    }

    /** The services as a client on the host sees them (external) or as the cluster's own processes do (internal listeners). */
    static Settings services(ClusterPorts ports, boolean external) {
        return new Settings("127.0.0.1", ports.postgres(), Names.DATABASE, Settings.DEFAULT_USER, Settings.DEFAULT_PASSWORD,
                ports.bootstrap(external), "mongodb://127.0.0.1:" + ports.mongodb(), Names.MONGO_DATABASE, Optional.empty());
    }

    private interface Starter {
        long start() throws Exception;
    }

    /** The running process of {@code node}, or a new one. */
    private static long ensure(ClusterHome home, String node, Starter starter, List<String> started, Consumer<String> progress) throws Exception {
        Optional<Long> running = NodeProcesses.running(home.pidFile(node), home.root());
        if (running.isPresent()) return running.get();
        progress.accept("Starting " + node + "...");
        long pid = starter.start();
        NodeProcesses.writePid(home.pidFile(node), pid);
        started.add(node);
        return pid;
    }

    /** The deadline, after checking that the process still lives (a part that died says so at once, with its log). */
    private static long within(long deadline, ClusterHome home, long pid, String node) {
        requireAlive(home, pid, node);
        return deadline;
    }

    private static void requireAlive(ClusterHome home, long pid, String node) {
        if (!NodeProcesses.alive(pid)) {
            throw new IllegalStateException(node + " (pid " + pid + ") exited during start-up. Last lines of " + home.log(node) + ":\n"
                    + tail(home.log(node), 20));
        }
    }

    private static void checkTime(long deadline, String what) {
        if (System.nanoTime() > deadline) throw new IllegalStateException(what + " within the start-up timeout (--timeout)");
    }

    private static void awaitBrokers(ClusterHome home, ClusterPorts ports, Settings services, List<BrokerNode> brokers, long deadline)
            throws Exception {
        // Listening first, so the Admin client below does not log every refused connection of a broker still starting.
        for (int i = 0; i < brokers.size(); i++) {
            BrokerNode b = brokers.get(i);
            while (!listening(ports.brokers().get(i).external())) {
                requireAlive(home, NodeProcesses.running(home.pidFile(b.name()), home.root()).orElse(-1L), b.name());
                checkTime(deadline, b.name() + " did not listen");
                Thread.sleep(100);
            }
        }
        try (Admin admin = Clients.kafkaAdmin(services.kafkaBootstrapServers(), CLIENT_ID, Duration.ofSeconds(5))) {
            while (true) {
                for (BrokerNode b : brokers) {
                    requireAlive(home, NodeProcesses.running(home.pidFile(b.name()), home.root()).orElse(-1L), b.name());
                }
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == brokers.size()) return;
                } catch (ExecutionException | TimeoutException e) {
                    // not all up yet
                }
                checkTime(deadline, "The Kafka brokers did not all come up");
                Thread.sleep(250);
            }
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The pipeline's topics, with the brokers' defaults (partitions, replicas) as compose's auto-creation gives them. */
    static void createTopics(Settings services) throws Exception {
        try (Admin admin = Clients.kafkaAdmin(services.kafkaBootstrapServers(), CLIENT_ID)) {
            List<NewTopic> topics = Stream.of(Names.OUTBOX_TOPIC, Names.METRICS_TOPIC, Names.DLQ_TOPIC, Names.HEARTBEAT_TOPIC)
                    .map(t -> new NewTopic(t, Optional.empty(), Optional.empty())).toList();
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                }
            }
        }
    }

    private static void awaitMongo(ClusterHome home, Settings services, long pid, long deadline) throws Exception {
        while (true) {
            requireAlive(home, pid, MongoNode.NAME);
            try (MongoClient client = Clients.mongo(services, Duration.ofSeconds(2))) {
                client.getDatabase("admin").runCommand(new Document("ping", 1));
                return;
            } catch (RuntimeException e) {
                checkTime(deadline, "MongoDB did not answer");
                Thread.sleep(250);
            }
        }
    }

    /** Processors 1..n run afterwards: missing ones are started, those above n stopped (they finish their poll first). */
    private static List<Long> scaleProcessors(ClusterHome home, Settings internal, Map<String, String> processorEnv, int n,
            List<String> started, List<String> stopped, Consumer<String> progress) throws Exception {
        List<Long> surplus = new ArrayList<>();
        for (int number : processorNumbers(home)) {
            if (number > n) {
                Optional<Long> pid = NodeProcesses.running(home.pidFile("processor-" + number), home.root());
                if (pid.isPresent()) {
                    surplus.add(pid.get());
                    stopped.add("processor-" + number);
                }
                Files.deleteIfExists(home.pidFile("processor-" + number));
            }
        }
        if (!surplus.isEmpty()) {
            progress.accept("Stopping " + surplus.size() + " processor(s) above " + n + "...");
            NodeProcesses.stop(surplus, "TERM", Duration.ofSeconds(40));
        }
        List<Long> pids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ProcessorNode p = new ProcessorNode(home, i);
            pids.add(ensure(home, p.name(), () -> p.start(internal, processorEnv), started, progress));
        }
        return pids;
    }

    private static Set<Integer> processorNumbers(ClusterHome home) throws IOException {
        Path run = home.pidFile("x").getParent();
        Set<Integer> numbers = new TreeSet<>();
        if (!Files.isDirectory(run)) return numbers;
        try (Stream<Path> files = Files.list(run)) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.matches("processor-\\d+\\.pid"))
                    .forEach(f -> numbers.add(Integer.parseInt(f.substring("processor-".length(), f.length() - 4))));
        }
        return numbers;
    }

    /** Until the group has exactly the running processors as members (a killed one lingers until its session expires). */
    private static void awaitProcessors(ClusterHome home, Settings services, List<Long> pids, int n, long deadline) throws Exception {
        Set<String> expected = new TreeSet<>();
        for (int i = 1; i <= n; i++) expected.add("event-processor-" + ProcessorNode.ID_PREFIX + i);
        try (Admin admin = Clients.kafkaAdmin(services.kafkaBootstrapServers(), CLIENT_ID, Duration.ofSeconds(5))) {
            while (true) {
                for (int i = 0; i < pids.size(); i++) requireAlive(home, pids.get(i), "processor-" + (i + 1));
                Set<String> members = new TreeSet<>();
                int count = 0;
                try {
                    ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(Names.CONSUMER_GROUP)).describedGroups()
                            .get(Names.CONSUMER_GROUP).get(5, TimeUnit.SECONDS);
                    for (MemberDescription m : d.members()) members.add(m.clientId());
                    count = d.members().size();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof GroupIdNotFoundException)) throw e;
                }
                if (count == n && members.equals(expected)) return;
                checkTime(deadline, "The processors did not all join " + Names.CONSUMER_GROUP + " (members now: " + members + ")");
                Thread.sleep(250);
            }
        }
    }

    /** Every part and its process: what cluster status shows. */
    public static List<Part> parts(ClusterHome home) throws IOException {
        List<String> names = new ArrayList<>(List.of(PostgresNode.NAME));
        for (int i = 0; i < BROKERS; i++) names.add("broker-" + ClusterPorts.nodeId(i));
        names.add(ConnectNode.NAME);
        names.add(MongoNode.NAME);
        for (int n : processorNumbers(home)) names.add("processor-" + n);
        List<Part> parts = new ArrayList<>();
        for (String name : names) parts.add(new Part(name, NodeProcesses.running(home.pidFile(name), home.root())));
        return parts;
    }

    /** Whether a cluster has state here (it may be partly or wholly stopped). */
    public static boolean exists(ClusterHome home) {
        return Files.exists(home.root());
    }

    /**
     * Stops every process of the cluster, in the reverse order of the data's path (processors finish their poll and commit
     * first), then any other process that still names the cluster's directory, and removes cluster.env and the directory.
     * Returns what had to be killed because it did not stop in time.
     */
    public static List<String> down(ClusterHome home, Consumer<String> progress) throws Exception {
        List<String> killed = new ArrayList<>();
        Path root = home.root();
        if (Files.exists(root)) {
            List<Part> parts = parts(home);
            stopParts(parts, "processor-", "TERM", Duration.ofSeconds(40), killed, progress);
            stopParts(parts, "connect-", "TERM", Duration.ofSeconds(30), killed, progress);
            // As docker compose stops a container: TERM, then KILL after 10 s. Once two of the three are gone the last broker has no
            // controller quorum for its controlled shutdown, and its data is about to be removed anyway.
            stopParts(parts, "broker-", "TERM", Duration.ofSeconds(10), killed, progress);
            stopParts(parts, MongoNode.NAME, "TERM", Duration.ofSeconds(15), killed, progress);
            // Fast shutdown: clients are disconnected rather than waited for.
            stopParts(parts, PostgresNode.NAME, "INT", Duration.ofSeconds(30), killed, progress);
            List<Long> stray = NodeProcesses.allOf(root);
            if (!stray.isEmpty()) {
                progress.accept("Killing " + stray.size() + " stray process(es) of the cluster: " + stray);
                NodeProcesses.stop(stray, "KILL", Duration.ZERO);
                stray.forEach(pid -> killed.add("pid " + pid));
            }
            deleteTree(root);
        }
        Files.deleteIfExists(home.envFile());
        return killed;
    }

    private static void stopParts(List<Part> parts, String prefix, String signal, Duration grace, List<String> killed, Consumer<String> progress)
            throws InterruptedException {
        List<Part> running = parts.stream().filter(p -> p.name().startsWith(prefix) && p.pid().isPresent()).toList();
        if (running.isEmpty()) return;
        progress.accept("Stopping " + running.stream().map(p -> p.name() + " (pid " + p.pid().get() + ")").collect(Collectors.joining(", ")) + "...");
        List<Long> hard = NodeProcesses.stop(running.stream().map(p -> p.pid().get()).toList(), signal, grace);
        running.stream().filter(p -> hard.contains(p.pid().get())).forEach(p -> killed.add(p.name()));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static void copyResource(String name, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = Cluster.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " is missing from the build");
            Files.write(target, in.readAllBytes());
        }
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Durations of consecutive steps. */
    private static final class Steps {
        private final Map<String, Duration> steps = new LinkedHashMap<>();
        private long last = System.nanoTime();

        void mark(String step) {
            long now = System.nanoTime();
            steps.put(step, Duration.ofNanos(now - last));
            last = now;
        }

        Map<String, Duration> all() {
            return steps;
        }
    }
}
