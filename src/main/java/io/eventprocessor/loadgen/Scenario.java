package io.eventprocessor.loadgen;

import io.eventprocessor.config.Tuning;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A named load preset: how many events, which mix, and how they are sent by default (burst mode).
 *
 * <p>The four presets of the demo (docs/architecture.md): warm-up sends its 10 users one at a time, 0.5 s apart, so
 * that each event can be followed on the dashboard; moderate and stress use small batches with short pauses so a
 * viewer sees the load build up; extreme sends 100 events per batch with 50 ms between batches.
 *
 * @param name                 the lookup name, e.g. {@code warm-up}
 * @param description          one line for a person
 * @param mix                  events per type
 * @param batchSize            rows per insert batch (one transaction)
 * @param delayBetweenBatches  pause after each batch but the last
 */
public record Scenario(String name, String description, EventMix mix, int batchSize, Duration delayBetweenBatches) {

    public static final Scenario WARM_UP = new Scenario("warm-up",
            "Warm-up: 10 UserCreated, one at a time - check connectivity and follow each event",
            EventMix.usersOnly(10), 1, Duration.ofMillis(500));
    public static final Scenario MODERATE = new Scenario("moderate",
            "Moderate load: 100 events (50 users, 30 activities, 20 participants) - typical operational load",
            EventMix.mixed(100), 10, Duration.ofMillis(100));
    public static final Scenario STRESS = new Scenario("stress",
            "Stress test: 1,000 events (500 / 300 / 200) - the system under stress",
            EventMix.mixed(1_000), Tuning.INSERT_BATCH_SIZE, Duration.ofMillis(50));
    public static final Scenario EXTREME = new Scenario("extreme",
            "Extreme load: 10,000 events (5,000 / 3,000 / 2,000) - find the limits; 100 per batch, 50 ms apart",
            EventMix.mixed(10_000), Tuning.INSERT_BATCH_SIZE, Duration.ofMillis(50));

    public static final List<Scenario> PRESETS = List.of(WARM_UP, MODERATE, STRESS, EXTREME);

    public Scenario {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
        if (delayBetweenBatches.isNegative()) throw new IllegalArgumentException("negative delay");
    }

    /** N events in the 50 / 30 / 20 mix, sent as fast as possible in batches of {@link Tuning#INSERT_BATCH_SIZE}. */
    public static Scenario custom(int totalEvents) {
        return new Scenario("custom-" + totalEvents, "Custom load: " + totalEvents + " mixed events",
                EventMix.mixed(totalEvents), Tuning.INSERT_BATCH_SIZE, Duration.ZERO);
    }

    /**
     * A preset by name ({@code warm-up}, {@code moderate}, {@code stress}, {@code extreme}, case-insensitive, also
     * {@code warmup}) or by its size ({@code 10}, {@code 100}, {@code 1000}, {@code 10000}, also {@code 1k},
     * {@code 10k}, {@code 1,000}).
     */
    public static Optional<Scenario> lookup(String key) {
        if (key == null) return Optional.empty();
        String k = key.trim().toLowerCase(Locale.ROOT).replace("_", "-");
        switch (k) {
            case "warmup", "warm-up", "10": return Optional.of(WARM_UP);
            case "moderate", "100": return Optional.of(MODERATE);
            case "stress", "1000", "1,000", "1k": return Optional.of(STRESS);
            case "extreme", "10000", "10,000", "10k": return Optional.of(EXTREME);
            default: return Optional.empty();
        }
    }

    /** A preset by name or size, else {@link #custom} for any other positive number. */
    public static Scenario parse(String key) {
        return lookup(key).orElseGet(() -> {
            try {
                int n = Integer.parseInt(key.trim().replace(",", "").replace("_", ""));
                if (n < 1) throw new IllegalArgumentException("event count must be >= 1: " + key);
                return custom(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unknown scenario '" + key
                        + "': use warm-up, moderate, stress, extreme, 10, 100, 1000, 10000 or a number of events", e);
            }
        });
    }

    public int totalEvents() {
        return mix.total();
    }

    public Scenario withBatchSize(int size) {
        return new Scenario(name, description, mix, size, delayBetweenBatches);
    }

    public Scenario withDelay(Duration delay) {
        return new Scenario(name, description, mix, batchSize, delay);
    }
}
