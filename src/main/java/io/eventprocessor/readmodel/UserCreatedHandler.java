package io.eventprocessor.readmodel;

import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.OutboxRow;
import java.time.Instant;
import org.bson.Document;

/**
 * UserCreated -> {@code users}: one document per user id. An upsert that $sets the event's fields (the same
 * values again on redelivery), adds the event id to a set and stamps processed_at only on insert, so a
 * second delivery changes nothing.
 */
public final class UserCreatedHandler implements EventHandler {

    @Override
    public String eventType() {
        return Names.USER_CREATED;
    }

    @Override
    public EventWrites plan(OutboxRow row, Instant processedAt) throws InvalidEventException {
        PayloadReader p = new PayloadReader(eventType(), row.payload());
        String email = p.email("email");
        String username = p.requiredText("username");
        String firstName = p.optionalText("first_name");
        String lastName = p.optionalText("last_name");
        String bio = p.optionalText("bio");

        Document fields = new Document("email", email)
                .append("username", username)
                .append("first_name", firstName)
                .append("last_name", lastName)
                .append("bio", bio);
        return Upsert.of(Names.USERS, row, processedAt, fields, new Document(), username);
    }
}
