package io.eventprocessor.readmodel;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.OutboxRow;
import io.eventprocessor.contract.ReadModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The writes of an event that creates or refreshes one document, from its fields given once: the whole document to
 * insert when it does not exist yet, and the idempotent upsert that $sets the same fields (the same values again on
 * redelivery), keeps {@code onInsertOnly} fields and processed_at from the first write, and adds the event id to
 * the set of events that touched the document.
 */
final class Upsert {
    private Upsert() {}

    static EventWrites of(String collection, OutboxRow row, Instant processedAt, Document fields, Document onInsertOnly, String detail) {
        Date createdAt = Date.from(Clock.fromMicros(row.createdAtMicros()));
        List<Bson> changes = new ArrayList<>();
        for (Map.Entry<String, Object> f : fields.entrySet()) changes.add(Updates.set(f.getKey(), f.getValue()));
        changes.add(Updates.set(ReadModel.SOURCE_EVENT_ID, row.eventId()));
        changes.add(Updates.set(ReadModel.CREATED_AT, createdAt));
        for (Map.Entry<String, Object> f : onInsertOnly.entrySet()) changes.add(Updates.setOnInsert(f.getKey(), f.getValue()));
        changes.add(Updates.setOnInsert(ReadModel.PROCESSED_AT, Date.from(processedAt)));
        List<Bson> updates = new ArrayList<>(changes);
        updates.add(Updates.setOnInsert(ReadModel.VERSION, Metadata.FIRST_VERSION));
        updates.add(Updates.addToSet(ReadModel.EVENT_IDS, row.eventId()));

        Document insert = new Document(ReadModel.ID, row.aggregateId());
        insert.putAll(fields);
        insert.append(ReadModel.METADATA, Metadata.of(row.eventId(), createdAt, Date.from(processedAt)));
        insert.putAll(onInsertOnly);
        UpdateOneModel<Document> upsert = new UpdateOneModel<>(Filters.eq(ReadModel.ID, row.aggregateId()), Updates.combine(updates),
                new UpdateOptions().upsert(true));
        return new EventWrites(collection, List.of(upsert), detail, null, insert, row.eventId(), Updates.combine(changes));
    }
}
