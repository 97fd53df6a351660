package io.eventprocessor.cluster;

import io.eventprocessor.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code $EVENT_PROCESSOR_HOME/cluster.env}: what a running cluster tells a shell. The external-mode variables (so that,
 * sourced, every command runs against the cluster), the Connect REST API, and the pids of its processes as
 * space-separated lists. Written with mode 0600: it holds the database password.
 */
public record ClusterEnv(Settings settings, String connectUrl, List<Long> kafkaBrokerPids, List<Long> connectPids,
        List<Long> processorPids, long postgresPid, long mongodbPid) {
    public static final String CONNECT_URL = "CONNECT_URL";
    public static final String KAFKA_BROKER_PIDS = "KAFKA_BROKER_PIDS";
    public static final String CONNECT_PIDS = "CONNECT_PIDS";
    public static final String PROCESSOR_PIDS = "PROCESSOR_PIDS";
    public static final String POSTGRES_PID = "POSTGRES_PID";
    public static final String MONGODB_PID = "MONGODB_PID";

    public ClusterEnv {
        kafkaBrokerPids = List.copyOf(kafkaBrokerPids);
        connectPids = List.copyOf(connectPids);
        processorPids = List.copyOf(processorPids);
    }

    public Map<String, String> toEnv() {
        Map<String, String> env = new LinkedHashMap<>(settings.toEnv());
        env.put(CONNECT_URL, connectUrl);
        env.put(KAFKA_BROKER_PIDS, join(kafkaBrokerPids));
        env.put(CONNECT_PIDS, join(connectPids));
        env.put(PROCESSOR_PIDS, join(processorPids));
        env.put(POSTGRES_PID, Long.toString(postgresPid));
        env.put(MONGODB_PID, Long.toString(mongodbPid));
        return env;
    }

    private static String join(List<Long> pids) {
        return pids.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    /** Written whole, then moved into place, so a reader never sees half a file. */
    public void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder("""
                # Event Processor cluster (scripts/cluster/up.sh). To run any command against it:
                #   set -a; . %s; set +a
                """.formatted(file));
        toEnv().forEach((k, v) -> text.append(k).append('=').append(EnvFile.shellQuote(v)).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The file's variables (empty when there is none). */
    public static Map<String, String> read(Path file) throws IOException {
        return Files.exists(file) ? EnvFile.read(file) : Map.of();
    }
}
