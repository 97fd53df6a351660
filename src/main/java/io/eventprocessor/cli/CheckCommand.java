package io.eventprocessor.cli;

import io.eventprocessor.config.Settings;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.StackLocator;
import java.util.List;
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
        Settings settings = StackLocator.attach(env.vars());
        List<Connectivity.Status> statuses = Connectivity.check(settings);
        boolean ok = true;
        for (Connectivity.Status s : statuses) {
            CommandLine.Help.ColorScheme colors = spec.commandLine().getColorScheme();
            if (s.ok()) {
                spec.commandLine().getOut().println("  OK    " + s.describe());
            } else {
                ok = false;
                spec.commandLine().getErr().println(colors.errorText("  FAIL  ") + s.describe());
            }
        }
        return ok ? ExitCodes.OK : ExitCodes.CONFIG;
    }
}
