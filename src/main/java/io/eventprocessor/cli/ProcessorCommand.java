package io.eventprocessor.cli;

import io.eventprocessor.config.Settings;
import io.eventprocessor.processor.EventProcessor;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.StackLocator;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "processor", mixinStandardHelpOptions = true,
        description = {"Runs the event processor alone: the deployable unit.",
            "%nConsumes postgres.activity.event_outbox in consumer group event-processor-group and writes the MongoDB read "
                + "models; poison events go to event-processor.dlq, one metric per event to event-processor.metrics (and to "
                + "METRICS_FILE when set). Start several to share the topic's partitions. Uses the external services when "
                + "configured, otherwise the running local stack (start that with --no-processor to run only this one). "
                + "On SIGTERM or Ctrl-C it finishes its batch, commits and exits."})
final class ProcessorCommand extends EnvironmentCommand {

    @Option(names = "--id", description = "Name of this instance in logs and metrics (default: host-pid).")
    String id;

    ProcessorCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = StackLocator.attach(env.vars());
        Connectivity.requireAll(settings);
        String processorId = id != null ? id : hostName() + "-" + ProcessHandle.current().pid();
        EventProcessor processor = new EventProcessor(settings, processorId);
        Thread thread = new Thread(processor, "event-processor");
        thread.start();
        PrintWriter out = spec.commandLine().getOut();
        if (processor.awaitAssignment(Duration.ofSeconds(60))) {
            out.println("Processor " + processorId + " joined the group; partitions " + processor.assignment() + ". Ctrl-C to stop.");
        } else {
            out.println("Processor " + processorId + " is still waiting to join the consumer group...");
        }
        out.flush();
        Shutdown.runUntilSignal(processor, () -> processor.isRunning() ? Optional.empty()
                : Optional.of("The processor stopped unexpectedly; see the log above."));
        out.println("Processor " + processorId + " stopped: " + processor.counters());
        return ExitCodes.OK;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "processor";
        }
    }
}
