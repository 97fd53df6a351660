package io.eventprocessor.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.ReadModel;
import io.eventprocessor.testing.SharedStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The verifier against the shared stack's real PostgreSQL and MongoDB endpoint: outbox rows with fresh ids, read
 * models in a database of this test's own, some planted faults. Verification is restricted to this test's ids
 * because other tests share the outbox.
 */
@ExtendWith(SharedStack.class)
class VerifierIT {
    private final String user1 = id(), user2 = id(), lostUser = id(), ghostCreator = id(), ghostParticipant = id();
    private final String activity1 = id(), brokenActivity = id(), placeholderActivity = id();
    private final String eUser1 = id(), eUser2 = id(), eLost = id(), eActivity1 = id(), eJoin = id();
    private final String eBroken = id(), ePlaceholderCreated = id(), ePlaceholderJoin = id();

    @Test
    void findsPlantedMissingEventAndBrokenReferencesAndPassesCleanEvents(Settings shared) throws Exception {
        Settings settings = withDatabase(shared, "verify_" + UUID.randomUUID().toString().replace("-", ""));
        insertOutbox(settings,
                row(eUser1, user1, "User", Names.USER_CREATED), row(eUser2, user2, "User", Names.USER_CREATED),
                row(eLost, lostUser, "User", Names.USER_CREATED),
                row(eActivity1, activity1, "Activity", Names.ACTIVITY_CREATED),
                row(eJoin, activity1, "Activity", Names.PARTICIPANT_JOINED),
                row(eBroken, brokenActivity, "Activity", Names.ACTIVITY_CREATED),
                row(ePlaceholderCreated, placeholderActivity, "Activity", Names.ACTIVITY_CREATED),
                row(ePlaceholderJoin, placeholderActivity, "Activity", Names.PARTICIPANT_JOINED));

        try (MongoClient client = MongoClients.create(settings.mongoUri())) {
            MongoDatabase db = client.getDatabase(settings.mongoDatabase());
            db.getCollection(Names.USERS).insertMany(List.of(user(user1, eUser1), user(user2, eUser2)));
            // lostUser's event (eLost) never reached MongoDB.
            db.getCollection(Names.ACTIVITIES).insertMany(List.of(
                    activity(activity1, "created", eActivity1, user1, 1, List.of(user2), List.of(eActivity1, eJoin)),
                    // Creator and participant that are no users, and a count that disagrees with the list.
                    activity(brokenActivity, "created", eBroken, ghostCreator, 2, List.of(ghostParticipant), List.of(eBroken)),
                    // Its ActivityCreated is in the outbox, yet the document was never completed.
                    activity(placeholderActivity, "placeholder", ePlaceholderJoin, null, 1, List.of(user1), List.of(ePlaceholderJoin))));
        }

        try (Verifier verifier = new Verifier(settings)) {
            IntegrityResult all = verifier.verify(Scope.events(List.of(eUser1, eUser2, eLost, eActivity1, eJoin, eBroken,
                    ePlaceholderCreated, ePlaceholderJoin)));

            assertThat(all.postgresEvents()).isEqualTo(8);
            assertThat(all.postgresEventsByType()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    Names.USER_CREATED, 3L, Names.ACTIVITY_CREATED, 3L, Names.PARTICIPANT_JOINED, 2L));
            assertThat(all.mongoDocuments()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    Names.USERS, 2L, Names.ACTIVITIES, 3L, Names.STATISTICS, 0L));
            assertThat(all.missingEventIds()).containsExactlyInAnyOrder(eLost, ePlaceholderCreated);
            assertThat(all.missingEventCount()).isEqualTo(2);
            assertThat(all.referentialIssues()).containsExactlyInAnyOrder(
                    "activity " + brokenActivity + ": creator " + ghostCreator + " is not in users",
                    "activity " + brokenActivity + ": participant " + ghostParticipant + " is not in users",
                    "activity " + brokenActivity + ": participants.count is 2 but the list has 1",
                    "activity " + placeholderActivity + ": still a placeholder although its ActivityCreated "
                            + ePlaceholderCreated + " is in the outbox");
            assertThat(all.match()).isFalse();

            IntegrityResult clean = verifier.verify(Scope.events(List.of(eUser1, eUser2, eActivity1, eJoin)));
            assertThat(clean.postgresEvents()).isEqualTo(4);
            assertThat(clean.missingEventIds()).isEmpty();
            assertThat(clean.missingEventCount()).isZero();
            assertThat(clean.referentialIssues()).isEmpty();
            assertThat(clean.match()).isTrue();
        }
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static Settings withDatabase(Settings s, String database) {
        return new Settings(s.postgresHost(), s.postgresPort(), s.postgresDb(), s.postgresUser(), s.postgresPassword(),
                s.kafkaBootstrapServers(), s.mongoUri(), database, s.metricsFile());
    }

    private record Row(String eventId, String aggregateId, String aggregateType, String eventType) {}

    private static Row row(String eventId, String aggregateId, String aggregateType, String eventType) {
        return new Row(eventId, aggregateId, aggregateType, eventType);
    }

    /**
     * Rows with payloads the processor rejects, so that if the shared stack's capture is running, they end up in
     * the dead-letter topic of the shared pipeline and nowhere in this test's database either way.
     */
    private static void insertOutbox(Settings s, Row... rows) throws Exception {
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.postgresUser(), s.postgresPassword());
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + Names.OUTBOX_QUALIFIED
                        + " (event_id, aggregate_id, aggregate_type, event_type, payload) VALUES (?::uuid, ?::uuid, ?, ?, '{}'::jsonb)")) {
            for (Row r : rows) {
                ps.setString(1, r.eventId());
                ps.setString(2, r.aggregateId());
                ps.setString(3, r.aggregateType());
                ps.setString(4, r.eventType());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Document user(String id, String eventId) {
        return new Document(ReadModel.ID, id).append("username", "u" + id.substring(0, 8))
                .append(ReadModel.METADATA, new Document("source_event_id", eventId).append("event_ids", List.of(eventId)));
    }

    private static Document activity(String id, String state, String sourceEventId, String creator, int count,
            List<String> participantIds, List<String> eventIds) {
        List<Document> list = participantIds.stream().map(u -> new Document("user_id", u)).toList();
        Document d = new Document(ReadModel.ID, id).append(ReadModel.STATE, state)
                .append(ReadModel.PARTICIPANTS, new Document("count", count).append("list", list))
                .append(ReadModel.METADATA, new Document("source_event_id", sourceEventId).append("event_ids", eventIds));
        if (creator != null) d.append("creator_id", creator);
        return d;
    }
}
