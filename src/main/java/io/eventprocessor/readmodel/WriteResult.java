package io.eventprocessor.readmodel;

/**
 * The outcome of one event's writes.
 *
 * @param acknowledgedMicros T5: when MongoDB acknowledged the bulk write that carried the event (0 on failure)
 * @param failure why MongoDB refused this event's writes, or null
 */
public record WriteResult(long acknowledgedMicros, String failure) {
    public static WriteResult acknowledged(long micros) {
        return new WriteResult(micros, null);
    }

    public static WriteResult failed(String reason) {
        return new WriteResult(0, reason);
    }

    public boolean ok() {
        return failure == null;
    }
}
