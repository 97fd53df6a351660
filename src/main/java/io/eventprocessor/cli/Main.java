package io.eventprocessor.cli;

import io.eventprocessor.config.ConfigException;
import io.eventprocessor.contract.Messages;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The executable: one command tree for every face of the pipeline that runs in a terminal. */
@Command(name = "event-processor",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "PostgreSQL outbox -> Debezium -> Kafka -> event processor -> MongoDB, measured per event.",
            "%nWith no configuration everything runs embedded on loopback. Set POSTGRES_HOST, KAFKA_BOOTSTRAP_SERVERS "
                + "and MONGODB_URI (and optionally POSTGRES_PORT, POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD, "
                + "MONGODB_DATABASE, METRICS_FILE) to use your own services instead.",
            "%nState (stack.env, data, logs) lives in $EVENT_PROCESSOR_HOME, default .event-processor in the working directory.",
            "%nStart with:  event-processor stack up   then   event-processor check"
        },
        subcommands = {DashboardCommand.class, StackCommand.class, CheckCommand.class, RunCommand.class, VerifyCommand.class,
            MonitorCommand.class, BenchCommand.class, ResetCommand.class, WarmUpCommand.class, ProcessorCommand.class, CaptureCommand.class, FaultCommand.class, ClusterCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Initialise logging before any library thread logs concurrently (avoids SLF4J's replay warning).
        LoggerFactory.getLogger(Main.class);
        int code = commandLine(System.getenv()).execute(args);
        // Kafka's and Debezium's non-daemon threads must not keep a finished command alive.
        System.exit(code);
    }

    /** The configured command tree over the given environment variables; tests execute it in-process. */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new Main(), new Environment(env));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println(commandLine.getColorScheme().errorText("Error: ") + e.getMessage());
                return ExitCodes.CONFIG;
            }
            commandLine.getErr().println(commandLine.getColorScheme().errorText("Failed: ") + Messages.describe(e));
            commandLine.getErr().println("(set LOG_LEVEL=DEBUG for details)");
            if ("DEBUG".equalsIgnoreCase(System.getenv("LOG_LEVEL"))) e.printStackTrace(commandLine.getErr());
            return ExitCodes.FAILURE;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
