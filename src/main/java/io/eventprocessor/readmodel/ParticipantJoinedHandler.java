package io.eventprocessor.readmodel;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.OutboxRow;
import io.eventprocessor.contract.ReadModel;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * ParticipantJoined (aggregate = activity id, payload user_id) -> {@code activities}.
 *
 * <p>The join is planned as a {@link ParticipantJoin}: {@link ReadModelWriter} reads the poll's activities
 * once, adds the user to the participants in memory unless already there, and writes the resulting
 * participants object filtered by {@code _id} alone, which the embedded server answers from its index.
 *
 * <p>The models below are the reference: what the event makes of any database, without reading first (the writer
 * replaces them by the resolved join, one write per event). Two writes, in order:
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
                        Updates.setOnInsert(ReadModel.VERSION, Metadata.FIRST_VERSION),
                        Updates.addToSet(ReadModel.EVENT_IDS, row.eventId())),
                new UpdateOptions().upsert(true));
        // Any filter key beside _id makes the embedded server scan the whole collection: reference only.
        var join = new UpdateOneModel<Document>(
                new Document(ReadModel.ID, row.aggregateId()).append(ReadModel.PARTICIPANT_USER_IDS, new Document("$ne", userId)),
                Updates.combine(
                        Updates.push(ReadModel.PARTICIPANT_LIST, new Document("user_id", userId)
                                .append("joined_at", joinedAt)
                                .append("event_id", row.eventId())),
                        Updates.inc(ReadModel.PARTICIPANT_COUNT, 1)));
        return new EventWrites(Names.ACTIVITIES, List.of(ensureActivity, join), "user " + userId + " joined",
                new ParticipantJoin(row.aggregateId(), userId, row.eventId(), joinedAt, Date.from(processedAt)), null, row.eventId(), null);
    }
}
