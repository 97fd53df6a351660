package io.eventprocessor.cdc;

import io.eventprocessor.contract.FailureKind;
import io.eventprocessor.contract.OutboxRow;

/** What one Kafka record of the outbox topic turned out to be. */
public sealed interface ParseResult {

    /** An inserted (or updated) outbox row to hand to its handler. */
    record Change(OutboxRow row) implements ParseResult {}

    /** A record that carries no event and is rightly ignored (tombstone, heartbeat, delete, snapshot read). */
    record Skip(String reason) implements ParseResult {}

    /**
     * A record that should have been an event but cannot be processed; it goes to the dead-letter topic.
     *
     * @param eventId the event id when it could be read, else null
     */
    record Poison(FailureKind kind, String reason, String eventId) implements ParseResult {}
}
