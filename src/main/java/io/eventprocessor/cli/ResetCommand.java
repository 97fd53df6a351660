package io.eventprocessor.cli;

import io.eventprocessor.config.Settings;
import io.eventprocessor.scenario.DemoData;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.StackLocator;
import picocli.CommandLine.Command;

@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Clears the demo data and leaves every service running.",
            "%nEmpties activity.event_outbox, deletes the records of the outbox, metrics and dead-letter topics (the consumer "
                + "group then starts from their end) and the read models users, activities and statistics."})
final class ResetCommand extends EnvironmentCommand {

    ResetCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = StackLocator.attach(env.vars());
        Connectivity.requireAll(settings);
        DemoData.Cleared cleared = DemoData.reset(settings);
        spec.commandLine().getOut().printf("Reset: %,d outbox rows, %,d topic records, %,d read-model documents removed.%n",
                cleared.outboxRows(), cleared.topicRecords(), cleared.documents());
        return ExitCodes.OK;
    }
}
