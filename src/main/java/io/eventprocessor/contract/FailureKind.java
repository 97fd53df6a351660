package io.eventprocessor.contract;

/**
 * Why an event could not be processed. The first kinds are found while parsing the change event, the
 * others by the processor; all of them send the record to the dead-letter topic with this key.
 */
public enum FailureKind {
    /** The record value is not JSON. */
    UNPARSEABLE_JSON("unparseable_json"),
    /** JSON, but not a Debezium change envelope of the outbox (no op, no after, unknown op, no timestamp). */
    INVALID_ENVELOPE("invalid_envelope"),
    /** An outbox column is missing or malformed (bad uuid, no event_type, payload not an object, bad created_at). */
    INVALID_FIELD("invalid_field"),
    /** The payload is larger than {@link EnvelopeParser#MAX_PAYLOAD_BYTES}. */
    PAYLOAD_TOO_LARGE("payload_too_large"),
    /** No handler is registered for the event type. */
    UNKNOWN_EVENT_TYPE("unknown_event_type"),
    /** The handler rejected the event's payload. */
    INVALID_EVENT("invalid_event"),
    /** MongoDB refused this event's write (the others of the batch went through). */
    WRITE_FAILED("write_failed");

    private final String key;

    FailureKind(String key) {
        this.key = key;
    }

    /** The snake_case name used in DLQ records and metrics. */
    public String key() {
        return key;
    }
}
