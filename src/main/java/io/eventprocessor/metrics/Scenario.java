package io.eventprocessor.metrics;

/**
 * What was asked of a run: the report's {@code scenario} section.
 *
 * @param name e.g. "load_1000"
 * @param mode "burst" (as fast as possible) or "paced" (at {@code rate})
 * @param rate intended events per second of a paced run; null for a burst
 */
public record Scenario(String name, int targetEvents, int batchSize, String mode, Double rate) {
    public static final String BURST = "burst";
    public static final String PACED = "paced";

    public static Scenario burst(String name, int targetEvents, int batchSize) {
        return new Scenario(name, targetEvents, batchSize, BURST, null);
    }

    public static Scenario paced(String name, int targetEvents, int batchSize, double rate) {
        return new Scenario(name, targetEvents, batchSize, PACED, rate);
    }
}
