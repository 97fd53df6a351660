package io.eventprocessor.cluster;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One Kafka broker of the cluster (also a KRaft controller): its properties are docker/kafka.env's, as the apache/kafka
 * image reads them, plus its node id, listeners and log directory; it runs Kafka's own {@code kafka.Kafka} in a JVM of
 * its own, on Kafka's jars from the project's libraries.
 *
 * @param index 0-based; the node id is index + 1
 */
public record BrokerNode(ClusterHome home, ClusterPorts ports, int index) {
    static final String MAIN = "kafka.Kafka";

    public String name() {
        return "broker-" + ClusterPorts.nodeId(index);
    }

    Path logDir() {
        return home.data().resolve("kafka-" + ClusterPorts.nodeId(index));
    }

    Path config() {
        return home.conf().resolve(name() + ".properties");
    }

    /** The broker's properties: the shared settings, then what only this broker has. */
    public Properties properties(Map<String, String> kafkaEnv) {
        Properties p = new Properties();
        p.putAll(ImageEnv.brokerProperties(kafkaEnv));
        ClusterPorts.Broker b = ports.brokers().get(index);
        p.setProperty("node.id", Integer.toString(ClusterPorts.nodeId(index)));
        p.setProperty("controller.quorum.voters", ports.quorumVoters());
        p.setProperty("listeners", "INTERNAL://127.0.0.1:" + b.internal() + ",EXTERNAL://127.0.0.1:" + b.external()
                + ",CONTROLLER://127.0.0.1:" + b.controller());
        p.setProperty("advertised.listeners", "INTERNAL://127.0.0.1:" + b.internal() + ",EXTERNAL://127.0.0.1:" + b.external());
        p.setProperty("log.dirs", logDir().toString());
        return p;
    }

    /** Writes the configuration, formats the log directory on first use (as the image does) and starts the JVM. */
    long start(Map<String, String> kafkaEnv, Path logbackConfig) throws Exception {
        Properties props = properties(kafkaEnv);
        PropertiesFile.write(config(), name() + ": docker/kafka.env plus this node's id, listeners and log directory", props);
        format(kafkaEnv.get(ImageEnv.CLUSTER_ID), props.getProperty("controller.listener.names"));
        List<String> command = new ArrayList<>(List.of(NodeProcesses.java()));
        command.addAll(ImageEnv.brokerJvmOptions(kafkaEnv));
        command.add("-Dlogback.configurationFile=" + logbackConfig);
        command.addAll(List.of("-cp", home.app().resolve("lib") + "/*", MAIN, config().toString()));
        return NodeProcesses.spawn(command, Map.of(), home.log(name()));
    }

    private void format(String clusterId, String controllerListener) throws Exception {
        if (Files.exists(logDir().resolve("meta.properties"))) return;
        if (clusterId == null || clusterId.isBlank()) throw new IllegalStateException("docker/kafka.env sets no " + ImageEnv.CLUSTER_ID);
        Files.createDirectories(logDir());
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(ClusterPorts.nodeId(index))
                .setClusterId(clusterId)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setIgnoreFormatted(true)
                .setControllerListenerName(controllerListener)
                .setMetadataLogDirectory(logDir().toString())
                .setDirectories(List.of(logDir().toString()))
                .run();
    }
}
