package io.eventprocessor.cluster;

import io.eventprocessor.stack.Ports;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The loopback ports of one cluster, free ones chosen by its first start and kept until it is removed: the brokers'
 * addresses are part of their stored metadata, and a part restarted later must come back where the others look for it.
 *
 * @param brokers one entry per broker, node id 1 first
 */
public record ClusterPorts(int postgres, int mongodb, int connect, List<Broker> brokers) {

    /**
     * @param internal the listener of the brokers, Kafka Connect and the processors (INTERNAL in docker/kafka.env)
     * @param external the listener of clients on the host, named in cluster.env (EXTERNAL)
     * @param controller the KRaft controller listener
     */
    public record Broker(int internal, int external, int controller) {}

    public ClusterPorts {
        brokers = List.copyOf(brokers);
    }

    /** Free loopback ports, all different (never the well-known ones: the system hands out ephemeral ports). */
    public static ClusterPorts choose(int brokerCount) {
        Set<Integer> taken = new HashSet<>();
        int postgres = fresh(taken);
        int mongodb = fresh(taken);
        int connect = fresh(taken);
        List<Broker> brokers = new ArrayList<>();
        for (int i = 0; i < brokerCount; i++) brokers.add(new Broker(fresh(taken), fresh(taken), fresh(taken)));
        return new ClusterPorts(postgres, mongodb, connect, brokers);
    }

    private static int fresh(Set<Integer> taken) {
        while (true) {
            int port = Ports.free();
            if (taken.add(port)) return port;
        }
    }

    /** Node id of broker {@code index} (0-based). */
    public static int nodeId(int index) {
        return index + 1;
    }

    /** host:port of every broker's listener, as a bootstrap list. */
    public String bootstrap(boolean external) {
        return brokers.stream().map(b -> "127.0.0.1:" + (external ? b.external() : b.internal())).collect(Collectors.joining(","));
    }

    /** The static KRaft quorum: every broker is also a controller. */
    public String quorumVoters() {
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < brokers.size(); i++) voters.add(nodeId(i) + "@127.0.0.1:" + brokers.get(i).controller());
        return String.join(",", voters);
    }

    public void save(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("postgres", Integer.toString(postgres));
        p.setProperty("mongodb", Integer.toString(mongodb));
        p.setProperty("connect", Integer.toString(connect));
        p.setProperty("brokers", Integer.toString(brokers.size()));
        for (int i = 0; i < brokers.size(); i++) {
            Broker b = brokers.get(i);
            p.setProperty("broker." + nodeId(i), b.internal() + "," + b.external() + "," + b.controller());
        }
        Files.createDirectories(file.getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "Loopback ports of this cluster (broker.N = internal,external,controller)");
        }
    }

    public static ClusterPorts load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        List<Broker> brokers = new ArrayList<>();
        int count = Integer.parseInt(p.getProperty("brokers"));
        for (int i = 0; i < count; i++) {
            String[] ports = p.getProperty("broker." + nodeId(i)).split(",");
            brokers.add(new Broker(Integer.parseInt(ports[0]), Integer.parseInt(ports[1]), Integer.parseInt(ports[2])));
        }
        return new ClusterPorts(Integer.parseInt(p.getProperty("postgres")), Integer.parseInt(p.getProperty("mongodb")),
                Integer.parseInt(p.getProperty("connect")), brokers);
    }
}
