package io.eventprocessor.processor;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.eventprocessor.cdc.OutboxRow;
import io.eventprocessor.config.Names;
import io.eventprocessor.metrics.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * ParticipantJoined (aggregate = activity id, payload user_id) -> {@code activities}. Two writes, in order:
 * <ol>
 *   <li>an upsert that records the event id in the activity's set and, if the activity has not arrived yet,
 *       inserts a placeholder (state "placeholder", no participants) that ActivityCreated later fills;</li>
 *   <li>a guarded update that pushes the participant and increments the count only when the user is not
 *       in the list yet. The guard ($ne on the list's user ids) is what makes redelivery a no-op: a blind
 *       $inc would count the same join twice.</li>
 * </ol>
 */
public final class ParticipantJoinedHandler implements EventHandler {

    @Override
    public String eventType() {
        return Names.PARTICIPANT_JOINED;
    }

    /** The participants of an activity nobody has joined. */
    static Document noParticipants() {
        return new Document("count", 0).append("list", List.of());
    }

    @Override
    public EventWrites plan(OutboxRow row, Instant processedAt) throws InvalidEventException {
        String userId = new PayloadReader(eventType(), row.payload()).uuid("user_id");
        Date joinedAt = Date.from(Clock.fromMicros(row.createdAtMicros()));

        var ensureActivity = new UpdateOneModel<Document>(
                Filters.eq(ReadModel.ID, row.aggregateId()),
                Updates.combine(
                        Updates.setOnInsert(ReadModel.STATE, ReadModel.STATE_PLACEHOLDER),
                        Updates.setOnInsert(ReadModel.PARTICIPANTS, noParticipants()),
                        Updates.setOnInsert(ReadModel.SOURCE_EVENT_ID, row.eventId()),
                        Updates.setOnInsert(ReadModel.CREATED_AT, joinedAt),
                        Updates.setOnInsert(ReadModel.PROCESSED_AT, Date.from(processedAt)),
                        Updates.addToSet(ReadModel.EVENT_IDS, row.eventId())),
                new UpdateOptions().upsert(true));
        // A flat filter document, not Filters.and(...): {$and: [...]} hides the _id from the embedded server's index
        // and turned each join into a scan of the whole collection.
        var join = new UpdateOneModel<Document>(
                new Document(ReadModel.ID, row.aggregateId()).append(ReadModel.PARTICIPANT_USER_IDS, new Document("$ne", userId)),
                Updates.combine(
                        Updates.push(ReadModel.PARTICIPANT_LIST, new Document("user_id", userId)
                                .append("joined_at", joinedAt)
                                .append("event_id", row.eventId())),
                        Updates.inc(ReadModel.PARTICIPANT_COUNT, 1)));
        return new EventWrites(Names.ACTIVITIES, List.of(ensureActivity, join), "user " + userId + " joined");
    }
}
