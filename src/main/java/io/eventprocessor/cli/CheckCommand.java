package io.eventprocessor.cli;

import io.eventprocessor.config.Settings;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.StackLocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks that PostgreSQL (with logical decoding), Kafka and MongoDB are reachable and usable.",
            "%nUses the external services when POSTGRES_HOST, KAFKA_BOOTSTRAP_SERVERS and MONGODB_URI are set, "
                + "otherwise the running local stack. Exits 2, naming each problem and its fix, within 10 seconds."})
final class CheckCommand extends EnvironmentCommand {

    CheckCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() {
        return printChecks(spec.commandLine(), StackLocator.attach(env.vars()));
    }

    /** Checks every service, prints one line each (problems on stderr) and gives the exit code. */
    static int printChecks(CommandLine cli, Settings settings) {
        boolean ok = true;
        for (Connectivity.Status s : Connectivity.check(settings)) {
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
