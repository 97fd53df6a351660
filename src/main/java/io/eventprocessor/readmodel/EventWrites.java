package io.eventprocessor.readmodel;

import com.mongodb.client.model.WriteModel;
import io.eventprocessor.contract.ReadModel;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What a handler wants written for one event: idempotent write models on one collection, to be applied in
 * this order (the processor batches a whole poll of them into one bulk write per collection).
 *
 * <p>{@link ReadModelWriter} does not apply {@code models} as they are when it can do better: it inserts {@code insert}
 * into a document that does not exist, applies {@code changes} to one that does (naming the version it read), and
 * resolves {@code join}; {@code models} are the reference: what the event makes of nothing, on any MongoDB.
 *
 * @param collection one of the read-model collections of {@link io.eventprocessor.contract.Names}
 * @param models the event's writes as plain idempotent upserts; for a join, the guarded pair of updates (see
 *     {@link ParticipantJoinedHandler}) that {@link ReadModelWriter} replaces by a join resolved against the activity's
 *     participants (see {@link ParticipantJoin})
 * @param detail a short human description for the metric record (username, title, "user X joined")
 * @param join for ParticipantJoined: the join to resolve against the activity's participants, or null
 * @param insert the whole document the models create when the event's document does not exist yet (what the
 *     upsert would make of nothing), or null; {@link ReadModelWriter} inserts it instead, which costs the
 *     embedded server a fraction of an upsert, and applies {@code changes} whenever the document exists
 * @param eventId the event, recorded in the document's {@code metadata.event_ids} once per application
 * @param changes what the event changes in a document that exists already ($set, $setOnInsert), without the event id
 *     and the version, which the writer adds; null for a join
 */
public record EventWrites(String collection, List<WriteModel<Document>> models, String detail, ParticipantJoin join, Document insert,
        String eventId, Bson changes) {
    public EventWrites {
        models = List.copyOf(models);
    }

    public EventWrites(String collection, List<WriteModel<Document>> models, String detail) {
        this(collection, models, detail, null, null, null, null);
    }

    /** The id of the document this event writes, when the writer may insert it or resolves a join. */
    String documentId() {
        if (join != null) return join.activityId();
        return insert == null ? null : String.valueOf(insert.get(ReadModel.ID));
    }
}
