package io.eventprocessor.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.OutboxRow;
import io.eventprocessor.stack.EmbeddedMongoServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handlers' writes against the stack's MongoDB stand-in, reached through the official driver only. */
class ReadModelHandlersTest {
    @TempDir
    static Path dir;
    private static EmbeddedMongoServer server;
    private static MongoClient client;

    private final HandlerRegistry registry = HandlerRegistry.standard();
    private final Events events = new Events();
    private MongoDatabase db;

    @BeforeAll
    static void startServer() {
        server = EmbeddedMongoServer.start(0, dir);
        client = MongoClients.create(server.uri());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    @BeforeEach
    void freshDatabase() {
        db = client.getDatabase("test_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** Plans and applies one batch the way the processor does. */
    private List<WriteResult> apply(List<OutboxRow> rows) throws InvalidEventException {
        List<EventWrites> writes = new ArrayList<>();
        for (OutboxRow row : rows) writes.add(registry.find(row.eventType()).orElseThrow().plan(row, Instant.now()));
        return new ReadModelWriter(db).apply(writes);
    }

    private void applyEach(List<OutboxRow> rows) throws InvalidEventException {
        for (OutboxRow row : rows) apply(List.of(row));
    }

    private Document doc(String collection, String id) {
        return db.getCollection(collection).find(Filters.eq("_id", id)).first();
    }

    private List<Document> all(String collection) {
        return db.getCollection(collection).find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    private Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> s = new TreeMap<>();
        for (String c : List.of(Names.USERS, Names.ACTIVITIES)) s.put(c, all(c));
        return s;
    }

    /** A document without what legitimately depends on arrival order: processing time and the order of event ids. */
    @SuppressWarnings("unchecked")
    private static Document normalised(Document d) {
        Document copy = Document.parse(d.toJson());
        Document metadata = (Document) copy.get("metadata");
        metadata.remove("processed_at");
        List<String> ids = new ArrayList<>((List<String>) metadata.get("event_ids"));
        ids.sort(null);
        metadata.put("event_ids", ids);
        return copy;
    }

    private Map<String, List<Document>> normalisedSnapshot() {
        Map<String, List<Document>> s = new TreeMap<>();
        snapshot().forEach((c, docs) -> s.put(c, docs.stream().map(ReadModelHandlersTest::normalised).toList()));
        return s;
    }

    @Test
    void userCreatedDocument() throws Exception {
        String userId = Events.id();
        OutboxRow row = events.user(userId, "ada");
        List<WriteResult> results = apply(List.of(row));
        assertThat(results).singleElement().satisfies(r -> assertThat(r.ok()).isTrue());

        Document user = doc(Names.USERS, userId);
        assertThat(user.getString("email")).isEqualTo("ada@example.org");
        assertThat(user.getString("username")).isEqualTo("ada");
        assertThat(user.getString("first_name")).isEqualTo("First ada");
        assertThat(user.getString("last_name")).isEqualTo("Last");
        assertThat(user.getString("bio")).isEqualTo("Bio of ada");
        Document metadata = user.get("metadata", Document.class);
        assertThat(metadata.getString("source_event_id")).isEqualTo(row.eventId());
        assertThat(metadata.getList("event_ids", String.class)).containsExactly(row.eventId());
        assertThat(metadata.getDate("created_at")).isEqualTo(Date.from(Clock.fromMicros(row.createdAtMicros())));
        assertThat(metadata.getDate("processed_at")).isNotNull();
    }

    @Test
    void activityCreatedDocument() throws Exception {
        String activityId = Events.id();
        String creator = Events.id();
        OutboxRow row = events.activity(activityId, creator, "Sunset run");
        apply(List.of(row));

        Document activity = doc(Names.ACTIVITIES, activityId);
        assertThat(activity.getString("title")).isEqualTo("Sunset run");
        assertThat(activity.getString("description")).isEqualTo("About Sunset run");
        assertThat(activity.getString("creator_id")).isEqualTo(creator);
        assertThat(activity.get("location", Document.class)).isEqualTo(new Document("name", "Lyon").append("address", "1 Place Bellecour"));
        assertThat(activity.getDate("start_date")).isEqualTo(Date.from(Instant.parse("2027-03-01T18:30:00.250Z")));
        assertThat(activity.getString("timezone")).isEqualTo("UTC");
        assertThat(activity.getInteger("max_participants")).isEqualTo(12);
        assertThat(activity.getString("state")).isEqualTo("created");
        Document participants = activity.get("participants", Document.class);
        assertThat(participants.getInteger("count")).isZero();
        assertThat(participants.getList("list", Document.class)).isEmpty();
        Document metadata = activity.get("metadata", Document.class);
        assertThat(metadata.getString("source_event_id")).isEqualTo(row.eventId());
        assertThat(metadata.getList("event_ids", String.class)).containsExactly(row.eventId());
    }

    @Test
    void participantJoinedAddsTheUserOnce() throws Exception {
        String activityId = Events.id();
        String alice = Events.id();
        String bob = Events.id();
        OutboxRow create = events.activity(activityId, alice, "Chess");
        OutboxRow aliceJoins = events.join(activityId, alice);
        OutboxRow bobJoins = events.join(activityId, bob);
        OutboxRow aliceAgain = events.join(activityId, alice); // a second, distinct event for the same user
        apply(List.of(create, aliceJoins, bobJoins, aliceAgain));

        Document activity = doc(Names.ACTIVITIES, activityId);
        Document participants = activity.get("participants", Document.class);
        assertThat(participants.getInteger("count")).isEqualTo(2);
        List<Document> list = participants.getList("list", Document.class);
        assertThat(list).extracting(d -> d.getString("user_id")).containsExactly(alice, bob);
        assertThat(list.get(0).getString("event_id")).isEqualTo(aliceJoins.eventId());
        assertThat(list.get(0).getDate("joined_at")).isEqualTo(Date.from(Clock.fromMicros(aliceJoins.createdAtMicros())));
        assertThat(activity.get("metadata", Document.class).getList("event_ids", String.class))
                .containsExactly(create.eventId(), aliceJoins.eventId(), bobJoins.eventId(), aliceAgain.eventId());
        assertThat(activity.get("metadata", Document.class).getString("source_event_id")).isEqualTo(create.eventId());
    }

    private List<OutboxRow> scenario() {
        String alice = Events.id();
        String bob = Events.id();
        String chess = Events.id();
        String run = Events.id();
        return List.of(
                events.user(alice, "alice"),
                events.user(bob, "bob"),
                events.activity(chess, alice, "Chess"),
                events.activity(run, bob, "Run"),
                events.join(chess, bob),
                events.join(chess, alice),
                events.join(run, alice));
    }

    @Test
    void redeliveryChangesNothing() throws Exception {
        List<OutboxRow> rows = scenario();
        apply(rows);
        Map<String, List<Document>> once = snapshot();

        // The whole poll again: its inserts of documents that exist now are refused, and the events still succeed.
        assertThat(apply(rows)).allMatch(WriteResult::ok);
        applyEach(rows);              // and event by event
        List<OutboxRow> doubled = new ArrayList<>(rows);
        doubled.addAll(rows);
        apply(doubled);               // duplicates inside one poll

        assertThat(snapshot()).isEqualTo(once); // processed_at included: not even a timestamp moved
        Document chess = doc(Names.ACTIVITIES, rows.get(2).aggregateId());
        assertThat(chess.get("participants", Document.class).getInteger("count")).isEqualTo(2);
        assertThat(chess.get("participants", Document.class).getList("list", Document.class)).hasSize(2);
    }

    @Test
    void participantBeforeActivityConvergesToInOrder() throws Exception {
        List<OutboxRow> rows = scenario();
        applyEach(rows);
        Map<String, List<Document>> inOrder = normalisedSnapshot();

        freshDatabase();
        // Both joins of Chess, and Run's join, arrive before any activity (join order per activity kept).
        List<OutboxRow> joinsFirst = List.of(rows.get(4), rows.get(6), rows.get(5), rows.get(3), rows.get(0), rows.get(2), rows.get(1));
        applyEach(joinsFirst);
        Document placeholder = doc(Names.ACTIVITIES, rows.get(2).aggregateId());
        assertThat(placeholder.getString("title")).isEqualTo("Chess");
        assertThat(normalisedSnapshot()).isEqualTo(inOrder);

        freshDatabase();
        applyEach(List.of(rows.get(4), rows.get(5), rows.get(6)));
        Document waiting = doc(Names.ACTIVITIES, rows.get(2).aggregateId());
        assertThat(waiting.getString("state")).isEqualTo("placeholder");
        assertThat(waiting.get("participants", Document.class).getInteger("count")).isEqualTo(2);
        apply(List.of(rows.get(3), rows.get(2), rows.get(1), rows.get(0)));
        assertThat(normalisedSnapshot()).isEqualTo(inOrder);
    }

    @Test
    void participantBeforeUserConvergesToInOrder() throws Exception {
        List<OutboxRow> rows = scenario();
        apply(rows);
        Map<String, List<Document>> inOrder = normalisedSnapshot();

        freshDatabase();
        List<OutboxRow> usersLast = List.of(rows.get(2), rows.get(3), rows.get(4), rows.get(5), rows.get(6), rows.get(1), rows.get(0));
        apply(usersLast);
        assertThat(normalisedSnapshot()).isEqualTo(inOrder);
    }

    @Test
    void statisticsAreRightAfterRedelivery() throws Exception {
        List<OutboxRow> rows = new ArrayList<>(scenario());
        String lonely = Events.id();
        rows.add(events.join(lonely, rows.get(0).aggregateId())); // activity not arrived yet
        StatisticsProjector projector = new StatisticsProjector(db);
        apply(rows);
        projector.recompute(Instant.now());
        Document first = doc(Names.STATISTICS, "global");

        apply(rows);
        applyEach(rows);
        projector.recompute(Instant.now());
        Document second = doc(Names.STATISTICS, "global");

        for (Document stats : List.of(first, second)) {
            assertThat(stats.getLong("users")).isEqualTo(2);
            assertThat(stats.getLong("activities")).isEqualTo(2);
            assertThat(stats.getLong("pending_activities")).isEqualTo(1);
            assertThat(stats.getLong("participants")).isEqualTo(4);
            assertThat(stats.get("events_by_type", Document.class)).isEqualTo(new Document(Names.USER_CREATED, 2L)
                    .append(Names.ACTIVITY_CREATED, 2L).append(Names.PARTICIPANT_JOINED, 4L));
            assertThat(stats.getLong("events_total")).isEqualTo(rows.size());
        }
        assertThat(db.getCollection(Names.STATISTICS).countDocuments()).isEqualTo(1);
    }

    @Test
    void everyEventIdCanBeFoundInMongo() throws Exception {
        List<OutboxRow> rows = scenario();
        apply(rows);
        for (OutboxRow row : rows) {
            String collection = row.eventType().equals(Names.USER_CREATED) ? Names.USERS : Names.ACTIVITIES;
            assertThat(db.getCollection(collection).countDocuments(Filters.eq("metadata.event_ids", row.eventId())))
                    .as(row.eventType() + " " + row.eventId()).isEqualTo(1);
        }
    }

    /** A document the writer inserts (nothing there yet) is exactly the one the handler's own upserts make. */
    @Test
    void insertedDocumentsEqualWhatTheUpsertsMake() throws Exception {
        String user = Events.id();
        String activity = Events.id();
        String waiting = Events.id();
        Instant processedAt = Instant.now();
        List<OutboxRow> rows = List.of(events.user(user, "ada"), events.activity(activity, user, "Chess"), events.join(waiting, user));
        List<EventWrites> writes = new ArrayList<>();
        for (OutboxRow row : rows) writes.add(registry.find(row.eventType()).orElseThrow().plan(row, processedAt));

        new ReadModelWriter(db).apply(writes);
        Map<String, List<Document>> inserted = snapshot();

        freshDatabase();
        for (EventWrites w : writes) db.getCollection(w.collection()).bulkWrite(w.models());
        assertThat(snapshot()).isEqualTo(inserted);
        assertThat(doc(Names.ACTIVITIES, waiting).get("participants", Document.class).getInteger("count")).isEqualTo(1);
    }

    /** Joins of one poll on an activity that already has participants: each user once, the count is the list's length. */
    @Test
    void joinsAcrossPollsAddEachUserOnce() throws Exception {
        String activity = Events.id();
        List<String> users = List.of(Events.id(), Events.id(), Events.id());
        apply(List.of(events.join(activity, users.get(0))));
        apply(List.of(events.activity(activity, users.get(0), "Run"), events.join(activity, users.get(1)), events.join(activity, users.get(0))));
        apply(List.of(events.join(activity, users.get(2)), events.join(activity, users.get(1)), events.join(activity, users.get(2))));

        Document participants = doc(Names.ACTIVITIES, activity).get("participants", Document.class);
        assertThat(participants.getList("list", Document.class)).extracting(d -> d.getString("user_id")).containsExactlyElementsOf(users);
        assertThat(participants.getInteger("count")).isEqualTo(3);
        assertThat(doc(Names.ACTIVITIES, activity).get("metadata", Document.class).getList("event_ids", String.class)).hasSize(7);
        assertThat(doc(Names.ACTIVITIES, activity).getString("state")).isEqualTo("created");
    }

    @Test
    void aRefusedWriteFailsOnlyItsOwnEvent() throws Exception {
        String broken = Events.id();
        // A document whose participants are not {count, list}: the join cannot be resolved, and is not written.
        db.getCollection(Names.ACTIVITIES).insertOne(new Document("_id", broken).append("participants", "corrupt"));
        String unwritable = Events.id();
        // A document MongoDB itself refuses to update: its metadata is a string, so the event id cannot be appended.
        db.getCollection(Names.ACTIVITIES).insertOne(new Document("_id", unwritable).append("metadata", "corrupt"));
        String good = Events.id();
        String user = Events.id();
        List<OutboxRow> rows = List.of(events.activity(good, user, "Good"), events.join(broken, user), events.join(good, user),
                events.activity(unwritable, user, "Refused"));
        List<WriteResult> results = apply(rows);

        assertThat(results.get(0).ok()).isTrue();
        assertThat(results.get(1).ok()).isFalse();
        assertThat(results.get(1).failure()).startsWith("the participants of activity " + broken);
        assertThat(results.get(2).ok()).isTrue();
        assertThat(results.get(3).ok()).isFalse();
        assertThat(results.get(3).failure()).startsWith("MongoDB refused the write");
        assertThat(doc(Names.ACTIVITIES, good).get("participants", Document.class).getInteger("count")).isEqualTo(1);
        assertThat(doc(Names.ACTIVITIES, broken)).as("a failed event leaves no trace").doesNotContainKey("metadata");
    }

    /** Every event id of the documents, with how often it is listed: an event applied twice would be listed twice. */
    private Map<String, Integer> applications() {
        Map<String, Integer> count = new TreeMap<>();
        for (String c : List.of(Names.USERS, Names.ACTIVITIES)) {
            for (Document d : all(c)) {
                for (String id : d.get("metadata", Document.class).getList("event_ids", String.class)) count.merge(id, 1, Integer::sum);
            }
        }
        return count;
    }

    /** A whole poll delivered again (a crash before the commit) changes nothing, and each event stays applied once. */
    @Test
    void aRedeliveredPollIsNotAppliedAgain() throws Exception {
        String user = Events.id();
        String activity = Events.id();
        String waiting = Events.id();
        List<OutboxRow> rows = List.of(events.user(user, "ada"), events.join(waiting, user), events.activity(activity, user, "Chess"),
                events.join(activity, user), events.activity(waiting, user, "Late"));
        apply(rows);
        Map<String, List<Document>> once = snapshot();
        apply(rows);
        apply(rows.subList(2, 5));

        assertThat(snapshot()).isEqualTo(once);
        assertThat(applications()).hasSize(rows.size()).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    }

    /**
     * A second writer changes an activity between this writer's read and its write (a zombie processor, or two owners
     * during a rebalance): the stale write is refused, the join is resolved again on the newer state, and neither join is lost.
     */
    @Test
    void aWriteBasedOnStaleStateIsRefusedAndResolvedAgain() throws Exception {
        String activity = Events.id();
        String first = Events.id();
        String other = Events.id();
        String mine = Events.id();
        apply(List.of(events.activity(activity, first, "Fenced"), events.join(activity, first)));
        ReadModelWriter otherWriter = new ReadModelWriter(db);
        EventWrites otherJoin = plan(events.join(activity, other));
        int[] interleaved = {0};
        ReadModelWriter writer = new ReadModelWriter(db, () -> {
            if (interleaved[0]++ == 0) otherWriter.apply(List.of(otherJoin));
        });

        List<WriteResult> results = writer.apply(List.of(plan(events.join(activity, mine))));

        assertThat(interleaved[0]).as("the write was attempted again after the refusal").isGreaterThan(1);
        assertThat(results.get(0).ok()).isTrue();
        Document participants = doc(Names.ACTIVITIES, activity).get("participants", Document.class);
        assertThat(participants.getList("list", Document.class)).extracting(d -> d.getString("user_id"))
                .containsExactly(first, other, mine);
        assertThat(participants.getInteger("count")).isEqualTo(3);
        assertThat(applications()).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(doc(Names.ACTIVITIES, activity).get("metadata", Document.class).getLong("version")).isEqualTo(3L);
    }

    /** A database of this test reached through a client that counts the find commands it sends. */
    private record Counted(MongoClient client, MongoDatabase db, AtomicInteger finds) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    private Counted countingFinds() {
        AtomicInteger finds = new AtomicInteger();
        MongoClient counting = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.uri()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        if (event.getCommandName().equals("find")) finds.incrementAndGet();
                    }
                })
                .build());
        return new Counted(counting, counting.getDatabase(db.getName()), finds);
    }

    /** A join on an activity this writer wrote itself is resolved from what it wrote; one written by another is read. */
    @Test
    void aJoinOnAnActivityThisWriterWroteIsNotReadAgain() throws Exception {
        String activity = Events.id();
        String someoneElses = Events.id();
        String user = Events.id();
        new ReadModelWriter(db).apply(List.of(plan(events.activity(someoneElses, user, "Theirs"))));
        try (Counted counted = countingFinds()) {
            ReadModelWriter writer = new ReadModelWriter(counted.db());
            writer.apply(List.of(plan(events.activity(activity, user, "Mine"))));
            writer.apply(List.of(plan(events.join(activity, user))));
            assertThat(counted.finds()).as("reads for a join on its own activity").hasValue(0);
            writer.apply(List.of(plan(events.join(someoneElses, user))));
            assertThat(counted.finds()).as("reads for a join on another writer's activity").hasValue(1);
        }
        for (String id : List.of(activity, someoneElses)) {
            Document participants = doc(Names.ACTIVITIES, id).get("participants", Document.class);
            assertThat(participants.getList("list", Document.class)).extracting(d -> d.getString("user_id")).containsExactly(user);
            assertThat(doc(Names.ACTIVITIES, id).get("metadata", Document.class).getLong("version")).isEqualTo(Metadata.FIRST_VERSION + 1);
        }
    }

    /**
     * The read models are cleared under a writer (a reset) and a join then comes for an activity it remembers: the join
     * makes the placeholder of a missing activity, and nothing the writer remembered comes back.
     */
    @Test
    void aRememberedActivityThatIsGoneIsNotWrittenBackFromMemory() throws Exception {
        String activity = Events.id();
        String before = Events.id();
        String after = Events.id();
        ReadModelWriter writer = new ReadModelWriter(db);
        writer.apply(List.of(plan(events.activity(activity, before, "Reset"))));
        writer.apply(List.of(plan(events.join(activity, before))));
        db.getCollection(Names.ACTIVITIES).deleteMany(new Document());

        OutboxRow join = events.join(activity, after);
        List<WriteResult> results = writer.apply(List.of(plan(join)));

        assertThat(results.get(0).ok()).isTrue();
        Document placeholder = doc(Names.ACTIVITIES, activity);
        assertThat(placeholder.getString("state")).isEqualTo("placeholder");
        assertThat(placeholder.get("participants", Document.class).getList("list", Document.class))
                .extracting(d -> d.getString("user_id")).containsExactly(after);
        assertThat(placeholder.get("metadata", Document.class).getList("event_ids", String.class)).containsExactly(join.eventId());
    }

    /** Another writer joined users to an activity this writer remembers: its next join is resolved on the newer state. */
    @Test
    void aRememberedActivityChangedByAnotherWriterIsReadAgain() throws Exception {
        String activity = Events.id();
        List<String> users = List.of(Events.id(), Events.id(), Events.id(), Events.id());
        ReadModelWriter writer = new ReadModelWriter(db);
        writer.apply(List.of(plan(events.activity(activity, users.get(0), "Shared")), plan(events.join(activity, users.get(0)))));
        new ReadModelWriter(db).apply(List.of(plan(events.join(activity, users.get(1))), plan(events.join(activity, users.get(2)))));

        List<WriteResult> results = writer.apply(List.of(plan(events.join(activity, users.get(3)))));

        assertThat(results.get(0).ok()).isTrue();
        Document participants = doc(Names.ACTIVITIES, activity).get("participants", Document.class);
        assertThat(participants.getList("list", Document.class)).extracting(d -> d.getString("user_id")).containsExactlyElementsOf(users);
        assertThat(participants.getInteger("count")).isEqualTo(4);
        assertThat(doc(Names.ACTIVITIES, activity).get("metadata", Document.class).getLong("version")).isEqualTo(Metadata.FIRST_VERSION + 4);
        assertThat(applications()).hasSize(5).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    }

    private EventWrites plan(OutboxRow row) throws InvalidEventException {
        return registry.find(row.eventType()).orElseThrow().plan(row, Instant.now());
    }
}
