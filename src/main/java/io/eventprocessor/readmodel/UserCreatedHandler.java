package io.eventprocessor.readmodel;

import io.eventprocessor.contract.ReadModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.eventprocessor.contract.OutboxRow;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
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

        var update = Updates.combine(
                Updates.set("email", email),
                Updates.set("username", username),
                Updates.set("first_name", firstName),
                Updates.set("last_name", lastName),
                Updates.set("bio", bio),
                Updates.set(ReadModel.SOURCE_EVENT_ID, row.eventId()),
                Updates.set(ReadModel.CREATED_AT, Date.from(Clock.fromMicros(row.createdAtMicros()))),
                Updates.setOnInsert(ReadModel.PROCESSED_AT, Date.from(processedAt)),
                Updates.addToSet(ReadModel.EVENT_IDS, row.eventId()));
        Document insert = new Document(ReadModel.ID, row.aggregateId())
                .append("email", email)
                .append("username", username)
                .append("first_name", firstName)
                .append("last_name", lastName)
                .append("bio", bio)
                .append(ReadModel.METADATA, Metadata.of(row.eventId(), Date.from(Clock.fromMicros(row.createdAtMicros())),
                        Date.from(processedAt)));
        return new EventWrites(Names.USERS,
                List.of(new UpdateOneModel<>(Filters.eq(ReadModel.ID, row.aggregateId()), update, new UpdateOptions().upsert(true))),
                username, null, insert);
    }
}
