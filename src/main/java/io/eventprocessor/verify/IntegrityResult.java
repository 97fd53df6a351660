package io.eventprocessor.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's outbox compared with MongoDB's read models.
 *
 * @param postgresEvents outbox rows in scope
 * @param postgresEventsByType the same, by event type
 * @param mongoDocuments documents per read-model collection (whole collections)
 * @param missingEventIds outbox event ids found in no read-model document, sorted, at most {@link Verifier#MAX_LISTED}
 * @param missingEventCount how many are missing in all (the list may be capped)
 * @param referentialIssues what is inconsistent between documents, one sentence each, capped likewise (events applied
 *     more than once are among them)
 * @param match true when every event is in MongoDB and there is no referential issue
 * @param duplicatedEventCount events applied to the read models more than once (listed more than once in a document's
 *     {@code metadata.event_ids}, which gets one entry per application)
 */
public record IntegrityResult(
        long postgresEvents,
        Map<String, Long> postgresEventsByType,
        Map<String, Long> mongoDocuments,
        List<String> missingEventIds,
        long missingEventCount,
        List<String> referentialIssues,
        boolean match,
        long duplicatedEventCount) {

    /** A result without a count of events applied twice (none were). */
    public IntegrityResult(long postgresEvents, Map<String, Long> postgresEventsByType, Map<String, Long> mongoDocuments,
            List<String> missingEventIds, long missingEventCount, List<String> referentialIssues, boolean match) {
        this(postgresEvents, postgresEventsByType, mongoDocuments, missingEventIds, missingEventCount, referentialIssues, match, 0);
    }

    /**
     * Why the read models do not match, one sentence per kind of problem, with examples; empty when they match. What a
     * terminal prints under a mismatch.
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (missingEventCount > 0) {
            out.add(String.format("%,d of %,d outbox events are in no MongoDB document, e.g. %s", missingEventCount, postgresEvents,
                    String.join(", ", missingEventIds.subList(0, Math.min(3, missingEventIds.size())))));
        }
        if (duplicatedEventCount > 0) out.add(String.format("%,d events were applied to the read models more than once", duplicatedEventCount));
        if (!referentialIssues.isEmpty()) {
            out.add(referentialIssues.size() + (referentialIssues.size() == 1 ? " inconsistency" : " inconsistencies")
                    + " between documents, e.g. " + referentialIssues.get(0));
        }
        if (out.isEmpty() && !match) out.add("the verifier reported a mismatch without a missing event or an inconsistency");
        return out;
    }

    public IntegrityResult {
        postgresEventsByType = Map.copyOf(postgresEventsByType);
        mongoDocuments = Map.copyOf(mongoDocuments);
        missingEventIds = List.copyOf(missingEventIds);
        referentialIssues = List.copyOf(referentialIssues);
    }
}
