package io.eventprocessor.cli;

import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.loadgen.EventGenerator;
import io.eventprocessor.loadgen.EventOrder;
import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.loadgen.SendPlan;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.measure.StageSummary;
import io.eventprocessor.measure.Throughput;
import io.eventprocessor.report.FaultOutcome;
import io.eventprocessor.report.Report;
import io.eventprocessor.report.ReportWriter;
import io.eventprocessor.scenario.CacheTraining;
import io.eventprocessor.scenario.PlannedFault;
import io.eventprocessor.scenario.Progress;
import io.eventprocessor.scenario.ScenarioRun;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.Injection;
import io.eventprocessor.stack.StackControl;
import io.eventprocessor.stack.StackLauncher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a load scenario through the pipeline and reports what was measured.",
            "%nGenerates realistic UserCreated / ActivityCreated / ParticipantJoined events (50/30/20, with real referential "
                + "integrity), inserts them into the outbox in bursts or at a paced rate, waits until every one was processed "
                + "or dead-lettered, verifies MongoDB against PostgreSQL and writes the JSON report (and an HTML page next to it).",
            "%nScenarios: 10 (warm-up: 10 UserCreated), 100 (moderate), 1000 (stress), 10000 (extreme: batches of 100, "
                + "50 ms apart); any other number is a custom run. Starts the local stack when none is running and no "
                + "external services are configured.",
            "%nExit codes: 0 all processed and integrity matched, 3 something missing or mismatched, 2 a service problem."})
final class RunCommand extends EnvironmentCommand {

    @Option(names = {"-n", "--events"}, description = "Events to send, or a scenario name (warm-up, moderate, stress, extreme). Default: ${DEFAULT-VALUE}.",
            defaultValue = "100")
    String events;

    @Option(names = "--batch-size", description = "Rows per insert batch (default: the scenario's).")
    Integer batchSize;

    @Option(names = "--delay-ms", description = "Pause between batches in burst mode, milliseconds (default: the scenario's).")
    Integer delayMs;

    @Option(names = "--rate", description = "Paced mode: events per second, each with an intended send time (default: burst).")
    Double rate;

    @Option(names = "--seed", description = "Random seed, to repeat a run's events exactly (default: random, printed).")
    Long seed;

    @Option(names = "--interleaved", description = "Mix the three event types through the run instead of users, then activities, then participants.")
    boolean interleaved;

    @Option(names = "--report", description = "Where the JSON report goes (default: demo_metrics_YYYYMMDD_HHMMSS.json).")
    Path report;

    @Option(names = "--timeout", description = "Seconds to wait for the last events after the last insert (default: ${DEFAULT-VALUE}).",
            defaultValue = "120")
    int timeoutSeconds;

    @Option(names = "--fault", paramLabel = "KIND@AT[/DOWN]",
            description = {"Inject a fault during the run, AT after the first insert, the part kept down for DOWN; repeatable. "
                + "Kinds: processor-crash, mongodb-pause (default 10s down), kafka-restart, debezium-restart, debezium-crash, "
                + "postgres-restart, poison (1%% of the run, every kind). E.g. --fault processor-crash@3s --fault mongodb-pause@5s/10s.",
                "The report then has a faults section: time to recover, events delayed, lost and applied twice."})
    List<String> faults = new ArrayList<>();

    RunCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // Every flag is checked before a stack may be started.
        Scenario scenario;
        try {
            scenario = Scenario.parse(events);
        } catch (IllegalArgumentException e) {
            throw Flags.invalid(spec, e.getMessage());
        }
        List<PlannedFault> planned = Flags.faults(spec, faults, env.vars());
        if (batchSize != null) Flags.atLeast(spec, "--batch-size", batchSize, 1, "100");
        if (delayMs != null) Flags.atLeast(spec, "--delay-ms", delayMs, 0, "50");
        if (rate != null) Flags.positive(spec, "--rate", rate, "200");
        Flags.atLeast(spec, "--timeout", timeoutSeconds, 1, "120");
        if (batchSize != null) scenario = scenario.withBatchSize(batchSize);
        if (delayMs != null) scenario = scenario.withDelay(Duration.ofMillis(delayMs));
        StackLauncher.Target target = StackLauncher.attachOrStart(env.vars(), CacheTraining::run, StackCommand.lines(out));
        Connectivity.requireAll(target.settings());

