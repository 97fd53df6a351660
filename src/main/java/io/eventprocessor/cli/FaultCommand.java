package io.eventprocessor.cli;

import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.FailureKind;
import io.eventprocessor.scenario.PoisonEvents;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.Fault;
import io.eventprocessor.stack.Injection;
import io.eventprocessor.stack.StackControl;
import io.eventprocessor.stack.StackLocator;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "fault", mixinStandardHelpOptions = true,
        description = {"Injects one fault into the running pipeline now, and says what was done.",
            "%nKinds: processor-crash (the processor thread dies mid-poll; the stack restarts it), mongodb-pause (MongoDB "
                + "unreachable for --seconds, default 10), kafka-restart, debezium-restart (down for --seconds, default 0), "
                + "debezium-crash (PostgreSQL cuts Debezium's replication connection), postgres-restart, poison (--count poison "
                + "events of every kind; waits until they reached the dead-letter topic and counts them).",
            "%nAll but poison need the local stack. For a fault during a run, with its figures in the report: "
                + "`event-processor run --fault KIND@AT`.",
            "%nExit codes: 0 injected, 2 no stack to inject into or a bad value, 3 poison missing from the dead-letter topic."})
final class FaultCommand extends EnvironmentCommand {

    @Parameters(paramLabel = "KIND", description = "processor-crash, mongodb-pause, kafka-restart, debezium-restart, debezium-crash, "
            + "postgres-restart or poison.")
    String kind;

    @Option(names = "--seconds", description = "How long the part stays down (default: the kind's own: 10 for mongodb-pause, else 0).")
    Double seconds;

    @Option(names = "--count", description = "Poison events to inject, at least one of each of the 7 kinds (default: ${DEFAULT-VALUE}).",
            defaultValue = "7")
    int count;

    FaultCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws Exception {
        Fault fault;
        try {
            fault = Fault.parse(kind);
        } catch (IllegalArgumentException e) {
            throw Flags.invalid(spec, e.getMessage());
        }
        if (seconds != null && (seconds < 0 || seconds.isInfinite() || seconds.isNaN())) {
            throw Flags.invalid(spec, "--seconds must be 0 or more (e.g. --seconds 10); got " + seconds);
        }
        Flags.atLeast(spec, "--count", count, 1, "100");
        PrintWriter out = spec.commandLine().getOut();
        if (fault == Fault.POISON) return poison(out);
        if (Settings.externalConfigured(env.vars())) {
            throw Flags.invalid(spec, fault.key() + " is injected into the embedded stack, and external services are configured: "
                    + "only `fault poison` works there");
        }
        Duration down = seconds == null ? fault.defaultDuration() : Duration.ofMillis(Math.round(seconds * 1000));
        Injection injection = StackControl.of(StackCommand.state(env)).inject(fault, down);
        out.println("Injected " + injection.fault().key() + " at " + injection.injectedAt() + ": " + injection.detail() + ".");
        out.println("`event-processor stack status` shows the parts and what the stack did about it.");
        return ExitCodes.OK;
    }

    private int poison(PrintWriter out) throws Exception {
        Settings settings = StackLocator.attach(env.vars());
        Connectivity.requireAll(settings);
        PoisonEvents.Plan plan = PoisonEvents.plan(count);
        Instant at = Instant.now();
        plan.inject(settings);
        out.printf("Injected %d poison events; waiting for them in the dead-letter topic...%n", plan.size());
        out.flush();
        Map<FailureKind, Long> arrived = plan.countDeadLetters(settings, at.minusSeconds(1), Duration.ofSeconds(60));
        boolean all = true;
        for (Map.Entry<FailureKind, Long> e : plan.expected().entrySet()) {
            long n = arrived.getOrDefault(e.getKey(), 0L);
            all &= n == e.getValue();
            out.printf("  %-20s injected %d, dead-lettered %d%n", e.getKey().key(), e.getValue(), n);
        }
        out.println(all ? "Every poison event is in the dead-letter topic with its reason." : "Some poison events did not reach the dead-letter topic within 60 s.");
        return all ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    }
}
