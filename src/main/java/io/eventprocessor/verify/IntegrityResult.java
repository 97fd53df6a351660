package io.eventprocessor.verify;

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
 * @param referentialIssues what is inconsistent between documents, one sentence each, capped likewise
 * @param match true when every event is in MongoDB and there is no referential issue
 */
public record IntegrityResult(
        long postgresEvents,
        Map<String, Long> postgresEventsByType,
        Map<String, Long> mongoDocuments,
        List<String> missingEventIds,
        long missingEventCount,
        List<String> referentialIssues,
        boolean match) {

    public IntegrityResult {
        postgresEventsByType = Map.copyOf(postgresEventsByType);
        mongoDocuments = Map.copyOf(mongoDocuments);
        missingEventIds = List.copyOf(missingEventIds);
        referentialIssues = List.copyOf(referentialIssues);
    }
}
