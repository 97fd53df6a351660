package io.eventprocessor.contract;

/**
 * Where an event's T2 (in Kafka) came from; the metric record and the report name it ({@link #key()}), so a reader knows
 * what the Kafka delivery and consumer wait stages span.
 */
public enum T2Source {
    /** The embedded relay's header: when it handed the record to the producer (linger 0). */
    RELAY_HEADER("relay_header"),
    /** The record's timestamp, set by the partition leader when it appended the record (topic LogAppendTime). */
    BROKER_APPEND_TIME("broker_log_append_time"),
    /** The record's timestamp, set by the producer (topic CreateTime): with Kafka Connect, when Connect's producer took it. */
    PRODUCER_CREATE_TIME("producer_create_time"),
    /** The record's timestamp, of a type the reader did not say. */
    RECORD_TIMESTAMP("record_timestamp"),
    /** No header and no timestamp: T2 is set to T1 (the Kafka delivery stage reads 0). */
    NONE("none");

    private final String key;

    T2Source(String key) {
        this.key = key;
    }

    /** The snake_case name in metric records and reports. */
    public String key() {
        return key;
    }
}
