package io.eventprocessor.contract;

/**
 * The timing points of one event, microseconds since the epoch (docs/architecture.md, "Timing").
 *
 * @param t0 row inserted: the outbox row's {@code created_at} (clock_timestamp)
 * @param t1 captured: the Debezium envelope's top-level {@code ts_us}
 * @param t2 in Kafka: the relay's {@code ep_t2_us} header (taken when the record is handed to the producer,
 *           linger 0) or, without it (Kafka Connect), the record's timestamp in milliseconds
 * @param t3 polled by the processor
 * @param t4 handler started
 * @param t5 MongoDB acknowledged the write
 */
public record EventTiming(long t0, long t1, long t2, long t3, long t4, long t5) {

    public long stage(Stage stage) {
        return stage.of(this);
    }
}
