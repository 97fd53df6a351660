package io.eventprocessor.stack;

import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.contract.Messages;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    /**
     * What a stack recording the AOT cache runs before it stops ({@link #trainIfNeeded}): load through the pipeline at
     * {@code settings}. The cache then holds the method profiles of that session, so the compilers of every later stack
     * prepare the paths it took.
     */
    @FunctionalInterface
    public interface Training {
        void run(Settings settings, Consumer<String> progress) throws Exception;
    }

    /**
     * Begins each line of a training's progress: on a dashboard's screen only the last line shows, and it must not
     * read as a scenario being run there.
     */
    static final String TRAINING = "  training the stack's AOT cache (once per build): ";
    /** The longest a training stack may take to start (a first start on a machine also extracts PostgreSQL's binaries). */
    static final int TRAINING_START_SECONDS = 300;
    /** How long a stack may take to stop in order (one recording the AOT cache writes it meanwhile, about 10 s here). */
    public static final Duration ORDERLY_STOP = Duration.ofSeconds(60);
    /** The longest a training stack may take to stop; it writes the cache as it does (about 10 s here). */
    static final Duration TRAINING_STOP = Duration.ofMinutes(3);
    /** How long a process killed outright is waited for, so that its files are let go before they are removed. */
    static final Duration FORCED_STOP = Duration.ofSeconds(10);

    /** External services when configured, else the running local stack, else a local stack started now. */
    public static Target attachOrStart(Map<String, String> env, Training training, Consumer<String> out) throws Exception {
        if (Settings.externalConfigured(env)) return new Target(Settings.fromEnv(env), StackMode.EXTERNAL, false);
        boolean start = startsLocalStack(env);
        if (start) {
            out.accept("No local stack is running: starting one (it keeps running afterwards; `event-processor stack down` stops it).");
            StackState state = new StackState(Settings.home(env));
            startBackground(state, LocalStack.Options.defaults(state.home()), 180, training, out);
        }
        return new Target(StackLocator.attach(env), StackMode.EMBEDDED, start);
    }

    /** Whether {@link #attachOrStart} called now would start a local stack: no external services configured, none running. */
    public static boolean startsLocalStack(Map<String, String> env) {
        return !Settings.externalConfigured(env) && new StackState(Settings.home(env)).running().isEmpty();
    }

    /** External services when configured, else the running local stack (or a message saying how to start one). */
    public static Target attach(Map<String, String> env) {
        return new Target(StackLocator.attach(env),
                Settings.externalConfigured(env) ? StackMode.EXTERNAL : StackMode.EMBEDDED, false);
    }

    /**
     * Starts the stack in the background and returns once it is ready. When no AOT cache exists yet for this build and
     * Java, {@code training} records one first ({@link #trainIfNeeded}), and the stack starts from it.
     */
    public static StackState.Running startBackground(StackState state, LocalStack.Options options, int timeoutSeconds,
            Training training, Consumer<String> out) throws Exception {
        List<Path> classPath = StackAotCache.classPath();
        StackAotCache.Plan plan = StackAotCache.plan(System.getenv(), classPath);
        if (plan.lock().isPresent()) {
            train(plan, classPath, training, out);
            plan = StackAotCache.plan(System.getenv(), classPath);
        }
        return launch(state, options, plan, classPath, timeoutSeconds, out);
    }

    /**
     * Records the AOT cache when a stack started now would have to (none yet for this build and Java): a stack of its own,
     * on free ports in a temporary state directory, runs {@code training} and stops, writing the cache; the stacks after
     * it start from it. A stack that recorded as it served a presenter ran its first clicks slowest of all (recording
     * costs it CPU, and its compilers start from nothing), and what it recorded depended on what that first session did.
     * Returns how long the training took, or empty when none was needed (or possible: no Java 25 here, another stack
     * recording, {@link StackAotCache#AOT_VARIABLE} off).
     */
    public static Optional<Duration> trainIfNeeded(Training training, Consumer<String> out) throws Exception {
        List<Path> classPath = StackAotCache.classPath();
        StackAotCache.Plan plan = StackAotCache.plan(System.getenv(), classPath);
        return plan.lock().isPresent() ? Optional.of(train(plan, classPath, training, out)) : Optional.empty();
    }

    private static Duration train(StackAotCache.Plan recording, List<Path> classPath, Training training,
            Consumer<String> out) throws Exception {
        long t0 = System.nanoTime();
        out.accept("No AOT cache for this build and Java yet: training one first, on a stack of its own "
                + "(once per build; the warm-up and the four scenarios, about a minute)");
        Path home = TemporaryHome.create("event-processor-training");
        StackState state = new StackState(home);
        out.accept(TRAINING + "starting its stack");
        Process child;
        try {
            child = spawn(state, LocalStack.Options.anyPorts(home), recording, classPath, line -> {});
        } catch (IOException e) {
            TemporaryHome.remove(home);
            throw e;
        }
        // A command stopped meanwhile (Ctrl-C) stops the training stack too, at once: what it recorded goes, with the
        // stack's data, and the next start trains again.
        Thread interrupted = new Thread(() -> {
            discard(child.toHandle(), home, Duration.ZERO);
            try {
                recording.dropped();
            } catch (IOException e) {
                // the lock stays; the next launch finds its stack gone and records again
            }
        }, "training-stack-stop");
        Runtime.getRuntime().addShutdownHook(interrupted);
        Exception notStarted = null;
        try {
            StackState.Running running = awaitReady(state, child, TRAINING_START_SECONDS, line -> {});
            try {
                training.run(running.settings(), line -> out.accept(TRAINING + line));
            } catch (Exception e) {
                out.accept(TRAINING + "stopped early (" + Messages.describe(e) + "); the cache keeps what it ran");
            }
            out.accept(TRAINING + "writing it as the training stack stops");
        } catch (Exception e) {
            notStarted = e;
        }
        discard(child.toHandle(), home, TRAINING_STOP);
        try {
            Runtime.getRuntime().removeShutdownHook(interrupted);
        } catch (IllegalStateException e) {
            // The hook drops the recording; no stack may start now, to outlive a command that was stopped.
            throw new IllegalStateException("Stopped while training the AOT cache; the next start trains again.");
        }
        if (notStarted != null) throw notStarted;
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        out.accept(String.format(Locale.ROOT, "  AOT cache trained in %.0f s", took.toMillis() / 1000.0));
        return took;
    }

    /**
     * Stops a stack's process (it shuts down in order), forcibly after {@code patience} (at once when zero). Returns
     * whether it stopped in time.
     */
    public static boolean stop(ProcessHandle process, Duration patience) {
        if (!patience.isZero()) {
            process.destroy();
            if (exited(process, patience)) return true;
        }
        process.destroyForcibly();
        exited(process, FORCED_STOP); // or gone soon: what it held is released as it goes
        return false;
    }

    /** Waits up to {@code within} for {@code process} to end; false when it did not (or the wait was interrupted). */
    private static boolean exited(ProcessHandle process, Duration within) {
        try {
            process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /**
     * Stops a stack that runs on a throw-away {@code home} (a training's, a benchmark's) and removes the home with its
     * data, after stopping the PostgreSQL server a stack killed outright, or stopped as it was starting one, leaves
     * running there.
     */
    public static void discard(ProcessHandle process, Path home, Duration patience) {
        try {
            stop(process, patience);
            LocalStack.stopLeftovers(home);
        } catch (IOException | RuntimeException e) {
            // its files go below all the same; a server still running keeps what it holds open
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TemporaryHome.remove(home);
    }

    private static StackState.Running launch(StackState state, LocalStack.Options options, StackAotCache.Plan jvm,
            List<Path> classPath, int timeoutSeconds, Consumer<String> out) throws Exception {
        return awaitReady(state, spawn(state, options, jvm, classPath, out), timeoutSeconds, out);
    }

    /** Starts the stack's process, its output in the state directory's log; returns at once. */
    private static Process spawn(StackState state, LocalStack.Options options, StackAotCache.Plan jvm, List<Path> classPath,
            Consumer<String> out) throws IOException {
        Files.createDirectories(state.home());
        Path log = state.logFile();
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
        return child;
    }

    /** Echoes the stack's progress until it says it is ready; throws when it stops or takes longer than the timeout. */
    private static StackState.Running awaitReady(StackState state, Process child, int timeoutSeconds, Consumer<String> out)
            throws Exception {
        Path log = state.logFile();
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
