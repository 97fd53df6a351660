package io.eventprocessor.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's MongoDB: a real {@code mongod} when one is on the PATH, else the wire-protocol stand-in
 * ({@link MongoStandIn}) in a JVM of its own. Either listens on loopback only.
 */
record MongoNode(ClusterHome home, int port) {
    static final String NAME = "mongodb";

    static Optional<Path> mongod() {
        return NodeProcesses.onPath("mongod");
    }

    long start() throws Exception {
        Optional<Path> mongod = mongod();
        Path data = home.data().resolve(NAME);
        Files.createDirectories(data);
        if (mongod.isPresent()) {
            return NodeProcesses.spawn(List.of(mongod.get().toString(), "--dbpath", data.toString(), "--port", Integer.toString(port),
                    "--bind_ip", "127.0.0.1"), Map.of(), home.log(NAME));
        }
        return NodeProcesses.spawn(List.of(NodeProcesses.java(), "-XX:+UseG1GC", "-cp", home.app().resolve("event-processor.jar").toString(),
                MongoStandIn.class.getName(), Integer.toString(port), data.toString()), Map.of(), home.log(NAME));
    }
}
