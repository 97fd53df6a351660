package io.eventprocessor.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One outbox row as the processor receives it from a Debezium change event, with the timing points known
 * before the processor touches it.
 *
 * @param payload the event body (jsonb), always a JSON object
 * @param createdAtMicros T0: {@code created_at} (clock_timestamp) in microseconds since the epoch
 * @param capturedMicros T1: when Debezium built the change event (envelope {@code ts_us})
 * @param kafkaMicros T2: when the record reached Kafka (relay header, else the record timestamp)
 * @param t2Source where {@code kafkaMicros} came from; null when not known
 */
public record OutboxRow(
        String eventId,
        String aggregateId,
        String aggregateType,
        String eventType,
        ObjectNode payload,
        String status,
        long createdAtMicros,
        long capturedMicros,
        long kafkaMicros,
        T2Source t2Source) {

    /** A row whose T2 source is not known. */
    public OutboxRow(String eventId, String aggregateId, String aggregateType, String eventType, ObjectNode payload, String status,
            long createdAtMicros, long capturedMicros, long kafkaMicros) {
        this(eventId, aggregateId, aggregateType, eventType, payload, status, createdAtMicros, capturedMicros, kafkaMicros, null);
    }
}
