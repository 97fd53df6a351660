package io.eventprocessor.readmodel;

import io.eventprocessor.contract.OutboxRow;
import java.time.Instant;

/** Turns one event type into read-model writes. Pure: validates and plans, does no I/O. */
public interface EventHandler {

    /** The event type this handler owns (a constant of {@link io.eventprocessor.contract.Names}). */
    String eventType();

    /**
     * Validates the event and returns its writes. Applying them twice must leave the read models as
     * applying them once did.
     *
     * @param processedAt the processor's time, recorded only when a document is first inserted
     * @throws InvalidEventException with a readable reason when the payload breaks the contract
     */
    EventWrites plan(OutboxRow row, Instant processedAt) throws InvalidEventException;
}
