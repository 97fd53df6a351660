package io.eventprocessor.processor;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import io.eventprocessor.metrics.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Applies the writes of one poll: one ordered bulk write per collection. Ordered, because for an activity
 * the placeholder upsert must precede the guarded join and joins must keep their partition order; events
 * of one aggregate are already in order within the poll.
 *
 * <p>If MongoDB refuses individual writes of a bulk (a write error, not a lost connection), the events of
 * that collection are retried one by one so that only the guilty ones fail; their writes are idempotent, so
 * applying the ones that had already succeeded again changes nothing. Any other MongoException (no server,
 * timeout) propagates: the caller must not commit the poll and has to retry it.
 */
public final class ReadModelWriter {
    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);

    private final MongoDatabase database;

    public ReadModelWriter(MongoDatabase database) {
        this.database = database;
    }

    /** Applies every event's writes; the result list is parallel to {@code events}. */
    public List<WriteResult> apply(List<EventWrites> events) {
        WriteResult[] results = new WriteResult[events.size()];
        Map<String, List<Integer>> byCollection = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            byCollection.computeIfAbsent(events.get(i).collection(), c -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> group : byCollection.entrySet()) {
            List<WriteModel<Document>> models = new ArrayList<>();
            for (int i : group.getValue()) models.addAll(events.get(i).models());
            try {
                database.getCollection(group.getKey()).bulkWrite(models, ORDERED);
                long t5 = Clock.nowMicros();
                for (int i : group.getValue()) results[i] = WriteResult.acknowledged(t5);
            } catch (MongoBulkWriteException e) {
                if (e.getWriteConcernError() != null) throw e;
                for (int i : group.getValue()) results[i] = applyOne(group.getKey(), events.get(i));
            }
        }
        return List.of(results);
    }

    private WriteResult applyOne(String collection, EventWrites event) {
        try {
            database.getCollection(collection).bulkWrite(event.models(), ORDERED);
            return WriteResult.acknowledged(Clock.nowMicros());
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) throw e;
            return WriteResult.failed("MongoDB refused the write: " + e.getWriteErrors().get(0).getMessage());
        }
    }
}
