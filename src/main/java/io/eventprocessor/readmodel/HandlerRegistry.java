package io.eventprocessor.readmodel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Event type -> its handler. A type with no handler is poison ("unknown event type X"). */
public final class HandlerRegistry {
    private final Map<String, EventHandler> byType;

    public HandlerRegistry(List<EventHandler> handlers) {
        // toMap throws on a duplicate type: two handlers for one type is a programming error.
        this.byType = Map.copyOf(handlers.stream().collect(Collectors.toMap(EventHandler::eventType, Function.identity())));
    }

    /** The handlers of the three event types. */
    public static HandlerRegistry standard() {
        return new HandlerRegistry(List.of(new UserCreatedHandler(), new ActivityCreatedHandler(), new ParticipantJoinedHandler()));
    }

    public Optional<EventHandler> find(String eventType) {
        return Optional.ofNullable(byType.get(eventType));
    }

    public static String unknownTypeReason(String eventType) {
        return "unknown event type " + eventType;
    }
}
