package io.eventprocessor.cluster;

import io.eventprocessor.config.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One event processor of the cluster: {@code event-processor processor} in a JVM of its own, with docker/processor.env's
 * settings (as compose passes them, in its environment) and the external-mode variables naming the cluster's services,
 * Kafka through the brokers' INTERNAL listeners as compose's containers reach them. All processors share consumer group
 * event-processor-group.
 *
 * @param number 1-based; the processor's id is {@code cluster-processor-N}
 */
public record ProcessorNode(ClusterHome home, int number) {
    static final String ID_PREFIX = "cluster-processor-";

    String name() {
        return "processor-" + number;
    }

    String processorId() {
        return ID_PREFIX + number;
    }

    /** docker/processor.env's variables and the services' (compose's environment of event-processor). */
    public static Map<String, String> environment(Settings services, Map<String, String> processorEnv) {
        Map<String, String> env = new HashMap<>(processorEnv);
        env.putAll(services.toEnv());
        return env;
    }

    long start(Settings services, Map<String, String> processorEnv) throws Exception {
        List<String> command = List.of(NodeProcesses.java(), "-jar", home.app().resolve("event-processor.jar").toString(),
                "processor", "--id", processorId());
        return NodeProcesses.spawn(command, environment(services, processorEnv), home.log(name()));
    }
}
