package io.eventprocessor.readmodel;

import java.util.Date;
import java.util.List;
import org.bson.Document;

/** The {@code metadata} sub-document of a read-model document (field names in {@link io.eventprocessor.contract.ReadModel}). */
final class Metadata {
    private Metadata() {}

    /** The metadata of a document first written by {@code eventId}, as the handlers' upserts create it. */
    static Document of(String eventId, Date createdAt, Date processedAt) {
        return new Document("source_event_id", eventId)
                .append("created_at", createdAt)
                .append("processed_at", processedAt)
                .append("event_ids", List.of(eventId))
                .append("version", FIRST_VERSION);
    }

    /** The version of a document just inserted ({@link io.eventprocessor.contract.ReadModel#VERSION}); a long, always. */
    static final long FIRST_VERSION = 0L;
}
