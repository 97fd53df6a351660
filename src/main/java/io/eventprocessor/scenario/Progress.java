package io.eventprocessor.scenario;

import io.eventprocessor.contract.Stage;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.measure.StageSummary;
import java.util.Locale;

/**
 * Where a running scenario is: its phase, rows inserted so far, the events it sends, and the collector's snapshot.
 * {@link #line()} is the one progress line the terminal faces print.
 *
 * @param sent rows inserted into the outbox so far
 * @param total events the scenario sends
 */
public record Progress(ScenarioRun.Phase phase, long sent, long total, Snapshot snapshot) {
    private static final int BAR_WIDTH = 30;

    /** Events with an outcome (processed or dead-lettered) out of the total, 0..1. */
    public double done() {
        return total <= 0 ? 1 : Math.min(1.0, (double) snapshot.seen() / total);
    }

    /** {@code ██████░░░  45% | inserted 1,000 | processed 450/1,000 | 2,000 ev/s | p50 3.1 ms p99 9.0 ms | Inserting...} */
    public String line() {
        StageSummary e2e = snapshot.latency().get(Stage.END_TO_END);
        String latency = e2e == null || e2e.count() == 0 ? "" : String.format(Locale.ROOT, " | p50 %.1f ms p99 %.1f ms", e2e.p50(), e2e.p99());
        return String.format(Locale.ROOT, "%s %3.0f%% | inserted %,d | processed %,d/%,d | %,.0f ev/s%s%s | %s",
                bar(done()), 100 * done(), sent, snapshot.seen(), total, snapshot.throughput().currentEps(), latency,
                snapshot.deadLettered() > 0 ? " | dead-lettered " + snapshot.deadLettered() : "", phase.label());
    }

    /** A text progress bar for a fraction 0..1. */
    public static String bar(double fraction) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR_WIDTH);
        return "\u2588".repeat(filled) + "\u2591".repeat(BAR_WIDTH - filled);
    }
}
