package io.eventprocessor.cli;

import io.eventprocessor.config.Settings;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.Health;
import io.eventprocessor.stack.StackLocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks the pipeline: PostgreSQL (with logical decoding), Debezium streaming from its slot, Kafka, a processor in the consumer group, and MongoDB.",
            "%nUses the external services when POSTGRES_HOST, KAFKA_BOOTSTRAP_SERVERS and MONGODB_URI are set, "
                + "otherwise the running local stack. Exits 2, naming each part that is down and how to fix it, within 10 seconds."})
final class CheckCommand extends EnvironmentCommand {

    CheckCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() {
        return printChecks(spec.commandLine(), StackLocator.attach(env.vars()));
    }

    /** Checks every part of the pipeline, prints one line each (problems on stderr) and gives the exit code. */
    static int printChecks(CommandLine cli, Settings settings) {
        boolean ok = true;
        for (Health s : Connectivity.pipeline(settings)) {
            if (s.ok()) {
                cli.getOut().println("  OK    " + s.describe());
            } else {
                ok = false;
                cli.getErr().println(cli.getColorScheme().errorText("  FAIL  ") + s.describe());
            }
        }
        cli.getOut().flush();
        return ok ? ExitCodes.OK : ExitCodes.CONFIG;
    }
}
