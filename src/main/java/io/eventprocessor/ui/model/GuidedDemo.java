package io.eventprocessor.ui.model;

import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.report.LatencyReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's phases in order, as {@code scripts/demo/full_demo.sh} runs them in a terminal: setup, the four scenarios,
 * verification, the report. One key moves to the next phase; each phase has the sentence the banner tells the room.
 * Pure: it knows where the presenter is, the model carries each phase out.
 */
public final class GuidedDemo {

    /** What a phase does. */
    public enum Action { SETUP, SCENARIO, VERIFY, REPORT }

    /**
     * @param scenario the preset this phase runs, for {@link Action#SCENARIO}; null otherwise
     */
    public record Phase(int number, String title, String story, Action action, Scenario scenario) {}

    public static final List<Phase> PHASES = phases();

    private int index = -1;

    /** Phases taken so far; -1 before the first, {@code PHASES.size() - 1} at the last. */
    public int index() {
        return index;
    }

    /** The phase now shown; null before the first. */
    public Phase current() {
        return index < 0 ? null : PHASES.get(index);
    }

    /** The phase the key moves to; null after the last. */
    public Phase upcoming() {
        return index + 1 < PHASES.size() ? PHASES.get(index + 1) : null;
    }

    /** Moves to the next phase and returns it; null when the demo is over. */
    public Phase advance() {
        if (index + 1 >= PHASES.size()) return null;
        index++;
        return PHASES.get(index);
    }

    /** True from the first phase to the last. */
    public boolean started() {
        return index >= 0;
    }

    public boolean finished() {
        return index == PHASES.size() - 1;
    }

    /** Back to before the first phase: the presenter left the guide. */
    public void leave() {
        index = -1;
    }

    private static List<Phase> phases() {
        List<Phase> out = new ArrayList<>();
        int total = 3 + Scenario.PRESETS.size();
        out.add(new Phase(1, "Setup", "The path of an event: PostgreSQL's outbox, Debezium reading the write-ahead log, Kafka, "
                + "the event processor, MongoDB's read models. Every part must be green. Earlier demo data is cleared, "
                + "so every figure from here on is this demo's.", Action.SETUP, null));
        String[] titles = {"Warm-up", "Moderate load", "Stress test", "Extreme load"};
        String[] why = {
            "Follow single events from INSERT to MongoDB document: pick one in Recent events to see its T0 to T5.",
            "Typical operational load, with the mix of users, activities and participants: where does the time go, hop by hop?",
            "The system under stress. Watch the percentiles against the targets: " + targets() + ".",
            "The limits: throughput, consumer lag and the tail of the latency."};
        for (int i = 0; i < Scenario.PRESETS.size(); i++) {
            Scenario s = Scenario.PRESETS.get(i);
            String title = i < titles.length ? titles[i] : s.name();
            String how = s.batchSize() == 1
                    ? String.format(Locale.US, "%s events, one at a time, %s ms apart.", Format.count(s.totalEvents()), s.delayBetweenBatches().toMillis())
                    : String.format(Locale.US, "%s events in batches of %s, %s ms apart.", Format.count(s.totalEvents()),
                            Format.count(s.batchSize()), s.delayBetweenBatches().toMillis());
            out.add(new Phase(out.size() + 1, title + ": " + Format.count(s.totalEvents()) + " events",
                    how + " " + (i < why.length ? why[i] : ""), Action.SCENARIO, s));
        }
        out.add(new Phase(out.size() + 1, "Verification", "Every outbox event of this demo is looked up in MongoDB's read models, "
                + "and every reference checked: nothing lost, nothing twice.", Action.VERIFY, null));
        out.add(new Phase(out.size() + 1, "Report", "The runs side by side, their percentile curves overlaid, exported as JSON and a "
                + "self-contained HTML page with a picture of this window.", Action.REPORT, null));
        if (out.size() != total) throw new IllegalStateException("phases: " + out.size());
        return List.copyOf(out);
    }

    private static String targets() {
        List<String> parts = new ArrayList<>();
        for (LatencyReport.Target t : LatencyReport.TARGETS) parts.add(t.percentile() + " < " + Format.count(Math.round(t.limitMs())) + " ms");
        return String.join(", ", parts);
    }
}
