package io.eventprocessor.stack;

import java.time.Instant;
import java.util.List;

/**
 * What the embedded stack knows about itself: each supervised part, and the latest things that happened to them
 * (faults injected, deaths, restarts), oldest first.
 */
public record StackStatus(List<Part> parts, List<Event> events) {
    public StackStatus {
        parts = List.copyOf(parts);
        events = List.copyOf(events);
    }

    /**
     * @param up running now
     * @param restarts times the stack restarted it after it stopped on its own or was made to stop
     * @param lastFailure why it last stopped on its own, or null
     * @param retriedPolls for the processor: polls that failed (MongoDB or Kafka away) and were read again, since its last start
     */
    public record Part(String name, boolean up, int restarts, String lastFailure, long retriedPolls) {
        public Part(String name, boolean up, int restarts, String lastFailure) {
            this(name, up, restarts, lastFailure, 0);
        }
    }

    /** @param what one sentence, e.g. "died: ...; restarting in 1000 ms" */
    public record Event(Instant at, String part, String what) {}
}
