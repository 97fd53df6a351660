package io.eventprocessor.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster reads compose's env files as the images do, and writes a cluster.env a shell reads back. */
class ImageEnvTest {

    @Test
    void kafkaVariablesBecomeBrokerPropertiesAsTheApacheKafkaImageMapsThem() {
        Map<String, String> props = ImageEnv.brokerProperties(Map.of(
                "KAFKA_LOG_MESSAGE_TIMESTAMP_TYPE", "LogAppendTime",
                "KAFKA_LISTENER_NAME_INTERNAL_SSL__KEY", "k",
                "KAFKA_SOME___DASHED_NAME", "d",
                "KAFKA_HEAP_OPTS", "-Xmx512m",
                "CLUSTER_ID", "abc"));
        assertThat(props).containsOnly(Map.entry("log.message.timestamp.type", "LogAppendTime"),
                Map.entry("listener.name.internal.ssl_key", "k"), Map.entry("some-dashed.name", "d"));
        assertThatThrownBy(() -> ImageEnv.brokerProperties(Map.of("NUM_PARTITIONS", "3"))).hasMessageContaining("NUM_PARTITIONS");
    }

    @Test
    void connectVariablesBecomeWorkerPropertiesAsTheDebeziumImageMapsThem() {
        Map<String, String> props = ImageEnv.connectProperties(Map.of(
                "GROUP_ID", "g", "OFFSET_FLUSH_INTERVAL_MS", "1000", "CONNECT_PRODUCER_LINGER_MS", "0", "HEAP_OPTS", "-Xmx1g"));
        assertThat(props).containsOnly(Map.entry("group.id", "g"), Map.entry("offset.flush.interval.ms", "1000"),
                Map.entry("producer.linger.ms", "0"));
        assertThatThrownBy(() -> ImageEnv.connectProperties(Map.of("PRODUCER_ACKS", "all"))).hasMessageContaining("PRODUCER_ACKS");
    }

    @Test
    void jvmOptionsComeFromTheHeapVariableThenWhatKafkasScriptsAdd() {
        assertThat(ImageEnv.brokerJvmOptions(Map.of("KAFKA_HEAP_OPTS", "-Xms256m -Xmx512m"))).startsWith("-Xms256m", "-Xmx512m")
                .contains("-XX:+UseG1GC");
        assertThat(ImageEnv.connectJvmOptions(Map.of())).startsWith("-Xmx1G", "-Xms1G");
    }

    @Test
    void envFilesAreReadAsComposeAndAShellReadThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.env");
        Files.writeString(file, "# comment\n\nA=1\nB=\"two words\"\nC='single'\nD=x=y\n");
        assertThat(EnvFile.read(file)).containsExactly(Map.entry("A", "1"), Map.entry("B", "two words"), Map.entry("C", "single"),
                Map.entry("D", "x=y"));
        Files.writeString(file, "not a line\n");
        assertThatThrownBy(() -> EnvFile.read(file)).hasMessageContaining(":1:");
    }

    @Test
    void clusterEnvIsPrivateAndReadsBackWithItsPidLists(@TempDir Path dir) throws Exception {
        Settings s = new Settings("127.0.0.1", 40001, Names.DATABASE, "postgres", "pa ss'word", "127.0.0.1:1,127.0.0.1:2,127.0.0.1:3",
                "mongodb://127.0.0.1:40002", Names.MONGO_DATABASE, Optional.empty());
        ClusterEnv env = new ClusterEnv(s, "http://127.0.0.1:40003", List.of(11L, 12L, 13L), List.of(21L), List.of(31L, 32L), 41, 51);
        Path file = dir.resolve("cluster.env");
        env.write(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Map<String, String> read = ClusterEnv.read(file);
        assertThat(read).containsEntry(ClusterEnv.KAFKA_BROKER_PIDS, "11 12 13").containsEntry(ClusterEnv.PROCESSOR_PIDS, "31 32")
                .containsEntry(ClusterEnv.CONNECT_URL, "http://127.0.0.1:40003").containsEntry(ClusterEnv.POSTGRES_PID, "41");
        assertThat(Settings.fromEnv(read)).isEqualTo(s);
        // And a shell reads the same values back.
        Process p = new ProcessBuilder("bash", "-c", "set -a; . \"$0\"; printf '%s|%s' \"$KAFKA_BROKER_PIDS\" \"$POSTGRES_PASSWORD\"", file.toString())
                .redirectErrorStream(true).start();
        assertThat(new String(p.getInputStream().readAllBytes())).isEqualTo("11 12 13|pa ss'word");
    }
}
