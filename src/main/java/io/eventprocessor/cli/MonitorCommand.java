package io.eventprocessor.cli;

import io.eventprocessor.cdc.ReplicationSetup;
import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.measure.MetricsCollector;
import io.eventprocessor.measure.PartitionLag;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.measure.StageSummary;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.StackLauncher;
import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"A live view of the running pipeline, refreshed twice a second; generates no events.",
            "%nThroughput (current, average, peak), latency percentiles per stage, processed and dead-lettered counts by "
                + "type, each processor's share (events, current rate, partitions), the consumer group's lag per partition "
                + "and how far Debezium's slot is behind the database. Counts what is processed from the moment it starts. "
                + "Ctrl-C to stop."})
final class MonitorCommand extends EnvironmentCommand {

    @Option(names = "--duration", description = "Stop after this many seconds (default: until Ctrl-C).")
    Integer durationSeconds;

    MonitorCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws Exception {
        if (durationSeconds != null) Flags.atLeast(spec, "--duration", durationSeconds, 1, "60");
        PrintWriter out = spec.commandLine().getOut();
        Settings settings = StackLauncher.attach(env.vars()).settings();
        Connectivity.requireAll(settings);
        boolean tty = ProgressLine.interactiveTerminal();
        Instant started = Instant.now();
        long until = durationSeconds == null ? Long.MAX_VALUE : System.nanoTime() + Duration.ofSeconds(durationSeconds).toNanos();
        try (MetricsCollector collector = MetricsCollector.start(
                        MetricsCollector.Options.from(settings.kafkaBootstrapServers(), started));
                Connection postgres = Clients.postgres(settings)) {
            long lastPlain = 0;
            while (System.nanoTime() < until) {
                long slotLag = ReplicationSetup.slotLagBytes(postgres);
                String screen = render(collector.snapshot(), slotLag, Duration.between(started, Instant.now()));
                if (tty) {
                    out.print("\033[H\033[2J" + screen);
                    out.flush();
                } else if (System.nanoTime() - lastPlain > 2_000_000_000L) {
                    out.println(screen);
                    out.flush();
                    lastPlain = System.nanoTime();
                }
                Thread.sleep(500);
            }
        }
        return ExitCodes.OK;
    }

    static String render(Snapshot s, long slotLagBytes, Duration uptime) {
        StringBuilder b = new StringBuilder();
        b.append("EVENT PROCESSOR - LIVE MONITORING   ").append(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")))
                .append(String.format("   watching for %ds%n", uptime.toSeconds()));
        b.append("=".repeat(72)).append('\n');
        b.append(String.format("THROUGHPUT   current %,8.0f ev/s   average %,8.0f ev/s   peak %,8.0f ev/s%n",
                s.throughput().currentEps(), s.throughput().averageEps(), s.throughput().peakEps()));
        b.append(String.format("EVENTS       processed %,d   dead-lettered %,d   redelivered %,d%n", s.processed(), s.deadLettered(), s.duplicates()));
        for (Map.Entry<String, Long> e : new TreeMap<>(s.processedByType()).entrySet()) {
            b.append(String.format("             %-20s %,d%n", e.getKey(), e.getValue()));
        }
        if (!s.byProcessor().isEmpty()) {
            b.append(String.format("PROCESSORS   %-24s %10s %10s   %s%n", "id", "processed", "now ev/s", "partitions"));
            s.byProcessor().forEach((id, c) -> b.append(String.format("             %-24s %,10d %,10.0f   %s%n", id, c.processed(),
                    c.currentEps(), c.partitions().stream().map(p -> "p" + p).collect(Collectors.joining(",")))));
        }
        b.append(String.format("%nLATENCY (ms) %10s %8s %8s %8s %8s %8s%n", "count", "p50", "p95", "p99", "p99.9", "max"));
        for (Stage stage : Stage.values()) {
            StageSummary x = s.latency().getOrDefault(stage, StageSummary.EMPTY);
            b.append(String.format("%-14s %,8d %8.1f %8.1f %8.1f %8.1f %8.1f%n", stage.key(), x.count(), x.p50(), x.p95(), x.p99(), x.p999(), x.max()));
        }
        b.append("\nCONSUMER LAG ");
        if (s.lag().isEmpty()) b.append(s.lagError() == null ? "(measuring...)" : "unavailable: " + s.lagError());
        long total = 0;
        for (PartitionLag l : s.lag()) {
            b.append(String.format(" p%d=%,d", l.partition(), l.lag()));
            total += l.lag();
        }
        if (!s.lag().isEmpty()) b.append(String.format("  total=%,d", total));
        b.append(String.format("%nDEBEZIUM     replication slot %s behind the database%n",
                slotLagBytes < 0 ? "(no slot)" : String.format("%,d bytes of WAL", slotLagBytes)));
        return b.toString();
    }
}
