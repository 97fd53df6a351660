package io.eventprocessor.readmodel;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.ReadModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Applies the writes of one poll: one ordered bulk write per collection. Ordered, because a document's
 * creation (insert, or placeholder) must precede its later writes and joins must keep their partition order; events
 * of one aggregate are already in order within the poll.
 *
 * <p><b>Each event is applied once.</b> A document records, in {@code metadata.event_ids}, every event applied to it,
 * appended once per application. An event already listed in its document (a redelivery after a crash or a rebalance)
 * is not applied again, so the list doubles as a count of applications: an id listed twice would mean an event applied
 * twice, which the verifier reports.
 *
 * <p><b>Fencing.</b> Every write to an existing document names the version it read and sets the next one
 * ({@link Versions}): a processor that read stale state (a zombie whose session expired while it still wrote, or two
 * owners during a rebalance) is refused by MongoDB itself (E11000 on the {@code _id}), re-reads and resolves its events
 * again against the newer state; after {@link #CONFLICT_ROUNDS} refusals in a row the poll fails and is read again.
 *
 * <p>A document that does not exist yet is inserted whole by the first event that creates it
 * ({@link EventWrites#insert()}): an insert costs the embedded server a fraction of an upsert. Whether it exists is
 * not asked beforehand: the first attempt reads only the activities the poll's joins need and this writer does not
 * remember ({@code _id $in}, which the embedded server answers from its {@code _id} index) and inserts every other new
 * document optimistically, so a poll of creations costs one round trip. If a document existed after all (a redelivered
 * poll, an ActivityCreated that arrives after its placeholder), the unique {@code _id} refuses the insert, and the
 * collection's events are resolved again with every document they touch read first (what the refused ordered bulk had
 * applied is then found in the documents' event ids and not applied again).
 *
 * <p><b>Remembered documents.</b> A join needs its activity's participants and version, which this writer usually
 * wrote itself a moment before (the ActivityCreated, earlier joins). It keeps the state of the documents it wrote last
 * ({@link #REMEMBERED} per collection) and resolves joins against it instead of reading them again. Such a write is not
 * an upsert: if the document changed under this writer (another processor) or is gone (a reset), it matches nothing,
 * the bulk's matched count falls short, and the collection's events are resolved again with every document read.
 *
 * <p>Joins ({@link ParticipantJoin}) are resolved here rather than by a guarded update: the embedded server
 * uses its {@code _id} index only for a filter on {@code _id} alone (or on a whole unique index), and a guard such as
 * {@code {_id: X, "participants.list.user_id": {$ne: U}}} made every join scan the whole collection. So the
 * joins are applied to the participants read above, in memory and in poll order (a user already in the list
 * is not added again), and each join writes the resulting participants object with {@code $set}, filtered by
 * {@code _id} and the version read. A join on an activity whose participants cannot be read as {@code {count, list}}
 * is not written (the event fails with the reason). Each event is one write, so a refused write never leaves part of
 * an event behind (the embedded server goes on with an ordered bulk after a refused write, unlike MongoDB).
 *
 * <p>If MongoDB refuses individual writes for another reason (a write error, not a lost connection), the events of
 * that collection are retried one by one so that only the guilty ones fail. Any other MongoException (no server,
 * timeout) propagates: the caller must not commit the poll and has to retry it.
 */
public final class ReadModelWriter {
    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);
    /**
     * Ids per $in read of a poll's documents. Small on purpose: the embedded server finds the candidates by index but
     * then checks each one against the whole $in list, so one query costs ids x ids comparisons (1,000 ids on 20k
     * documents: ~50 ms; ten queries of 100: a few ms).
     */
    static final int READ_CHUNK = 100;
    /** Attempts of one collection's bulk while documents keep changing under it (the first one optimistic). */
    static final int CONFLICT_ROUNDS = 4;
    /** Documents remembered per collection, the last written kept: far more than a scenario's activities in flight. */
    static final int REMEMBERED = 4_096;

    private final MongoDatabase database;
    /** Per collection, the documents as this writer's last successful bulk left them (processor thread only). */
    private final Map<String, Map<String, Known>> remembered = new HashMap<>();
    /** Runs between reading the documents and writing them; tests use it to write in between, as a second processor would. */
    private final Runnable betweenReadAndWrite;

    public ReadModelWriter(MongoDatabase database) {
        this(database, () -> {});
    }

    ReadModelWriter(MongoDatabase database, Runnable betweenReadAndWrite) {
        this.database = database;
        this.betweenReadAndWrite = betweenReadAndWrite;
    }

    /** Applies every event's writes; the result list is parallel to {@code events}. */
    public List<WriteResult> apply(List<EventWrites> events) {
        WriteResult[] results = new WriteResult[events.size()];
        Map<String, List<Integer>> byCollection = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            byCollection.computeIfAbsent(events.get(i).collection(), c -> new ArrayList<>()).add(i);
        }
        byCollection.forEach((collection, indexes) -> {
            List<EventWrites> group = indexes.stream().map(events::get).toList();
            List<WriteResult> written = applyCollection(collection, group);
            for (int k = 0; k < indexes.size(); k++) results[indexes.get(k)] = written.get(k);
        });
        return List.of(results);
    }

    /**
     * One collection's events of the poll: all in one bulk, else, if MongoDB refuses some write, one by one (each event
     * is one write, so a refusal takes only its own event down).
     */
    private List<WriteResult> applyCollection(String collection, List<EventWrites> events) {
        Attempt all = attempt(collection, events);
        if (all.refusal() == null) return results(all.unwritable());
        List<WriteResult> results = new ArrayList<>(events.size());
        for (EventWrites e : events) {
            Attempt alone = attempt(collection, List.of(e));
            results.add(alone.refusal() != null ? WriteResult.failed("MongoDB refused the write: " + alone.refusal())
                    : results(alone.unwritable()).get(0));
        }
        return results;
    }

    private static List<WriteResult> results(String[] unwritable) {
        long t5 = Clock.nowMicros();
        List<WriteResult> results = new ArrayList<>(unwritable.length);
        for (String why : unwritable) results.add(why == null ? WriteResult.acknowledged(t5) : WriteResult.failed(why));
        return results;
    }

    /**
     * @param refusal why MongoDB refused a write of the bulk, or null when it took it
     * @param unwritable per event, why it was not written at all (its document cannot take it), or null
     */
    private record Attempt(String refusal, String[] unwritable) {}

    /**
     * Resolves and writes {@code events} until MongoDB takes the bulk, or refuses a write for another reason than a
     * collision on {@code _id}, which means the documents changed: they are read again and the events resolved anew.
     */
    private Attempt attempt(String collection, List<EventWrites> events) {
        boolean readAll = false;
        for (int round = 1; ; round++) {
            String[] unwritable = new String[events.size()];
            Map<String, Known> known = new HashMap<>();
            Set<String> fromMemory = new HashSet<>();
            List<WriteModel<Document>> models = resolve(collection, events, readAll, unwritable, known, fromMemory);
            betweenReadAndWrite.run();
            Bulk bulk;
            try {
                bulk = bulk(collection, models, !fromMemory.isEmpty());
            } catch (RuntimeException e) {
                remembered.remove(collection);
                throw e;
            }
            if (bulk.refused() == null && bulk.matchedAll()) {
                remember(collection, known);
                return new Attempt(null, unwritable);
            }
            remembered.remove(collection);
            if (bulk.refused() != null) {
                var error = bulk.refused().getWriteErrors().get(0);
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) return new Attempt(error.getMessage(), unwritable);
            }
            if (round == CONFLICT_ROUNDS) {
                throw new MongoException("documents of " + collection + " kept changing under this processor's writes (" + round
                        + " attempts; another processor writes them too, e.g. during a rebalance): the poll is read again");
            }
            readAll = true;
        }
    }

    /**
     * @param refused the refusal when MongoDB refused a write, else null
     * @param matchedAll false when an update that is no upsert matched no document
     */
    private record Bulk(MongoBulkWriteException refused, boolean matchedAll) {}

    /**
     * Writes {@code models}; a refused write is returned, other failures propagate. With {@code checkMatches} (some
     * models rest on remembered documents) every update must have matched a document or inserted one; an event's own
     * guarded update that matches nothing by design then only costs a round that reads everything.
     */
    private Bulk bulk(String collection, List<WriteModel<Document>> models, boolean checkMatches) {
        if (models.isEmpty()) return new Bulk(null, true);
        try {
            BulkWriteResult result = database.getCollection(collection).bulkWrite(models, ORDERED);
            if (!checkMatches) return new Bulk(null, true);
            long updates = models.stream().filter(m -> !(m instanceof InsertOneModel)).count();
            return new Bulk(null, result.getMatchedCount() + result.getUpserts().size() >= updates);
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) throw e;
            return new Bulk(e, true);
        }
    }

    /**
     * The documents of {@code known} as the bulk just written left them, the newest written kept; not those whose
     * participants could not be read (they are read again, in case someone repaired them).
     */
    private void remember(String collection, Map<String, Known> known) {
        Map<String, Known> kept = remembered.computeIfAbsent(collection, c -> new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
                return size() > REMEMBERED;
            }
        });
        known.forEach((id, doc) -> {
            if (!doc.participants.unreadable) kept.put(id, doc);
        });
    }

    /**
     * The write models of {@code events} (all of {@code collection}), in order. The documents read first ({@code _id
     * $in}, an index lookup) are the joins' activities not remembered from this writer's last writes, or with
     * {@code readAll} every document the events touch; a document neither read, remembered nor created earlier in the
     * poll is assumed new and inserted whole. An event that cannot be written (its activity's participants are not
     * {@code {count, list}}) gets its reason in {@code unwritable} instead. {@code known} receives every document as the
     * models leave it, {@code fromMemory} the ids of the remembered ones.
     */
    private List<WriteModel<Document>> resolve(String collection, List<EventWrites> events, boolean readAll, String[] unwritable,
            Map<String, Known> known, Set<String> fromMemory) {
        Set<String> ids = new LinkedHashSet<>();
        for (EventWrites e : events) {
            if (e.documentId() != null && (readAll || e.join() != null)) ids.add(e.documentId());
        }
        // The documents known to exist: remembered (written under fencing by a version that may be stale), read from
        // MongoDB, or created earlier in this poll.
        Map<String, Known> kept = readAll ? null : remembered.get(collection);
        if (kept != null) {
            for (var it = ids.iterator(); it.hasNext(); ) {
                String id = it.next();
                Known k = kept.get(id);
                if (k == null) continue;
                known.put(id, k.copy());
                fromMemory.add(id);
                it.remove();
            }
        }
        if (!ids.isEmpty()) known.putAll(read(collection, ids));
        List<WriteModel<Document>> models = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            EventWrites e = events.get(i);
            String id = e.documentId();
            if (id == null) {
                models.addAll(e.models());
                continue;
            }
            Known doc = known.get(id);
            if (doc != null && doc.applied.contains(e.eventId())) continue; // applied already: a redelivery
            ParticipantJoin join = e.join();
            if (join == null) {
                if (doc == null) {
                    known.put(id, Known.inserted(e.eventId()));
                    models.add(new InsertOneModel<>(e.insert()));
                } else {
                    models.add(new UpdateOneModel<>(Versions.filter(id, doc.version), Updates.combine(e.changes(),
                            Updates.push(ReadModel.EVENT_IDS, e.eventId()), Updates.set(ReadModel.VERSION, Versions.next(doc.version))),
                            new UpdateOptions().upsert(!fromMemory.contains(id))));
                    doc.applied(e.eventId());
                }
                continue;
            }
            if (doc == null) {
                // Neither in MongoDB nor created in this poll: the join inserts the placeholder, with its participant.
                Known placeholder = Known.inserted(e.eventId());
                placeholder.participants.add(join);
                known.put(id, placeholder);
                models.add(new InsertOneModel<>(join.placeholder(placeholder.participants.toDocument())));
            } else if (doc.participants.unreadable) {
                unwritable[i] = "the participants of activity " + id + " are not {count, list of {user_id}}: the join cannot be applied";
            } else if (doc.participants.userIds.contains(join.userId())) {
                models.add(join.recordOnly(doc.version, !fromMemory.contains(id)));
                doc.applied(e.eventId());
            } else {
                doc.participants.add(join);
                models.add(join.setParticipants(doc.participants.toDocument(), doc.version, !fromMemory.contains(id)));
                doc.applied(e.eventId());
            }
        }
        return models;
    }

    private Map<String, Known> read(String collection, Set<String> ids) {
        Map<String, Known> found = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += READ_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + READ_CHUNK));
            for (Document d : database.getCollection(collection)
                    .find(chunk.size() == 1 ? Filters.eq(ReadModel.ID, chunk.get(0)) : Filters.in(ReadModel.ID, chunk))
                    .projection(Projections.include(ReadModel.PARTICIPANTS, ReadModel.METADATA))) {
                found.put(String.valueOf(d.get(ReadModel.ID)), Known.of(d));
            }
        }
        return found;
    }

    /** A document as this poll knows it: the events applied to it, its version, and (an activity's) participants. */
    private static final class Known {
        final Set<String> applied = new HashSet<>();
        Participants participants = Participants.none();
        /** Null for a document written before versions existed. */
        Long version;

        static Known inserted(String eventId) {
            Known k = new Known();
            k.applied.add(eventId);
            k.version = Metadata.FIRST_VERSION;
            return k;
        }

        static Known of(Document d) {
            Known k = new Known();
            k.participants = Participants.of(d.get(ReadModel.PARTICIPANTS));
            if (d.get(ReadModel.METADATA) instanceof Document metadata) {
                if (metadata.get("source_event_id") instanceof String source) k.applied.add(source);
                if (metadata.get("event_ids") instanceof List<?> list) for (Object o : list) if (o instanceof String s) k.applied.add(s);
                if (metadata.get("version") instanceof Number n) k.version = n.longValue();
            }
            return k;
        }

        /** This poll writes the event: it is applied, and the document moves to its next version. */
        void applied(String eventId) {
            applied.add(eventId);
            version = Versions.next(version);
        }

        /** A copy a poll can change without changing this one. */
        Known copy() {
            Known k = new Known();
            k.applied.addAll(applied);
            k.participants = participants.copy();
            k.version = version;
            return k;
        }
    }

    /** An activity's participants while a poll's joins are applied to them. */
    private static final class Participants {
        final List<Document> list = new ArrayList<>();
        final Set<String> userIds = new HashSet<>();
        boolean unreadable;

        static Participants none() {
            return new Participants();
        }

        Participants copy() {
            Participants p = new Participants();
            p.list.addAll(list);
            p.userIds.addAll(userIds);
            p.unreadable = unreadable;
            return p;
        }

        void add(ParticipantJoin join) {
            list.add(join.entry());
            userIds.add(join.userId());
        }

        /** From the stored {@code participants}: absent means none; anything but {count, list of {user_id}} is unreadable. */
        static Participants of(Object stored) {
            Participants p = new Participants();
            if (stored == null) return p;
            if (!(stored instanceof Document doc)) {
                p.unreadable = true;
                return p;
            }
            Object list = doc.get("list");
            if (list == null) return p;
            if (!(list instanceof List<?> entries)) {
                p.unreadable = true;
                return p;
            }
            for (Object entry : entries) {
                if (entry instanceof Document d && d.get("user_id") instanceof String user) {
                    p.list.add(d);
                    p.userIds.add(user);
                } else {
                    p.unreadable = true;
                    return p;
                }
            }
            return p;
        }

        /** The participants object to $set: count is the list's length (a user is in the list at most once). */
        Document toDocument() {
            return new Document("count", list.size()).append("list", new ArrayList<>(list));
        }
    }
}
