package io.eventprocessor.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the two container images of docker-compose.yml turn their environment into configuration, so that the cluster's
 * processes run from the same docker/*.env files with the same meaning. A variable neither image would read is refused:
 * the file is then wrong for compose as well.
 */
public final class ImageEnv {
    private ImageEnv() {}

    /** JVM settings of the apache/kafka image: never broker properties. */
    static final Set<String> KAFKA_JVM_VARIABLES = Set.of("KAFKA_VERSION", "KAFKA_HEAP_OPTS", "KAFKA_LOG4J_OPTS", "KAFKA_OPTS",
            "KAFKA_JMX_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_GC_LOG_OPTS", "KAFKA_LOG4J_ROOT_LOGLEVEL", "KAFKA_LOG4J_LOGGERS",
            "KAFKA_TOOLS_LOG4J_LOGLEVEL", "KAFKA_JMX_HOSTNAME");
    /** The apache/kafka image formats the storage with it; not a broker property. */
    public static final String CLUSTER_ID = "CLUSTER_ID";

    /** The debezium/connect image's own names for worker properties. */
    static final Map<String, String> CONNECT_NAMED = Map.of(
            "BOOTSTRAP_SERVERS", "bootstrap.servers",
            "GROUP_ID", "group.id",
            "CONFIG_STORAGE_TOPIC", "config.storage.topic",
            "OFFSET_STORAGE_TOPIC", "offset.storage.topic",
            "STATUS_STORAGE_TOPIC", "status.storage.topic",
            "KEY_CONVERTER", "key.converter",
            "VALUE_CONVERTER", "value.converter",
            "OFFSET_FLUSH_INTERVAL_MS", "offset.flush.interval.ms",
            "OFFSET_FLUSH_TIMEOUT_MS", "offset.flush.timeout.ms");
    /** The debezium/connect image's JVM heap setting. */
    public static final String CONNECT_HEAP_OPTS = "HEAP_OPTS";

    /** What kafka-run-class.sh gives a broker or worker JVM unless KAFKA_JVM_PERFORMANCE_OPTS says otherwise. */
    static final String KAFKA_PERFORMANCE_OPTS =
            "-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true";
    /** kafka-server-start.sh's heap when KAFKA_HEAP_OPTS is not set. */
    static final String KAFKA_DEFAULT_HEAP = "-Xmx1G -Xms1G";

    /** Broker properties as the apache/kafka image derives them: KAFKA_FOO_BAR is foo.bar, '__' is '_', '___' is '-'. */
    public static Map<String, String> brokerProperties(Map<String, String> env) {
        Map<String, String> props = new LinkedHashMap<>();
        env.forEach((key, value) -> {
            if (key.equals(CLUSTER_ID) || KAFKA_JVM_VARIABLES.contains(key)) return;
            if (!key.startsWith("KAFKA_")) throw new IllegalArgumentException("not a setting of the apache/kafka image: " + key);
            props.put(kafkaProperty(key), value);
        });
        return props;
    }

    static String kafkaProperty(String variable) {
        return variable.substring("KAFKA_".length()).toLowerCase()
                .replace("_", ".").replace("...", "-").replace("..", "_");
    }

    /** Worker properties as the debezium/connect image derives them: its named variables, and CONNECT_FOO_BAR as foo.bar. */
    public static Map<String, String> connectProperties(Map<String, String> env) {
        Map<String, String> props = new LinkedHashMap<>();
        env.forEach((key, value) -> {
            if (key.equals(CONNECT_HEAP_OPTS)) return;
            if (CONNECT_NAMED.containsKey(key)) props.put(CONNECT_NAMED.get(key), value);
            else if (key.startsWith("CONNECT_")) props.put(key.substring("CONNECT_".length()).toLowerCase().replace('_', '.'), value);
            else throw new IllegalArgumentException("not a setting of the debezium/connect image: " + key);
        });
        return props;
    }

    /** JVM options of a broker: KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS and KAFKA_OPTS, with the scripts' defaults. */
    public static List<String> brokerJvmOptions(Map<String, String> env) {
        return jvmOptions(env.getOrDefault("KAFKA_HEAP_OPTS", KAFKA_DEFAULT_HEAP), env);
    }

    /** JVM options of a Connect worker: the image's HEAP_OPTS, then what kafka-run-class.sh adds. */
    public static List<String> connectJvmOptions(Map<String, String> env) {
        return jvmOptions(env.getOrDefault(CONNECT_HEAP_OPTS, KAFKA_DEFAULT_HEAP), env);
    }

    private static List<String> jvmOptions(String heap, Map<String, String> env) {
        List<String> options = new ArrayList<>(words(heap));
        options.addAll(words(env.getOrDefault("KAFKA_JVM_PERFORMANCE_OPTS", KAFKA_PERFORMANCE_OPTS)));
        options.addAll(words(env.getOrDefault("KAFKA_OPTS", "")));
        return options;
    }

    static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
    }
}
