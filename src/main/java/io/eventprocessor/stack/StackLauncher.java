package io.eventprocessor.stack;

import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.contract.StackMode;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts the local stack as a background process that outlives the command (or the dashboard), and finds it again
 * later. The child runs {@link StackProcess}.
 */
public final class StackLauncher {
    private StackLauncher() {}

    /** Lines of the background stack's log that report progress start with this. */
    public static final String PROGRESS = "[stack] ";

    /** The pipeline a command works on, whether it is the embedded one (for reports), and whether it was started just now. */
    public record Target(Settings settings, StackMode stackMode, boolean startedNow) {}

    /** External services when configured, else the running local stack, else a local stack started now. */
    public static Target attachOrStart(Map<String, String> env, Consumer<String> out) throws Exception {
        if (Settings.externalConfigured(env)) return new Target(Settings.fromEnv(env), StackMode.EXTERNAL, false);
        StackState state = new StackState(Settings.home(env));
        boolean start = state.running().isEmpty();
        if (start) {
            out.accept("No local stack is running: starting one (it keeps running afterwards; `event-processor stack down` stops it).");
            startBackground(state, LocalStack.Options.defaults(state.home()), 180, out);
        }
        return new Target(StackLocator.attach(env), StackMode.EMBEDDED, start);
    }

    /** External services when configured, else the running local stack (or a message saying how to start one). */
    public static Target attach(Map<String, String> env) {
        return new Target(StackLocator.attach(env),
                Settings.externalConfigured(env) ? StackMode.EXTERNAL : StackMode.EMBEDDED, false);
    }

    public static StackState.Running startBackground(StackState state, LocalStack.Options options, int timeoutSeconds, Consumer<String> out)
            throws Exception {
        Files.createDirectories(state.home());
        Path log = state.logFile();
        List<Path> classPath = StackAotCache.classPath();
        StackAotCache.Plan jvm = StackAotCache.plan(System.getenv(), classPath);
        List<String> command = new ArrayList<>();
        command.add(jvm.java());
        command.addAll(Tuning.stackJvmOptions(System.getenv(), jvm.options()));
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        command.add(StackProcess.class.getName());
        command.addAll(StackProcess.arguments(options));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put(Settings.EVENT_PROCESSOR_HOME, state.home().toString());
        builder.environment().put(StackState.JVM, jvm.description());
        Process child;
        try {
            child = builder
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            jvm.abandoned();
            throw e;
        }
        jvm.started(child.pid());
        out.accept("Starting the local stack (pid " + child.pid() + "), log in " + log);
        out.accept("  its JVM: " + jvm.description());
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        long logPosition = 0;
        while (true) {
            logPosition = echoProgress(log, logPosition, out);
            Optional<StackState.Running> running = state.running();
            if (running.isPresent() && running.get().pid() == child.pid()) {
                echoProgress(log, logPosition, out);
                return running.get();
            }
            if (!child.isAlive()) {
                throw new IllegalStateException("The stack stopped during start-up (exit " + child.exitValue() + "):\n"
                        + tail(log, 15) + "\nFull log: " + log);
            }
            if (System.nanoTime() > deadline) {
                child.destroy();
                throw new IllegalStateException("The stack was not ready within " + timeoutSeconds + " s; see " + log
                        + " (a first start extracts PostgreSQL binaries and may be slow: retry with --timeout 600).");
            }
            Thread.sleep(100);
        }
    }

    private static long echoProgress(Path log, long from, Consumer<String> out) throws IOException {
        if (!Files.exists(log)) return from;
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            if (f.length() <= from) return from;
            f.seek(from);
            byte[] bytes = new byte[(int) (f.length() - from)];
            f.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int lastNewline = text.lastIndexOf('\n');
            if (lastNewline < 0) return from;
            for (String line : text.substring(0, lastNewline).split("\n")) {
                if (line.startsWith(PROGRESS)) out.accept("  " + line.substring(PROGRESS.length()));
            }
            return from + text.substring(0, lastNewline + 1).getBytes(StandardCharsets.UTF_8).length;
        }
    }

    private static String tail(Path log, int lines) throws IOException {
        List<String> all = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
