package io.eventprocessor.cluster;

import io.eventprocessor.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The cluster of scripts/cluster/up.sh, started once for the whole test run (in target/cluster-it) through the scripts
 * themselves, and removed by scripts/cluster/down.sh when the run ends ({@code @ExtendWith(SharedCluster.class)}). A run
 * that was killed before it could clean up leaves its processes behind: the next run removes them first.
 */
public final class SharedCluster implements BeforeAllCallback {
    static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path HOME = REPO.resolve("target/cluster-it");
    private static final Object LOCK = new Object();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (LOCK) {
            ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
            if (store.get(Holder.class, Holder.class) == null) {
                script("down.sh");
                store.put(Holder.class, new Holder());
                up();
            }
        }
    }

    /** up.sh: starts the cluster, or brings back the parts that are not running. Returns its output. */
    static String up(String... args) throws Exception {
        return script("up.sh", args);
    }

    /** cluster.env as it is now. */
    static Map<String, String> env() throws IOException {
        Map<String, String> env = ClusterEnv.read(new ClusterHome(HOME).envFile());
        if (env.isEmpty()) throw new IllegalStateException("no cluster.env in " + HOME);
        return env;
    }

    static Settings settings() throws IOException {
        return Settings.fromEnv(env());
    }

    static List<Long> pids(String variable) throws IOException {
        return List.of(env().get(variable).split(" ")).stream().map(Long::parseLong).toList();
    }

    /** Runs scripts/cluster/NAME for this cluster; fails with its output when it fails. */
    static String script(String name, String... args) throws Exception {
        Files.createDirectories(HOME);
        Path log = Files.createTempFile(HOME.getParent(), "cluster-" + name, ".log");
        List<String> command = new ArrayList<>(List.of(REPO.resolve("scripts/cluster/" + name).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put(Settings.EVENT_PROCESSOR_HOME, HOME.toString());
        for (String v : List.of(Settings.POSTGRES_HOST, Settings.KAFKA_BOOTSTRAP_SERVERS, Settings.MONGODB_URI)) builder.environment().remove(v);
        Process p = builder.start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        if (!done) {
            p.destroyForcibly();
            throw new IllegalStateException(name + " did not finish within 10 minutes:\n" + output);
        }
        if (p.exitValue() != 0) throw new IllegalStateException(name + " failed (exit " + p.exitValue() + "):\n" + output);
        System.out.println("[cluster] " + name + ": " + output.lines().filter(l -> l.startsWith("Cluster")).findFirst().orElse("done"));
        return output;
    }

    private static final class Holder implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            script("down.sh");
        }
    }
}
