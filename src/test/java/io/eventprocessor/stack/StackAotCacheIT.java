package io.eventprocessor.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's stacks on a real Java 25 (run after {@code package}, with the cluster's tests): the first start
 * trains the AOT cache on a stack of its own and starts from it, the next one starts from it at once.
 */
class StackAotCacheIT {
    static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path JAR = REPO.resolve("target/event-processor.jar");

    @TempDir Path dir;
    final List<Path> homes = new ArrayList<>();

    @AfterEach
    void stopStacks() throws Exception {
        for (Path home : homes) cli(home, "stack", "down");
    }

    @Test
    void theFirstStackOfABuildIsTrainedForAndStartsFromTheCacheAsTheNextOneDoes() throws Exception {
        assumeTrue(JavaRuntime.atLeast(StackAotCache.MIN_FEATURE, System.getenv(), StackAotCache.JAVA_HOME_VARIABLE).isPresent(),
                "no Java " + StackAotCache.MIN_FEATURE + "+ on this machine");
        Path first = home("first");
        String up = cli(first, "stack", "up", "--postgres-port", "0", "--kafka-port", "0", "--mongo-port", "0");
        assertThat(up).contains("training one first").contains("trained in").contains("from the AOT cache recorded");
        assertThat(stackJvm(first)).contains("Java 2").contains("from the AOT cache recorded");
        try (Stream<Path> files = Files.list(cache())) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertThat(names.stream().filter(n -> n.startsWith("stack-"))).as("the training's recording adopted, its lock gone")
                    .singleElement().asString().endsWith(".aot");
            assertThat(names).as("the PostgreSQL template the first new state directory kept").anyMatch(n -> n.endsWith(".template"));
        }
        long pid = Long.parseLong(new StackState(first).read().get(StackState.PID));
        String[] arguments = ProcessHandle.of(pid).orElseThrow().info().arguments().orElseThrow();
        assertThat(arguments).contains(Tuning.AOT_STACK_COMPILER.toArray(String[]::new)).anyMatch(a -> a.startsWith("-XX:AOTCache=" + cache()));
        String log = Files.readString(first.resolve("stack.log"), StandardCharsets.UTF_8);
        assertThat(log).doesNotContain("Unable to use AOT cache").doesNotContain("[error");
        assertThat(cli(first, "run", "--events", "200", "--report", dir.resolve("first.json").toString())).contains("200");

        Path second = home("second");
        String again = cli(second, "stack", "up", "--postgres-port", "0", "--kafka-port", "0", "--mongo-port", "0");
        assertThat(again).doesNotContain("training").contains("from the AOT cache recorded");
        assertThat(cli(second, "run", "--events", "200", "--report", dir.resolve("second.json").toString())).contains("200");
    }

    @Test
    void aTrainingInterruptedLeavesNothingBehindSoTheNextStartTrainsAgain() throws Exception {
        assumeTrue(JavaRuntime.atLeast(StackAotCache.MIN_FEATURE, System.getenv(), StackAotCache.JAVA_HOME_VARIABLE).isPresent(),
                "no Java " + StackAotCache.MIN_FEATURE + "+ on this machine");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Process up = start(home("interrupted"), List.of("-Djava.io.tmpdir=" + tmp), "stack", "up",
                "--postgres-port", "0", "--kafka-port", "0", "--mongo-port", "0");
        List<String> seen = new ArrayList<>();
        try (BufferedReader lines = up.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null && !line.contains(StackLauncher.TRAINING + "the warm-up")) seen.add(line);
            assertThat(line).as("the training's stack started and began its warm-up: " + seen).isNotNull();
            try (Stream<Path> training = Files.list(tmp)) {
                assertThat(training.map(f -> f.getFileName().toString())).as("its state directory")
                        .anyMatch(n -> n.startsWith("event-processor-training"));
            }
            up.toHandle().destroy(); // as Ctrl-C does (its output stays open to read to the end)
            lines.transferTo(Writer.nullWriter());
        }
        assertThat(up.waitFor(4, TimeUnit.MINUTES)).isTrue();

        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.toList()).as("the training's state directory, with its PostgreSQL and Kafka data").isEmpty();
        }
        try (Stream<Path> left = Files.list(cache())) {
            assertThat(left.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("stack-")))
                    .as("neither the recording the stopped stack wrote nor the lock").isEmpty();
        }
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(dir.toString())))
                .as("no process of the training stack left running").isEmpty();
    }

    Path cache() {
        return dir.resolve("cache");
    }

    Path home(String name) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        homes.add(home);
        return home;
    }

    String stackJvm(Path home) {
        return new StackState(home).read().getOrDefault(StackState.JVM, "");
    }

    String cli(Path home, String... args) throws Exception {
        Process p = start(home, List.of(), args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(6, TimeUnit.MINUTES)).isTrue(); // a first start trains for about a minute and a half
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** The packaged jar with {@code args}, on {@code home}, its JVM given {@code jvmOptions}; output and errors in one stream. */
    Process start(Path home, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(JavaRuntime.executable()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put(Settings.EVENT_PROCESSOR_HOME, home.toString());
        env.put(StackAotCache.CACHE_DIR_VARIABLE, cache().toString());
        env.remove(StackAotCache.AOT_VARIABLE);
        for (String v : List.of(Settings.POSTGRES_HOST, Settings.KAFKA_BOOTSTRAP_SERVERS, Settings.MONGODB_URI)) env.remove(v);
        return builder.start();
    }
}
