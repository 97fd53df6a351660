package io.eventprocessor.readmodel;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.eventprocessor.contract.ReadModel;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * One ParticipantJoined, as data: {@link ReadModelWriter} applies a poll's joins to the activities' current
 * participants in memory and writes the result filtered by {@code _id} alone (see there why that is safe).
 */
public record ParticipantJoin(String activityId, String userId, String eventId, Date joinedAt, Date processedAt) {

    /** The participant's entry in {@code participants.list}. */
    Document entry() {
        return new Document("user_id", userId).append("joined_at", joinedAt).append("event_id", eventId);
    }

    /**
     * What a join writes whether or not it adds the user: its event id (appended: once per application), the next
     * version, and, when the write may insert ({@code upsert}), a placeholder's fields for an activity gone meanwhile.
     * Without an upsert nothing is inserted, so they are left out: the MongoDB stand-in applies every operator through
     * its generic path machinery, and a join's writes are the most expensive of a scenario.
     */
    private List<Bson> eventIdAndVersion(Long version, boolean upsert) {
        List<Bson> updates = new ArrayList<>();
        if (upsert) {
            updates.add(Updates.setOnInsert(ReadModel.STATE, ReadModel.STATE_PLACEHOLDER));
            updates.add(Updates.setOnInsert(ReadModel.SOURCE_EVENT_ID, eventId));
            updates.add(Updates.setOnInsert(ReadModel.CREATED_AT, joinedAt));
            updates.add(Updates.setOnInsert(ReadModel.PROCESSED_AT, processedAt));
        }
        updates.add(Updates.push(ReadModel.EVENT_IDS, eventId));
        updates.add(Updates.set(ReadModel.VERSION, Versions.next(version)));
        return updates;
    }

    /**
     * The user is already a participant (a second join of the same user): only the event id is recorded.
     *
     * @param upsert as in {@link #setParticipants}
     */
    UpdateOneModel<Document> recordOnly(Long version, boolean upsert) {
        List<Bson> updates = eventIdAndVersion(version, upsert);
        if (upsert) updates.add(Updates.setOnInsert(ReadModel.PARTICIPANTS, ParticipantJoinedHandler.noParticipants()));
        return new UpdateOneModel<>(Versions.filter(activityId, version), Updates.combine(updates), new UpdateOptions().upsert(upsert));
    }

    /** The activity has not arrived and nobody joined it yet: the placeholder, with this join's participants. */
    Document placeholder(Document participants) {
        return new Document(ReadModel.ID, activityId)
                .append(ReadModel.STATE, ReadModel.STATE_PLACEHOLDER)
                .append(ReadModel.METADATA, Metadata.of(eventId, joinedAt, processedAt))
                .append(ReadModel.PARTICIPANTS, participants);
    }

    /**
     * The user joins: the whole participants object as it is after this join, if the activity is still at {@code version}.
     *
     * @param upsert true for a version just read: a newer one makes the upsert collide with the existing {@code _id}
     *     (E11000); false for a version remembered from this writer's own last write, which may be gone with its
     *     document: the write then matches nothing, which the writer sees in the bulk's matched count
     */
    UpdateOneModel<Document> setParticipants(Document participants, Long version, boolean upsert) {
        List<Bson> updates = eventIdAndVersion(version, upsert);
        updates.add(Updates.set(ReadModel.PARTICIPANTS, participants));
        return new UpdateOneModel<>(Versions.filter(activityId, version), Updates.combine(updates), new UpdateOptions().upsert(upsert));
    }
}
