package io.eventprocessor.cli;

import io.eventprocessor.config.ConfigException;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Messages;
import io.eventprocessor.scenario.CacheTraining;
import io.eventprocessor.scenario.WarmUp;
import io.eventprocessor.stack.LocalStack;
import io.eventprocessor.stack.ProcessMemory;
import io.eventprocessor.stack.StackAotCache;
import io.eventprocessor.stack.StackControl;
import io.eventprocessor.stack.StackLauncher;
import io.eventprocessor.stack.StackProcess;
import io.eventprocessor.stack.StackState;
import io.eventprocessor.stack.StackStatus;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stack", mixinStandardHelpOptions = true,
        description = {"Starts, inspects and stops the local embedded stack.",
            "%nThe stack outlives one command: PostgreSQL, Kafka, Debezium and the MongoDB wire-protocol server on loopback. "
                + "Its settings go to $EVENT_PROCESSOR_HOME/stack.env (default .event-processor/stack.env) as shell-sourceable "
                + "KEY=value lines, so psql, Kafka's tools, a MongoDB GUI and our other commands can attach."},
        subcommands = {StackCommand.Up.class, StackCommand.Status.class, StackCommand.Settle.class, StackCommand.Down.class})
final class StackCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** True when the running stack answers on its control channel (one without a channel, from an older version, counts as answering). */
    static boolean answers(StackState state) {
        try {
            return StackControl.of(state).answers(Duration.ofSeconds(3));
        } catch (ConfigException e) {
            return true;
        }
    }

    /** The launcher's progress lines, printed as they come. */
    static Consumer<String> lines(PrintWriter out) {
        return line -> {
            out.println(line);
            out.flush();
        };
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    static StackState state(Environment env) {
        return new StackState(Settings.home(env.vars()));
    }

    /** The settings, credentials left out: they are in stack.env, readable by its owner only. */
    static void printSettings(PrintWriter out, Settings settings, StackState state) {
        settings.toEnv().forEach((k, v) -> out.printf("  %-24s %s%n", k,
                Settings.POSTGRES_PASSWORD.equals(k) ? "(in " + state.envFile() + ", mode 0600)"
                        : Settings.MONGODB_URI.equals(k) ? Settings.redactUri(v) : v));
        out.println();
        out.println("Attach from a shell:  set -a; . " + state.envFile() + "; set +a");
        out.println("psql:                 psql -h " + settings.postgresHost() + " -p " + settings.postgresPort() + " -U "
                + settings.postgresUser() + " " + settings.postgresDb());
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = {"Starts the local stack in the background, or finds it already running, and prints its settings.",
                "%nPorts default to the usual ones (5432, 9092, 27017) when free; another free port is taken otherwise. After a"
                        + " stack that ended without `stack down` (killed, crashed), its ports are taken again unless a port"
                        + " flag is given, so that a run still going and a shell that sourced stack.env find the new stack."})
    static final class Up extends EnvironmentCommand {

        Up(Environment env) {
            super(env);
        }

        @Option(names = "--postgres-port", description = "PostgreSQL port (default: ${DEFAULT-VALUE}; 0 = any free port).", defaultValue = "5432")
        int postgresPort;

        @Option(names = "--kafka-port", description = "Kafka port (default: ${DEFAULT-VALUE}; 0 = any free port).", defaultValue = "9092")
        int kafkaPort;

        @Option(names = "--mongo-port", description = "MongoDB port (default: ${DEFAULT-VALUE}; 0 = any free port).", defaultValue = "27017")
        int mongoPort;

        @Option(names = "--no-processor", description = "Do not run the event processor in the stack (run `event-processor processor` yourself).")
        boolean noProcessor;

        @Option(names = "--foreground", description = "Run the stack in this process until Ctrl-C or SIGTERM.")
        boolean foreground;

        @Option(names = "--timeout", description = "Seconds to wait for the stack to be ready (default: ${DEFAULT-VALUE}).", defaultValue = "180")
        int timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            Flags.port(spec, "--postgres-port", postgresPort);
            Flags.port(spec, "--kafka-port", kafkaPort);
            Flags.port(spec, "--mongo-port", mongoPort);
            Flags.atLeast(spec, "--timeout", timeoutSeconds, 1, "600");
            PrintWriter out = spec.commandLine().getOut();
            StackState state = state(env);
            Optional<StackState.Running> running = state.running();
            if (running.isPresent() && !answers(state)) {
                // Killed a moment ago (kill -9): the process is still going away. Wait for it, then start a new stack.
                out.println("The stack process " + running.get().pid() + " does not answer: waiting for it to exit...");
                out.flush();
                try {
                    running.get().process().onExit().get(15, TimeUnit.SECONDS);
                    running = state.running();
                } catch (TimeoutException e) {
                    out.println("Process " + running.get().pid() + " is alive but does not answer as the stack. Stop it with "
                            + "`event-processor stack down` (or kill " + running.get().pid() + "), then run `event-processor stack up` again.");
                    return ExitCodes.FAILURE;
                }
            }
            if (running.isPresent()) {
                out.println("Local stack already running (pid " + running.get().pid() + "), state in " + state.home());
                printSettings(out, running.get().settings(), state);
                return ExitCodes.OK;
            }
            if (Settings.externalConfigured(env.vars())) {
                throw new ConfigException("External services are configured (POSTGRES_HOST / KAFKA_BOOTSTRAP_SERVERS / MONGODB_URI "
                        + "are set): unset them to start the local stack.");
            }
            LocalStack.Options options = options(out, state);
            return foreground ? runForeground(out, options) : startBackground(out, state, options);
        }

        /** The flags' ports; without a port flag, those of a stack that ended without `stack down`, when one did. */
        private LocalStack.Options options(PrintWriter out, StackState state) {
            CommandLine.ParseResult given = spec.commandLine().getParseResult();
            boolean portGiven = given.hasMatchedOption("--postgres-port") || given.hasMatchedOption("--kafka-port")
                    || given.hasMatchedOption("--mongo-port");
            Optional<StackState.PortsLeft> left = portGiven ? Optional.empty() : state.portsLeft();
            if (left.isEmpty()) return new LocalStack.Options(state.home(), postgresPort, kafkaPort, mongoPort, !noProcessor);
            StackState.PortsLeft p = left.get();
            out.println("The last stack in " + state.home() + " ended without `stack down`: starting again on its ports (PostgreSQL "
                    + p.postgres() + ", Kafka " + p.kafka() + ", MongoDB " + p.mongo() + ").");
            out.flush();
            return new LocalStack.Options(state.home(), p.postgres(), p.kafka(), p.mongo(), !noProcessor);
        }

        private int runForeground(PrintWriter out, LocalStack.Options options) throws Exception {
            StackProcess.run(options, msg -> { out.println(StackLauncher.PROGRESS + msg); out.flush(); });
            return ExitCodes.OK;
        }

        private int startBackground(PrintWriter out, StackState state, LocalStack.Options options) throws Exception {
            StackState.Running running = StackLauncher.startBackground(state, options, timeoutSeconds, CacheTraining::run, lines(out));
            out.println("Local stack is up.");
            printSettings(out, running.settings(), state);
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Says whether the local stack is running, with its settings and the state of each service.")
    static final class Status extends EnvironmentCommand {

        Status(Environment env) {
            super(env);
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
            if (!running.get().jvm().isEmpty()) out.println("JVM: " + running.get().jvm());
            ProcessMemory.Usage memory = ProcessMemory.ofStack(running.get().pid(), state.home());
            out.printf("Memory: %,d MB resident (PSS; RSS %,d MB) in %d processes%n", memory.pssMb(), memory.rssMb(), memory.processes());
            printSettings(out, running.get().settings(), state);
            printSupervision(out, state);
            out.println();
            return CheckCommand.printChecks(spec.commandLine(), running.get().settings());
        }

        /** What the stack's supervisor did lately: restarts per part, the latest events (faults, deaths, restarts). */
        private static void printSupervision(PrintWriter out, StackState state) {
            StackStatus status;
            try {
                status = StackControl.of(state).status();
            } catch (Exception e) {
                out.println("Supervision: not available (" + Messages.describe(e) + ")");
                return;
            }
            out.println();
            out.println("Supervision: " + String.join(", ", status.parts().stream()
                    .map(p -> p.name() + (p.up() ? " up" : " DOWN") + (p.restarts() > 0 ? " (" + p.restarts() + " restarts)" : "")).toList()));
            List<StackStatus.Event> events = status.events();
            for (StackStatus.Event e : events.subList(Math.max(0, events.size() - 5), events.size())) {
                out.println("  " + TIME.format(e.at()) + "  " + e.part() + ": " + e.what());
            }
        }
    }

    @Command(name = "settle", mixinStandardHelpOptions = true,
            description = {"Waits until the local stack's JIT compilers are quiet, at most 6 s.",
                "%nAfter a warm-up the stack's optimizing compiler goes on compiling what the load made hot for a few "
                    + "seconds, on the same cores as the pipeline; `event-processor warm-up` (which scripts/demo/setup.sh runs) "
                    + "ends with this, so that the first scenario does not share the CPU with it. Run it after a warm-up of your own."})
    static final class Settle extends EnvironmentCommand {

        Settle(Environment env) {
            super(env);
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            StackState state = state(env);
            if (state.running().isEmpty()) {
                out.println("No local stack is running (state directory " + state.home() + "): nothing to wait for. "
                        + "Start one with `event-processor stack up`.");
                return ExitCodes.FAILURE;
            }
            WarmUp.settle(state, lines(out));
            return ExitCodes.OK;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stops the local stack (data of PostgreSQL and Kafka stay in the state directory).")
    static final class Down extends EnvironmentCommand {

        Down(Environment env) {
            super(env);
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            StackState state = state(env);
            Optional<StackState.Running> running = state.running();
            if (running.isEmpty()) {
                if (Files.exists(state.envFile())) {
                    state.clear();
                    out.println("No local stack is running: removed " + state.envFile() + ", left by a stack that did not stop "
                            + "(its pid is gone or belongs to another process now, which was not touched).");
                } else {
                    out.println("No local stack is running.");
                }
                LocalStack.stopLeftovers(state.home()).ifPresent(done -> out.println("Also " + done + "."));
                return ExitCodes.OK;
            }
            // running() checked that this pid is still the stack's process (same start time), not a reused number.
            ProcessHandle process = running.get().process();
            out.println("Stopping the local stack (pid " + process.pid() + ")...");
            if (StackAotCache.records(running.get().jvm())) {
                out.println("It writes the AOT cache it recorded as it stops (about 10 s, once); the stacks after it start from it.");
            }
            out.flush();
            if (StackLauncher.stop(process, StackLauncher.ORDERLY_STOP)) {
                out.println("Stopped.");
            } else {
                state.clear();
                out.println("It did not stop within " + StackLauncher.ORDERLY_STOP.toSeconds() + " s: killed it.");
                LocalStack.stopLeftovers(state.home()).ifPresent(done -> out.println("Also " + done + "."));
            }
            return ExitCodes.OK;
        }
    }
}
