package io.eventprocessor.ui.model;

import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.report.FaultOutcome;
import io.eventprocessor.stack.Fault;
import io.eventprocessor.stack.Health;
import io.eventprocessor.stack.Injection;
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
        List<FaultOutcome> faults = s.report() == null ? List.of() : s.report().faults();
        if (!faults.isEmpty()) return finishedThrough(s, when, faults);
        if (s.processed() == s.generated() && s.integrityMatch()) {
            return String.format(Locale.US, "Successfully processed %s events in %s: %s events/s, P95 %s, every event verified in MongoDB",
                    Format.count(s.processed()), when, Format.rate(s.averageEps()), Format.ms(s.p95Ms()));
        }
        return String.format(Locale.US, "Processed %s of %s events in %s%s", Format.count(s.processed()), Format.count(s.generated()),
                when, s.integrityMatch() ? "" : " - integrity check FAILED, see Verify");
    }

    /**
     * A run with faults: every event accounted for (processed, or dead-lettered as the poison it was) and verified, then
     * each fault with its figures from the report.
     */
    private static String finishedThrough(RunSummary s, String when, List<FaultOutcome> faults) {
        long deadLettered = s.report().events().deadLettered();
        String through = faults.size() == 1 ? "a fault" : faults.size() + " faults";
        String head = s.integrityMatch() && s.processed() + deadLettered == s.generated()
                ? String.format(Locale.US, "Processed %s events in %s through %s, every one verified in MongoDB", Format.count(s.processed()),
                        when, through)
                : String.format(Locale.US, "Processed %s of %s events in %s through %s%s", Format.count(s.processed()), Format.count(s.generated()),
                        when, through, s.integrityMatch() ? "" : " - integrity check FAILED, see Verify");
        List<String> each = new ArrayList<>();
        for (FaultOutcome f : faults) each.add(fault(f));
        return head + ". " + String.join("; ", each) + ".";
    }

    /** "mongodb-pause: recovered by itself after 10.4 s, 4,726 events delayed, 0 lost, 0 applied twice". */
    static String fault(FaultOutcome f) {
        if (f.detail() != null && f.detail().startsWith("not injected")) return f.kind() + ": " + f.detail();
        String first;
        if (!f.poison().isEmpty()) {
            long injected = f.poison().values().stream().mapToLong(FaultOutcome.PoisonCount::injected).sum();
            long dead = f.poison().values().stream().mapToLong(FaultOutcome.PoisonCount::deadLettered).sum();
            first = Format.count(injected) + " injected, " + Format.count(dead) + " dead-lettered";
        } else {
            first = f.recoveredAfterMs() == null ? "recovery not measured (no event inserted after it)"
                    : "recovered by itself after " + Format.seconds(f.recoveredAfterMs() / 1000.0);
        }
        return String.format(Locale.US, "%s: %s, %s events delayed, %s lost, %s applied twice", f.kind(), first, Format.count(f.eventsDelayed()),
                Format.count(f.eventsLost()), Format.count(f.eventsDuplicated()));
    }

    /** "Pausing MongoDB for 10 s...": the presenter asked, the pipeline has not answered yet. */
    public static String faultRequested(Fault fault) {
        String label = FaultState.label(fault);
        return "Resilience: " + label.substring(0, 1).toLowerCase(Locale.ROOT) + label.substring(1) + "...";
    }

    /**
     * The fault has taken effect: what the pipeline does about it, and while a run goes how many of its events wait.
     *
     * @param waiting the run's events inserted and without an outcome; -1 between runs
     */
    public static String faultOut(Injection i, long waiting) {
        String story = switch (i.fault()) {
            case PROCESSOR_CRASH -> "The processor crashed mid-poll: the stack restarts it, and what it had not committed is delivered "
                    + "again and found already applied";
            case MONGODB_PAUSE -> "MongoDB paused for " + FaultState.seconds(i.duration())
                    + ": the processor waits, nothing is committed, nothing is lost";
            case KAFKA_RESTART -> "The Kafka broker is restarting: producers and consumers reconnect by themselves, and what was not "
                    + "acknowledged is sent again";
            case DEBEZIUM_RESTART -> "Debezium is restarting: PostgreSQL keeps every change for its replication slot, and Debezium "
                    + "resumes from its offsets";
            case DEBEZIUM_CRASH -> "PostgreSQL cut Debezium's connection: Debezium reconnects by itself and resumes from its offsets; "
                    + "the slot keeps every change meanwhile";
            case POSTGRES_RESTART -> "PostgreSQL is restarting: the stack starts it again, the replication slot survives, the inserts "
                    + "wait and resume";
            case POISON -> "Poison injected: " + i.detail();
        };
        return story + (waiting < 0 ? "." : ". " + Format.count(waiting) + " events waiting.");
    }

    /**
     * The pipeline is whole again after the fault.
     *
     * @param afterSeconds from the injection to the health check that found every part healthy
     * @param waiting the run's events inserted and without an outcome then; -1 between runs
     */
    public static String faultBack(Fault fault, double afterSeconds, long waiting) {
        String part = switch (fault) {
            case PROCESSOR_CRASH -> "The processor";
            case KAFKA_RESTART -> "The Kafka broker";
            default -> FaultState.part(fault) == null ? "The pipeline" : FaultState.part(fault).label();
        };
        String head = part + " is back by itself: every part healthy " + Format.seconds(afterSeconds) + " after the fault";
        if (waiting < 0) return head + ".";
        return head + "; " + Format.count(waiting) + " waiting events flow again. Lost and applied twice are counted when the run ends.";
    }

    /** Poison written: where each event goes. */
    public static String poisonInjected(Injection i) {
        return "Poison injected: " + i.detail() + ". Each goes to the dead-letter topic with its reason, and the processor goes on.";
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
