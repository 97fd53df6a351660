package io.eventprocessor.readmodel;

/** A handler refused an event: its payload breaks the event type's contract. The message says why, for a person. */
public final class InvalidEventException extends Exception {
    public InvalidEventException(String message) {
        super(message);
    }
}
