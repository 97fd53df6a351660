package io.eventprocessor.ui.model;

import io.eventprocessor.verify.IntegrityResult;

/**
 * Outbox against MongoDB as the integrity tile shows it.
 *
 * @param outboxEvents outbox rows in scope
 * @param inMongo of those, how many were found in a read-model document
 * @param live true while the run is in progress (missing events may still be in flight)
 * @param scope what was compared, in words
 */
public record IntegrityView(long outboxEvents, long inMongo, boolean match, boolean live, String scope, IntegrityResult result) {

    public static IntegrityView of(IntegrityResult r, boolean live, String scope) {
        return new IntegrityView(r.postgresEvents(), r.postgresEvents() - r.missingEventCount(), r.match(), live, scope, r);
    }

    public long missing() {
        return outboxEvents - inMongo;
    }

    public String verdict() {
        if (match) return "MATCHED";
        return live ? Format.count(missing()) + " in flight" : Format.count(missing()) + " MISSING";
    }
}
