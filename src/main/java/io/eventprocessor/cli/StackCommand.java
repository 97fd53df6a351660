package io.eventprocessor.cli;

import io.eventprocessor.config.ConfigException;
import io.eventprocessor.config.Settings;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.LocalStack;
import io.eventprocessor.stack.StackState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stack", mixinStandardHelpOptions = true,
        description = {"Starts, inspects and stops the local embedded stack.",
            "%nThe stack outlives one command: PostgreSQL, Kafka, Debezium and the MongoDB wire-protocol server on loopback. "
                + "Its settings go to $EVENT_PROCESSOR_HOME/stack.env (default .event-processor/stack.env) as shell-sourceable "
                + "KEY=value lines, so psql, Kafka's tools, a MongoDB GUI and our other commands can attach."},
        subcommands = {StackCommand.Up.class, StackCommand.Status.class, StackCommand.Down.class})
final class StackCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Lines of the background stack's log that report progress start with this. */
    static final String PROGRESS = "[stack] ";

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static StackState state(Environment env) {
        return new StackState(Settings.home(env.vars()));
    }

    static void printSettings(PrintWriter out, Settings settings, StackState state) {
        settings.toEnv().forEach((k, v) -> out.printf("  %-24s %s%n", k, v));
        out.println();
        out.println("Attach from a shell:  set -a; . " + state.envFile() + "; set +a");
        out.println("psql:                 psql -h " + settings.postgresHost() + " -p " + settings.postgresPort() + " -U "
                + settings.postgresUser() + " " + settings.postgresDb());
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = {"Starts the local stack in the background, or finds it already running, and prints its settings.",
                "%nPorts default to the usual ones (5432, 9092, 27017) when free; another free port is taken otherwise."})
    static final class Up implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private final Environment env;

        Up(Environment env) {
            this.env = env;
        }

        @Option(names = "--postgres-port", description = "PostgreSQL port (default: ${DEFAULT-VALUE}; 0 = any free port).", defaultValue = "5432")
        int postgresPort;

        @Option(names = "--kafka-port", description = "Kafka port (default: ${DEFAULT-VALUE}; 0 = any free port).", defaultValue = "9092")
        int kafkaPort;

        @Option(names = "--mongo-port", description = "MongoDB port (default: ${DEFAULT-VALUE}; 0 = any free port).", defaultValue = "27017")
        int mongoPort;

        @Option(names = "--foreground", description = "Run the stack in this process until Ctrl-C or SIGTERM.")
        boolean foreground;

        @Option(names = "--timeout", description = "Seconds to wait for the stack to be ready (default: ${DEFAULT-VALUE}).", defaultValue = "180")
        int timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            StackState state = state(env);
            Optional<StackState.Running> running = state.running();
            if (running.isPresent()) {
                out.println("Local stack already running (pid " + running.get().pid() + "), state in " + state.home());
                printSettings(out, running.get().settings(), state);
                return ExitCodes.OK;
            }
            if (Settings.externalConfigured(env.vars())) {
                throw new ConfigException("External services are configured (POSTGRES_HOST / KAFKA_BOOTSTRAP_SERVERS / MONGODB_URI "
                        + "are set): unset them to start the local stack.");
            }
            return foreground ? runForeground(out, state) : startBackground(out, state);
        }

        private int runForeground(PrintWriter out, StackState state) throws Exception {
            LocalStack stack = LocalStack.start(new LocalStack.Options(state.home(), postgresPort, kafkaPort, mongoPort),
                    msg -> { out.println(PROGRESS + msg); out.flush(); });
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    state.clear();
                } catch (IOException ignored) {
                    // The pid check treats a file left by a dead process as no stack.
                }
                stack.close();
                stopped.countDown();
            }, "stack-shutdown"));
            state.write(stack.settings(), ProcessHandle.current().pid());
            out.println(PROGRESS + "Ready in " + stack.startupTimes());
            out.flush();
            stopped.await();
            return ExitCodes.OK;
        }

        private int startBackground(PrintWriter out, StackState state) throws Exception {
            Files.createDirectories(state.home());
            Path log = state.logFile();
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(StackJvm.options());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Main.class.getName());
            command.addAll(List.of("stack", "up", "--foreground", "--postgres-port", "" + postgresPort,
                    "--kafka-port", "" + kafkaPort, "--mongo-port", "" + mongoPort));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put(Settings.EVENT_PROCESSOR_HOME, state.home().toString());
            Process child = builder
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            out.println("Starting the local stack (pid " + child.pid() + "), log in " + log);
            out.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            long logPosition = 0;
            while (true) {
                logPosition = echoProgress(log, logPosition, out);
                Optional<StackState.Running> running = state.running();
                if (running.isPresent() && running.get().pid() == child.pid()) {
                    echoProgress(log, logPosition, out);
                    out.println("Local stack is up.");
                    printSettings(out, running.get().settings(), state);
                    return ExitCodes.OK;
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

        private static long echoProgress(Path log, long from, PrintWriter out) throws IOException {
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
                    if (line.startsWith(PROGRESS)) out.println("  " + line.substring(PROGRESS.length()));
                }
                out.flush();
                return from + text.substring(0, lastNewline + 1).getBytes(StandardCharsets.UTF_8).length;
            }
        }

        private static String tail(Path log, int lines) throws IOException {
            List<String> all = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Says whether the local stack is running, with its settings and the state of each service.")
    static final class Status implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private final Environment env;

        Status(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            StackState state = state(env);
            Optional<StackState.Running> running = state.running();
            if (running.isEmpty()) {
                out.println("No local stack is running (state directory " + state.home() + "). Start one with `event-processor stack up`.");
                return ExitCodes.FAILURE;
            }
            out.println("Local stack running (pid " + running.get().pid() + "), state in " + state.home());
            printSettings(out, running.get().settings(), state);
            out.println();
            boolean ok = true;
            for (Connectivity.Status s : Connectivity.check(running.get().settings())) {
                out.println((s.ok() ? "  OK    " : "  FAIL  ") + s.describe());
                ok &= s.ok();
            }
            return ok ? ExitCodes.OK : ExitCodes.CONFIG;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stops the local stack (data of PostgreSQL and Kafka stay in the state directory).")
    static final class Down implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private final Environment env;

        Down(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            StackState state = state(env);
            Optional<StackState.Running> running = state.running();
            if (running.isEmpty()) {
                out.println("No local stack is running.");
                return ExitCodes.OK;
            }
            ProcessHandle process = ProcessHandle.of(running.get().pid()).orElseThrow();
            out.println("Stopping the local stack (pid " + process.pid() + ")...");
            out.flush();
            process.destroy();
            try {
                process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                out.println("It did not stop within 60 s; killing it.");
                process.destroyForcibly();
                state.clear();
            }
            out.println("Stopped.");
            return ExitCodes.OK;
        }
    }
}
