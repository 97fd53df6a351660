package io.eventprocessor.readmodel;

import io.eventprocessor.contract.ReadModel;
import org.bson.Document;

/**
 * The fencing rule of the read models: a write to an existing document names the version it read
 * ({@link ReadModel#VERSION}) and sets the next one. The filter is {@code {_id, metadata.version}} with upsert: when the
 * document moved on meanwhile, nothing matches, the upsert's insert collides with the existing {@code _id}, and MongoDB
 * refuses the write (E11000) instead of letting a stale writer overwrite newer state. Atomic: one document, found by
 * the {@code _id} index (on a real MongoDB and on the embedded stand-in alike).
 */
final class Versions {
    private Versions() {}

    /** {@code _id} and the version read; null matches a document written before versions existed (no such field). */
    static Document filter(String id, Long version) {
        return new Document(ReadModel.ID, id).append(ReadModel.VERSION, version);
    }

    static long next(Long version) {
        return version == null ? Metadata.FIRST_VERSION + 1 : version + 1;
    }
}
