package io.eventprocessor.outbox;

import java.util.UUID;

/**
 * One row of {@code activity.event_outbox} as written by a producer of events (before it has a created_at).
 *
 * @param payload the event body as a JSON object text
 */
public record OutboxEvent(UUID eventId, UUID aggregateId, String aggregateType, String eventType, String payload) {
    public static final String STATUS_PENDING = "pending";
}
