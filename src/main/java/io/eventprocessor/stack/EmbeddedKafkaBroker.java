package io.eventprocessor.stack;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/** A real single-node Kafka broker in KRaft mode (broker and controller in one), in this JVM, on loopback. */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final String CONTROLLER = "CONTROLLER";
    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats {@code logDir} on first use (kept between starts) and starts the broker.
     *
     * @param port the client listener; the controller listener takes any free port
     */
    public static EmbeddedKafkaBroker start(int port, Path logDir) throws Exception {
        Files.createDirectories(logDir);
        int controllerPort = Ports.free();
        String host = "127.0.0.1";
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + "," + CONTROLLER + "://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("controller.listener.names", CONTROLLER);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        // One node: every internal topic can only have one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // A consumer group forms at once instead of waiting 3 s for more members.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "1");
        p.put("log.retention.hours", "168");
        // The log cleaner (it compacts __consumer_offsets) allocates its dedupe map on the heap and keeps it: 128 MiB by
        // default, a fifth of the stack's heap, live for good. 8 MiB holds ~350,000 keys, far more than this broker's
        // compacted topics ever carry.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        // Idle cost: the controller appends (and syncs) a no-op record to the metadata log every 500 ms by default, and
        // 8 + 8 request handlers and 3 + 3 network threads each wake a few times a second. One client load needs far
        // fewer; together these cut the idle broker's wake-ups several times.
        p.put("metadata.max.idle.interval.ms", "5000");
        // After a kill -9 the broker re-reads every log segment written since its last recovery point, which moves on
        // when a segment rolls: with the default 1 GiB segments that was a whole session's topic (19 s for 140,000
        // events). 16 MiB segments bound it to the last few seconds of traffic.
        p.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
        p.put("num.io.threads", "2");
        p.put("num.network.threads", "1");
        KafkaConfig config = KafkaConfig.fromProps(p, false);
        format(config, logDir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        return new EmbeddedKafkaBroker(server, host + ":" + port);
    }

    private static void format(KafkaConfig config, Path logDir) throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) return;
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(config.nodeId())
                .setClusterId(Uuid.randomUuid().toString())
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setIgnoreFormatted(true)
                .setControllerListenerName(CONTROLLER)
                .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                .setDirectories(List.of(logDir.toAbsolutePath().toString()))
                .run();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
