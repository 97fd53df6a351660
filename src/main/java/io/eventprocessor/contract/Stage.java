package io.eventprocessor.contract;

/**
 * The stages of an event's journey, (docs/architecture.md, "Timing"). This is the one place where a stage is
 * computed from the timing points; everything that shows or reports a stage goes through {@link #of}.
 */
public enum Stage {
    /** T5 - T0: row inserted to MongoDB write acknowledged. */
    END_TO_END("end_to_end", "End to end"),
    /** T1 - T0: row inserted to Debezium built the change event. */
    CDC_CAPTURE("cdc_capture", "CDC capture"),
    /** T2 - T1: change event to Kafka. */
    KAFKA_DELIVERY("kafka_delivery", "Kafka delivery"),
    /** T3 - T2: in Kafka to polled by the processor. */
    CONSUMER_WAIT("consumer_wait", "Consumer wait"),
    /** T5 - T3: polled to MongoDB write acknowledged. */
    PROCESSING("processing", "Processing");

    private final String key;
    private final String label;

    Stage(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The snake_case name used in metric records and reports. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** This stage's duration in microseconds. */
    public long of(EventTiming t) {
        return switch (this) {
            case END_TO_END -> t.t5() - t.t0();
            case CDC_CAPTURE -> t.t1() - t.t0();
            case KAFKA_DELIVERY -> t.t2() - t.t1();
            case CONSUMER_WAIT -> t.t3() - t.t2();
            case PROCESSING -> t.t5() - t.t3();
        };
    }
}
