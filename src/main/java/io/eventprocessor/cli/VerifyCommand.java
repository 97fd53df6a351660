package io.eventprocessor.cli;

import io.eventprocessor.measure.MetricsCollector;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.report.LatencyReport;
import io.eventprocessor.report.Report;
import io.eventprocessor.report.ReportWriter;
import io.eventprocessor.report.RunEnvironment;
import io.eventprocessor.report.RunScenario;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.StackLauncher;
import io.eventprocessor.verify.IntegrityResult;
import io.eventprocessor.verify.Scope;
import io.eventprocessor.verify.Verifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verifies the read models against the outbox and prints the latency report.",
            "%nEvery outbox event must be found in MongoDB (missing ids are listed), activity creators and participants "
                + "must exist as users, participant counts must equal list lengths. Latency comes from every metric on "
                + "event-processor.metrics since the last reset, assessed against the latency targets (the TARGET lines).",
            "%nExit codes: 0 integrity matched, 3 mismatch, 2 a service problem."})
final class VerifyCommand extends EnvironmentCommand {
    /** The metrics topic is read to its end when no new record arrived for this long. */
    private static final Duration QUIET = Duration.ofMillis(1500);

    @Option(names = "--report", description = "Also write the JSON report (and an HTML page next to it) to this file.")
    Path report;

    @Option(names = "--timeout", description = "Seconds to spend reading the metrics topic at most (default: ${DEFAULT-VALUE}).",
            defaultValue = "60")
    int timeoutSeconds;

    VerifyCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws Exception {
        Flags.atLeast(spec, "--timeout", timeoutSeconds, 1, "60");
        PrintWriter out = spec.commandLine().getOut();
        StackLauncher.Target target = StackLauncher.attach(env.vars());
        Connectivity.requireAll(target.settings());

        out.println("Reading the metrics topic...");
        out.flush();
        Snapshot snapshot;
        Report built;
        try (MetricsCollector collector = MetricsCollector.start(MetricsCollector.Options.from(target.settings().kafkaBootstrapServers(), null));
                Verifier verifier = new Verifier(target.settings())) {
            snapshot = readToQuiet(collector);
            out.println("Verifying PostgreSQL against MongoDB...");
            out.flush();
            IntegrityResult integrity = verifier.verify(Scope.all());
            built = Report.build(RunScenario.verification((int) integrity.postgresEvents()), integrity.postgresEvents(),
                    snapshot, collector.curves(), integrity, RunEnvironment.probe(target.settings(), target.stackMode()));
        }
        out.println();
        out.print(LatencyReport.render(built));
        out.println();
        IntegrityResult i = built.integrity();
        out.println("DATA INTEGRITY");
        out.println("=".repeat(60));
        out.printf("PostgreSQL outbox events: %,d %s%n", i.postgresEvents(), i.postgresEventsByType());
        out.printf("MongoDB documents:        %s%n", i.mongoDocuments());
        out.printf("Events found in MongoDB:  %,d of %,d%n", i.postgresEvents() - i.missingEventCount(), i.postgresEvents());
        out.printf("Processed / dead-lettered (metrics): %,d / %,d%n", snapshot.processed(), snapshot.deadLettered());
        if (i.missingEventCount() > 0) out.println("Missing event ids (first " + i.missingEventIds().size() + "): " + i.missingEventIds());
        i.referentialIssues().forEach(issue -> out.println("Reference issue: " + issue));
        out.println("INTEGRITY " + (i.match() ? "MATCHED" : "MISMATCH"));
        if (report != null) {
            ReportWriter.Written written = ReportWriter.write(built, report);
            out.println("Report: " + written.json().toAbsolutePath() + " (and " + written.html().getFileName() + ")");
        }
        out.flush();
        return i.match() ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    }

    /** Reads until no new metric arrived for {@link #QUIET}, or the timeout. */
    private Snapshot readToQuiet(MetricsCollector collector) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        long lastSeen = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            Snapshot now = collector.snapshot();
            long seen = now.seen() + now.duplicates();
            if (seen != lastSeen) {
                lastSeen = seen;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > QUIET.toNanos()) {
                break;
            }
        }
        return collector.snapshot();
    }
}