        SendPlan plan = rate != null ? SendPlan.paced(rate, scenario.batchSize()) : SendPlan.of(scenario);
        ScenarioRun.Request request = ScenarioRun.Request.of(scenario, target.stackMode())
                .withPlan(plan)
                .withSeed(seed != null ? seed : EventGenerator.randomSeed())
                .withTimeout(Duration.ofSeconds(timeoutSeconds));
        if (interleaved) request = new ScenarioRun.Request(request.scenario(), plan, request.seed(), EventOrder.INTERLEAVED,
                request.timeout(), request.stackMode());
        Path reportFile = report != null ? report
                : Path.of("demo_metrics_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + ".json");

        out.printf("Scenario %s: %,d events (%d UserCreated, %d ActivityCreated, %d ParticipantJoined), %s, seed %d%n",
                scenario.name(), scenario.totalEvents(), scenario.mix().users(), scenario.mix().activities(), scenario.mix().participants(),
                describe(plan), request.seed());
        out.flush();

        ScenarioRun run = new ScenarioRun(target.settings());
        if (!planned.isEmpty()) {
            boolean stackFaults = planned.stream().anyMatch(f -> f.fault().byStack());
            run.withFaults(stackFaults ? StackControl.of(StackCommand.state(env)) : null, planned);
            out.println("Faults: " + String.join(", ", planned.stream().map(PlannedFault::toString).toList()));
        }
        boolean eachEvent = scenario.totalEvents() <= 20 || "DEBUG".equalsIgnoreCase(env.vars().get("LOG_LEVEL"));
        ProgressLine progress = new ProgressLine(out, ProgressLine.interactiveTerminal());
        Set<String> shown = ConcurrentHashMap.newKeySet();
        Thread cancelOnSignal = new Thread(run::cancel, "run-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnSignal);
        ScenarioRun.Result r;
        try {
            r = run.run(request, new ScenarioRun.Listener() {
                @Override
                public void progress(Progress p) {
                    if (eachEvent) showEvents(out, p.snapshot(), shown);
                    if (p.phase() == ScenarioRun.Phase.DONE) progress.finish(p.line());
                    else progress.show(p.line());
                }

                @Override
                public void fault(Injection injection) {
                    progress.finish("⚡ " + injection.fault().key() + ": " + injection.detail());
                }
            });
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnSignal);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running
            }
        }

        ReportWriter.Written written = ReportWriter.write(r.report(), reportFile);
        printSummary(out, r, written);
        return r.complete() ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    }

    static String describe(SendPlan plan) {
        return plan.mode() == SendPlan.Mode.PACED
                ? String.format("paced at %,.0f events/s", plan.ratePerSecond())
                : String.format("burst, batches of %d%s", plan.batchSize(),
                        plan.delayBetweenBatches().isZero() ? "" : ", " + plan.delayBetweenBatches().toMillis() + " ms apart");
    }

    private static synchronized void showEvents(PrintWriter out, Snapshot s, Set<String> shown) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
        for (MetricRecord m : s.recent()) {
            if (m.eventId() == null || !shown.add(m.eventId())) continue;
            if (m.processed()) {
                out.printf("  ✓ %-18s %-40s %8.1f ms  in MongoDB %s%n", m.eventType(), m.detail() == null ? "" : m.detail(),
                        Stage.END_TO_END.of(m.timing()) / 1000.0, time.format(Clock.fromMicros(m.timing().t5())));
            } else {
                out.printf("  ✗ %-18s dead-lettered: %s%n", m.eventType(), m.error());
            }
        }
        out.flush();
    }

    static void printSummary(PrintWriter out, ScenarioRun.Result r, ReportWriter.Written written) {
        Report report = r.report();
        StageSummary e2e = report.latencyMs().get(Stage.END_TO_END.key());
        out.println();
        out.println("══════════════════════════════════════════════════════════════");
        out.printf("  Events:        %,d sent, %,d processed, %,d dead-lettered, %,d missing%n", report.events().generated(),
                report.events().processed(), report.events().deadLettered(), report.events().failed());
        out.printf("  Duration:      %.2f s (first insert to last MongoDB write)%n", report.durationSeconds());
        out.printf("  Throughput:    %,.0f events/s average, %,.0f events/s peak%n", report.throughput().averageEps(), report.throughput().peakEps());
        if (e2e != null && e2e.count() > 0) {
            out.printf("  Latency:       p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (end to end, T5 - T0)%n", e2e.p50(), e2e.p95(), e2e.p99());
        }
        out.printf("  Success rate:  %.1f%%%n", report.successRate());
        out.printf("  Integrity:     %s (%,d outbox events checked, %,d missing, %d reference issues)%n",
                r.integrity().match() ? "MATCHED" : "MISMATCH", r.integrity().postgresEvents(), r.integrity().missingEventCount(),
                r.integrity().referentialIssues().size());
        out.printf("  Insert rate:   %,.0f rows/s%n", r.load().insertRate());
        for (FaultOutcome f : report.faults()) {
            out.printf("  Fault:         %s at %s: %s; %,d events delayed, %,d lost, %,d applied twice, %,d redelivered%n", f.kind(),
                    DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault()).format(f.injectedAt()),
                    f.recoveredAfterMs() == null ? "recovery not measured (no event inserted after it)"
                            : String.format("recovered after %,.0f ms", f.recoveredAfterMs()),
                    f.eventsDelayed(), f.eventsLost(), f.eventsDuplicated(), f.eventsRedelivered());
            f.poison().forEach((kind, c) -> out.printf("                 poison %-20s injected %d, dead-lettered %d%n", kind, c.injected(), c.deadLettered()));
        }
        out.println("  Report:        " + written.json().toAbsolutePath() + " (and " + written.html().getFileName() + ")");
        out.println("══════════════════════════════════════════════════════════════");
        if (r.complete()) {
            out.printf("✅ Successfully processed %,d events in %.1f seconds%n", report.events().processed(), report.durationSeconds());
        } else {
            if (!r.outcome().complete()) {
                out.printf("❌ %,d events had no outcome within the timeout, e.g. %s%n", r.outcome().missing().size(),
                        r.outcome().missing().subList(0, Math.min(5, r.outcome().missing().size())));
            }
            if (!r.integrity().match()) {
                out.println("❌ Integrity mismatch: " + String.join("; ", r.integrity().problems()) + ".");
                out.println("   `event-processor check` shows which part of the pipeline is down; `event-processor verify` checks "
                        + "again once it has caught up.");
            }
        }
        out.flush();
    }
}
