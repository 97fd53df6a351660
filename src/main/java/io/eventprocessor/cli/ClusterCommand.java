package io.eventprocessor.cli;

import io.eventprocessor.cluster.Cluster;
import io.eventprocessor.cluster.ClusterEnv;
import io.eventprocessor.cluster.ClusterHome;
import io.eventprocessor.config.Settings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Runs docker-compose.yml's topology as processes on this host, without containers.",
            "%nPostgreSQL (standalone), three KRaft Kafka brokers (replication factor 3, min.insync.replicas 2), Kafka Connect "
                + "in distributed mode with the Debezium connector, MongoDB (mongod when installed, else the wire-protocol "
                + "stand-in) and N event processors in one consumer group, each a process of its own on loopback, configured "
                + "from docker/*.env and docker/connect/event-outbox-connector.json, as compose is. Its settings and pids go to "
                + "$EVENT_PROCESSOR_HOME/cluster.env: source it and every command runs against the cluster. "
                + "scripts/cluster/up.sh and down.sh run this from the repository."},
        subcommands = {ClusterCommand.Up.class, ClusterCommand.Status.class, ClusterCommand.Down.class})
final class ClusterCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static ClusterHome home(Environment env) {
        return new ClusterHome(Settings.home(env.vars()));
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = {"Starts every part of the cluster that is not running, and writes cluster.env.",
                "%nThe first start chooses free loopback ports; later ones keep them, so `up` also brings back a part that died "
                    + "(it rejoins with its data) and scales the processors to --processors."})
    static final class Up extends EnvironmentCommand {

        Up(Environment env) {
            super(env);
        }

        @Option(names = "--processors", description = "Event processors to run (default: ${DEFAULT-VALUE}, one per partition).", defaultValue = "3")
        int processors;

        @Option(names = "--repo", description = "The project's directory, which holds docker/ and the build in target/ (default: the working directory).")
        Path repo;

        @Option(names = "--timeout", description = "Seconds to wait for the cluster to be ready (default: ${DEFAULT-VALUE}).", defaultValue = "300")
        int timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            Flags.between(spec, "--processors", processors, 0, 32, "3");
            Flags.atLeast(spec, "--timeout", timeoutSeconds, 1, "300");
            PrintWriter out = spec.commandLine().getOut();
            ClusterHome home = home(env);
            Cluster.Started started = Cluster.up(home,
                    new Cluster.Options(repo != null ? repo : Path.of(""), processors, Duration.ofSeconds(timeoutSeconds)),
                    StackCommand.lines(out));
            StringBuilder line = new StringBuilder(started.started().isEmpty() && started.stopped().isEmpty()
                    ? "Cluster already running; checked in " + started : "Cluster ready in " + started);
            if (!started.started().isEmpty()) line.append("; started ").append(String.join(", ", started.started()));
            if (!started.stopped().isEmpty()) line.append("; stopped ").append(String.join(", ", started.stopped()));
            out.println(line.append('.'));
            print(out, started.env().toEnv(), home);
            return ExitCodes.OK;
        }
    }

    static void print(PrintWriter out, Map<String, String> env, ClusterHome home) {
        env.forEach((k, v) -> out.printf("  %-24s %s%n", k, k.equals(Settings.POSTGRES_PASSWORD) ? "(in cluster.env)" : v));
        out.println();
        out.println("Use it from a shell:  set -a; . " + home.envFile() + "; set +a");
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Each part of the cluster with its pid (or that it is not running), then the pipeline's health.")
    static final class Status extends EnvironmentCommand {

        Status(Environment env) {
            super(env);
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ClusterHome home = home(env);
            if (!Cluster.exists(home)) {
                out.println("No cluster in " + home.home() + ". Start one with scripts/cluster/up.sh.");
                return ExitCodes.FAILURE;
            }
            List<Cluster.Part> parts = Cluster.parts(home);
            boolean all = true;
            for (Cluster.Part p : parts) {
                out.printf("  %-14s %s%n", p.name(), p.pid().map(pid -> "running, pid " + pid).orElse("NOT RUNNING"));
                all &= p.pid().isPresent();
            }
            Map<String, String> vars = ClusterEnv.read(home.envFile());
            if (vars.isEmpty()) {
                out.println("No " + home.envFile() + ": the cluster never finished starting. `scripts/cluster/up.sh` starts what is missing.");
                return ExitCodes.FAILURE;
            }
            out.println();
            int health = CheckCommand.printChecks(spec.commandLine(), Settings.fromEnv(vars));
            return all ? health : ExitCodes.FAILURE;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stops every process of the cluster (processors first, PostgreSQL last) and removes its state and cluster.env.")
    static final class Down extends EnvironmentCommand {

        Down(Environment env) {
            super(env);
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ClusterHome home = home(env);
            if (!Cluster.exists(home)) {
                out.println("No cluster in " + home.home() + ".");
                return ExitCodes.OK;
            }
            List<String> killed = Cluster.down(home, StackCommand.lines(out));
            out.println(killed.isEmpty() ? "Cluster stopped and removed."
                    : "Cluster removed; killed because they did not stop in time: " + String.join(", ", killed) + ".");
            return ExitCodes.OK;
        }
    }
}
