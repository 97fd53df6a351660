package io.eventprocessor.ui.model;

import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.stack.Health;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one-line banner that tells the room in words what is happening. */
public final class Narrative {
    private Narrative() {}

    public static String connecting(String step) {
        return "Setting up the event processor demo" + (step == null || step.isBlank() ? "..." : ": " + step);
    }

    /** "Pipeline ready. Press 1, 2, 3 or 4 to send 10, 100, 1,000 or 10,000 events, or G for the guided demo." */
    public static String ready() {
        List<Scenario> presets = Scenario.PRESETS;
        List<String> keys = new ArrayList<>();
        List<String> sizes = new ArrayList<>();
        for (int i = 0; i < presets.size(); i++) {
            keys.add(Integer.toString(i + 1));
            sizes.add(Format.count(presets.get(i).totalEvents()));
        }
        return "Pipeline ready. Press " + or(keys) + " to send " + or(sizes) + " events, or G for the guided demo.";
    }

    private static String or(List<String> items) {
        if (items.size() < 2) return String.join("", items);
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    /** While a scenario runs; {@code phase} is what the run is doing when nothing was processed yet. */
    public static String running(Figures f, String phase) {
        if (f.processed() == 0 && f.deadLettered() == 0) return phase + "...";
        String rate = f.currentEps() >= 1
                ? String.format(Locale.US, "Processing %s events per second", Format.rate(f.currentEps()))
                : "Waiting for the last events";
        String p95 = f.percentiles().size() > 1 && f.percentiles().get(1).level() != LatencyLevel.NONE
                ? ", P95 " + Format.ms(f.percentiles().get(1).valueMs()) : "";
        return String.format(Locale.US, "%s... %s of %s in MongoDB%s", rate, Format.count(f.seen()), Format.count(f.target()), p95);
    }

    public static String finished(RunSummary s) {
        String when = Format.seconds(s.durationSeconds()).replace(" s", " seconds");
        if (s.processed() == s.generated() && s.integrityMatch()) {
            return String.format(Locale.US, "Successfully processed %s events in %s: %s events/s, P95 %s, every event verified in MongoDB",
                    Format.count(s.processed()), when, Format.rate(s.averageEps()), Format.ms(s.p95Ms()));
        }
        return String.format(Locale.US, "Processed %s of %s events in %s%s", Format.count(s.processed()), Format.count(s.generated()),
                when, s.integrityMatch() ? "" : " - integrity check FAILED, see Verify");
    }

    /** "Not ready: PostgreSQL, Kafka and MongoDB are down (below: what is wrong and how to fix it)." */
    public static String down(List<Health> health) {
        List<String> parts = health.stream().filter(h -> !h.ok()).map(h -> h.service().label()).toList();
        return "Not ready: " + or(parts).replace(" or ", " and ") + (parts.size() == 1 ? " is" : " are")
                + " down (below: what is wrong and how to fix it).";
    }

    public static String stopped(long sent) {
        return "Stopped after sending " + Format.count(sent) + " events; every sent event was still followed to MongoDB.";
    }

    public static String error(String message) {
        return "Problem: " + message;
    }
}
