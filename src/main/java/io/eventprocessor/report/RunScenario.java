package io.eventprocessor.report;

/**
 * What was asked of a run: the report's {@code scenario} section.
 *
 * @param name e.g. "load_1000"
 * @param batchSize rows per insert batch; 0 for a verification, which has none (its JSON says null)
 * @param mode "burst" (as fast as possible), "paced" (at {@code rate}) or "verification" (whatever the runs did)
 * @param rate intended events per second of a paced run; null for a burst
 */
public record RunScenario(String name, int targetEvents, int batchSize, String mode, Double rate) {
    public static final String BURST = "burst";
    public static final String PACED = "paced";
    /**
     * The name and the mode of a report over everything on the metrics topic (the verify command's), not over one run:
     * its runs were sent by whoever sent them, in any mode.
     */
    public static final String VERIFICATION = "verification";

    public static RunScenario burst(String name, int targetEvents, int batchSize) {
        return new RunScenario(name, targetEvents, batchSize, BURST, null);
    }

    public static RunScenario paced(String name, int targetEvents, int batchSize, double rate) {
        return new RunScenario(name, targetEvents, batchSize, PACED, rate);
    }

    /** A verification of the whole outbox: every run since the last reset, sent by whoever sent them. */
    public static RunScenario verification(int outboxEvents) {
        return new RunScenario(VERIFICATION, outboxEvents, 0, VERIFICATION, null);
    }

    /** True for a verification of the whole outbox rather than one run. */
    public boolean coversEverything() {
        return VERIFICATION.equals(name);
    }
}
