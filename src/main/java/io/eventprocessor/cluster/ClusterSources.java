package io.eventprocessor.cluster;

import io.eventprocessor.config.ConfigException;
import io.eventprocessor.contract.Names;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a cluster is made from, in the repository: the settings compose uses too (docker/*.env, the connector JSON) and
 * the build (the application jar, its libraries, the Debezium connector as a Connect plugin).
 */
public record ClusterSources(Path repo) {
    public static final String PLUGIN = "debezium-connector-postgres";

    public ClusterSources {
        repo = repo.toAbsolutePath().normalize();
    }

    public Path kafkaEnv() {
        return repo.resolve("docker/kafka.env");
    }

    public Path connectEnv() {
        return repo.resolve("docker/connect.env");
    }

    public Path processorEnv() {
        return repo.resolve("docker/processor.env");
    }

    public Path connectorJson() {
        return repo.resolve("docker/connect/" + Names.CONNECTOR_NAME + ".json");
    }

    Path jar() {
        return repo.resolve("target/event-processor.jar");
    }

    Path lib() {
        return repo.resolve("target/lib");
    }

    Path plugin() {
        return repo.resolve("target/connect-plugins/" + PLUGIN);
    }

    /** Refuses, saying what to do, when a file is missing. */
    void check() {
        for (Path settings : List.of(kafkaEnv(), connectEnv(), processorEnv(), connectorJson())) {
            if (!Files.isRegularFile(settings)) {
                throw new ConfigException(settings + " is missing: --repo must name the project's directory (it holds docker/).");
            }
        }
        for (Path built : List.of(jar(), lib(), plugin())) {
            if (!Files.exists(built)) {
                throw new ConfigException(built + " is missing: build first with `./mvnw -B -DskipTests package` in " + repo + ".");
            }
        }
    }

    public Map<String, String> kafkaSettings() throws IOException {
        return EnvFile.read(kafkaEnv());
    }

    public Map<String, String> connectSettings() throws IOException {
        return EnvFile.read(connectEnv());
    }

    public Map<String, String> processorSettings() throws IOException {
        return EnvFile.read(processorEnv());
    }

    /**
     * Puts the application where the processes run it from ({@link ClusterHome#app()}): the jar copied, the libraries
     * linked (hard links, copies across file systems), so a rebuild or {@code mvn clean} does not touch a running cluster.
     * {@code lib/} is everything; {@code connect-worker/} is the Connect worker's class path, everything but Debezium's
     * jars: it finds the plugin's in {@code connect-plugins/} (its plugin.path).
     */
    void stage(ClusterHome home) throws IOException {
        Path app = home.app();
        Path done = app.resolve(".staged");
        if (Files.exists(done)) return;
        Files.createDirectories(app);
        Files.copy(jar(), app.resolve("event-processor.jar"), StandardCopyOption.REPLACE_EXISTING);
        Set<String> pluginJars;
        try (Stream<Path> files = Files.list(plugin())) {
            pluginJars = files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
        try (Stream<Path> files = Files.list(lib())) {
            for (Path jar : files.toList()) {
                String name = jar.getFileName().toString();
                link(jar, app.resolve("lib").resolve(name));
                // Debezium reaches the worker only as the plugin (debezium-embedded, which is not part of it, not at all).
                if (!pluginJars.contains(name) && !name.startsWith("debezium-")) link(jar, app.resolve("connect-worker").resolve(name));
            }
        }
        for (String name : pluginJars) link(plugin().resolve(name), app.resolve("connect-plugins").resolve(PLUGIN).resolve(name));
        Files.writeString(done, "");
    }

    private static void link(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException e) {
            // staged by an earlier, interrupted start
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
