package io.eventprocessor.verify;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Which outbox rows to verify: all, a run's event ids, and/or a created_at window. Restricting matters when the
 * outbox holds other runs (or other tests) whose read models live elsewhere.
 *
 * @param eventIds only these ids; empty = any
 * @param from created_at at or after; null = unbounded
 * @param to created_at before; null = unbounded
 */
public record Scope(Set<String> eventIds, Instant from, Instant to) {
    public Scope {
        eventIds = Set.copyOf(eventIds);
    }

    public static Scope all() {
        return new Scope(Set.of(), null, null);
    }

    public static Scope events(Collection<String> eventIds) {
        if (eventIds.isEmpty()) throw new IllegalArgumentException("an empty id set would verify nothing; use Scope.all()");
        return new Scope(Set.copyOf(eventIds), null, null);
    }

    public static Scope window(Instant from, Instant to) {
        return new Scope(Set.of(), from, to);
    }

    public boolean restricted() {
        return !eventIds.isEmpty() || from != null || to != null;
    }
}
