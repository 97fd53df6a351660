package io.eventprocessor.readmodel;

import com.mongodb.client.model.WriteModel;
import io.eventprocessor.contract.ReadModel;
import java.util.List;
import org.bson.Document;

/**
 * What a handler wants written for one event: idempotent write models on one collection, to be applied in
 * this order (the processor batches a whole poll of them into one bulk write per collection).
 *
 * @param collection one of the read-model collections of {@link io.eventprocessor.contract.Names}
 * @param models the event's writes; for a join, the guarded fallback that {@link ReadModelWriter} uses only
 *     when it cannot resolve the join against the activity's current participants (see {@link ParticipantJoin})
 * @param detail a short human description for the metric record (username, title, "user X joined")
 * @param join for ParticipantJoined: the join to resolve against the activity's participants, or null
 * @param insert the whole document the models create when the event's document does not exist yet (what the
 *     upsert would make of nothing), or null; {@link ReadModelWriter} inserts it instead, which costs the
 *     embedded server a fraction of an upsert, and falls back to the models whenever the insert is refused
 */
public record EventWrites(String collection, List<WriteModel<Document>> models, String detail, ParticipantJoin join, Document insert) {
    public EventWrites {
        models = List.copyOf(models);
    }

    public EventWrites(String collection, List<WriteModel<Document>> models, String detail) {
        this(collection, models, detail, null, null);
    }

    /** The id of the document this event writes, when the writer may insert it or resolves a join. */
    String documentId() {
        if (join != null) return join.activityId();
        return insert == null ? null : String.valueOf(insert.get(ReadModel.ID));
    }
}
