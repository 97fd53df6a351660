package io.eventprocessor.stack;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A fault to inject into a running pipeline, for the tests and for the stage. All but {@link #POISON} are done by the
 * embedded stack to itself ({@link LocalStack#inject}, or through its control channel, {@link StackControl}); poison
 * events are written by the client into the outbox and the topic, so they work against any pipeline.
 */
public enum Fault {
    PROCESSOR_CRASH("processor-crash", Duration.ZERO,
            "the processor thread dies mid-poll, after writing to MongoDB and before committing; the stack restarts it"),
    MONGODB_PAUSE("mongodb-pause", Duration.ofSeconds(10),
            "MongoDB unreachable (port and connections closed) for the duration, then back with its data"),
    KAFKA_RESTART("kafka-restart", Duration.ZERO, "the Kafka broker stops, stays down for the duration, and starts again on its port and data"),
    DEBEZIUM_RESTART("debezium-restart", Duration.ZERO, "the Debezium engine stops, stays down for the duration, and starts again from its offsets"),
    DEBEZIUM_CRASH("debezium-crash", Duration.ZERO, "PostgreSQL cuts Debezium's replication connection: the engine fails and is restarted"),
    POSTGRES_RESTART("postgres-restart", Duration.ZERO, "PostgreSQL stops (fast shutdown), stays down for the duration, and starts again on its port and data"),
    POISON("poison", Duration.ZERO, "poison events of every kind mixed into the outbox and the topic; each must reach the DLQ");

    private final String key;
    private final Duration defaultDuration;
    private final String description;

    Fault(String key, Duration defaultDuration, String description) {
        this.key = key;
        this.defaultDuration = defaultDuration;
        this.description = description;
    }

    /** The name a person types and the report shows, e.g. {@code processor-crash}. */
    public String key() {
        return key;
    }

    /** How long the part stays down when no duration is given. */
    public Duration defaultDuration() {
        return defaultDuration;
    }

    public String description() {
        return description;
    }

    /** Done by the stack's own process (everything but poison). */
    public boolean byStack() {
        return this != POISON;
    }

    /** The fault named {@code key} (case-insensitive); the message of the exception lists the names there are. */
    public static Fault parse(String key) {
        String k = key == null ? "" : key.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Fault f : values()) if (f.key.equals(k)) return f;
        throw new IllegalArgumentException("unknown fault '" + key + "': use one of " + keys());
    }

    public static String keys() {
        return Arrays.stream(values()).map(Fault::key).collect(Collectors.joining(", "));
    }
}
