package io.eventprocessor.readmodel;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.WriteModel;
import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.ReadModel;
import java.util.ArrayList;
import java.util.Collections;
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
 * <p>If MongoDB refuses individual writes of a bulk (a write error, not a lost connection), the events of
 * that collection are retried one by one so that only the guilty ones fail; their writes are idempotent, so
 * applying the ones that had already succeeded again changes nothing. Any other MongoException (no server,
 * timeout) propagates: the caller must not commit the poll and has to retry it.
 *
 * <p>A document that does not exist yet is inserted whole by the first event that creates it
 * ({@link EventWrites#insert()}): an insert costs the embedded server a fraction of an upsert. Whether it exists is
 * not asked beforehand: the first attempt reads only the activities the poll's joins need ({@code _id $in}, which the
 * embedded server answers from its {@code _id} index) and inserts every other new document optimistically, so a poll
 * of creations costs one round trip. If a document existed after all (a redelivered poll, an ActivityCreated that
 * arrives after its placeholder), the unique {@code _id} refuses the insert, and the collection's events are
 * resolved again with every document they touch read first (its writes are idempotent, so what the refused bulk had
 * applied already is harmless); should that bulk be refused too, each event is retried alone with its upserts.
 *
 * <p>Joins ({@link ParticipantJoin}) are resolved here rather than by a guarded update: the embedded server
 * uses its {@code _id} index only for a filter on {@code _id} alone, and a guard such as
 * {@code {_id: X, "participants.list.user_id": {$ne: U}}} made every join scan the whole collection. So the
 * joins are applied to the participants read above, in memory and in poll order (a user already in the list
 * is not added again), and each join writes the resulting participants object with {@code $set}, plus
 * {@code $addToSet} of its event id, filtered by {@code _id} only. This read-modify-write is safe because one aggregate has one writer: Debezium keys the
 * outbox by aggregate id, so all events of an activity are on one partition, and a partition is consumed by one
 * processor of the group at a time, which finishes and commits its poll before it can be revoked (revocation
 * happens inside poll()). Redelivery re-reads the state the earlier delivery wrote, finds the user already
 * there and changes nothing; a retried poll re-reads too. (Only a zombie that outlives its session and
 * max.poll.interval while still writing could overwrite a newer participants object; the guarded update did
 * not have that exposure, at the price of a collection scan per join.) An activity whose participants cannot
 * be read as {@code {count, list}} falls back to the handler's guarded models, so MongoDB decides.
 */
public final class ReadModelWriter {
    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);
    /**
     * Ids per $in read of a poll's documents. Small on purpose: the embedded server finds the candidates by index but
     * then checks each one against the whole $in list, so one query costs ids x ids comparisons (1,000 ids on 20k
     * documents: ~50 ms; ten queries of 100: a few ms).
     */
    static final int READ_CHUNK = 100;

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
        byCollection.forEach((collection, indexes) -> {
            List<EventWrites> group = indexes.stream().map(events::get).toList();
            List<WriteResult> written = applyCollection(collection, group);
            for (int k = 0; k < indexes.size(); k++) results[indexes.get(k)] = written.get(k);
        });
        return List.of(results);
    }

    /** One collection's events of the poll: optimistic bulk, else a bulk resolved against everything it touches, else one by one. */
    private List<WriteResult> applyCollection(String collection, List<EventWrites> events) {
        Resolution first = resolve(collection, events, false);
        if (bulk(collection, first.resolved())) return acknowledged(events.size());
        List<Resolved> resolved = first.resolved();
        if (first.optimistic()) {
            resolved = resolve(collection, events, true).resolved();
            if (bulk(collection, resolved)) return acknowledged(events.size());
        }
        List<WriteResult> results = new ArrayList<>(events.size());
        for (Resolved r : resolved) results.add(applyOne(collection, r.retry()));
        return results;
    }

    /** True when MongoDB applied the whole bulk; false when it refused individual writes (other failures propagate). */
    private boolean bulk(String collection, List<Resolved> resolved) {
        List<WriteModel<Document>> models = new ArrayList<>();
        for (Resolved r : resolved) models.addAll(r.models());
        try {
            database.getCollection(collection).bulkWrite(models, ORDERED);
            return true;
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) throw e;
            return false;
        }
    }

    private static List<WriteResult> acknowledged(int n) {
        WriteResult ack = WriteResult.acknowledged(Clock.nowMicros());
        return Collections.nCopies(n, ack);
    }

    private WriteResult applyOne(String collection, List<WriteModel<Document>> models) {
        try {
            database.getCollection(collection).bulkWrite(models, ORDERED);
            return WriteResult.acknowledged(Clock.nowMicros());
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) throw e;
            return WriteResult.failed("MongoDB refused the write: " + e.getWriteErrors().get(0).getMessage());
        }
    }

    /**
     * An event's write models for the poll's bulk write, and for a retry on its own: an insert becomes the
     * event's upsert there (the retry must be idempotent, and the document may exist by then).
     */
    private record Resolved(List<WriteModel<Document>> models, List<WriteModel<Document>> retry) {
        static Resolved of(List<WriteModel<Document>> models) {
            return new Resolved(models, models);
        }
    }

    /** Each event's writes, parallel to the events; optimistic when a document not read was assumed new. */
    private record Resolution(List<Resolved> resolved, boolean optimistic) {}

    /**
     * Each event's writes, parallel to {@code events} (all of {@code collection}). The documents read first
     * ({@code _id $in}, an index lookup) are the joins' activities, or with {@code readAll} every document the events
     * touch. An event whose document was neither found nor created earlier in the poll inserts it whole, joins are
     * resolved against the participants (see the class comment), and everything else keeps the handler's upserts.
     */
    private Resolution resolve(String collection, List<EventWrites> events, boolean readAll) {
        Set<String> ids = new LinkedHashSet<>();
        for (EventWrites e : events) {
            if (e.documentId() != null && (readAll || e.join() != null)) ids.add(e.documentId());
        }
        // The documents known to exist (read from MongoDB, or created earlier in this poll), with their participants.
        Map<String, Participants> existing = ids.isEmpty() ? new HashMap<>() : read(collection, ids);
        boolean optimistic = false;
        List<Resolved> resolved = new ArrayList<>(events.size());
        for (EventWrites e : events) {
            String id = e.documentId();
            if (id == null) {
                resolved.add(Resolved.of(e.models()));
                continue;
            }
            ParticipantJoin join = e.join();
            if (join == null) {
                if (existing.containsKey(id)) {
                    resolved.add(Resolved.of(e.models()));
                } else {
                    // Created by this event: its participants (an activity's) start empty, as the insert has them.
                    optimistic |= !readAll;
                    existing.put(id, Participants.none());
                    resolved.add(new Resolved(List.of(new InsertOneModel<>(e.insert())), e.models()));
                }
                continue;
            }
            Participants p = existing.get(id);
            if (p == null) {
                // Neither in MongoDB nor created in this poll: the join inserts the placeholder, with its participant.
                p = Participants.none();
                p.add(join);
                existing.put(id, p);
                resolved.add(new Resolved(List.of(new InsertOneModel<>(join.placeholder(p.toDocument()))),
                        List.of(join.setParticipants(p.toDocument()))));
            } else if (p.unreadable) {
                resolved.add(Resolved.of(e.models()));
            } else if (p.userIds.contains(join.userId())) {
                resolved.add(Resolved.of(List.of(join.recordOnly())));
            } else {
                p.add(join);
                resolved.add(Resolved.of(List.of(join.setParticipants(p.toDocument()))));
            }
        }
        return new Resolution(resolved, optimistic);
    }

    private Map<String, Participants> read(String collection, Set<String> ids) {
        Map<String, Participants> found = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += READ_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + READ_CHUNK));
            for (Document d : database.getCollection(collection)
                    .find(chunk.size() == 1 ? Filters.eq(ReadModel.ID, chunk.get(0)) : Filters.in(ReadModel.ID, chunk))
                    .projection(Projections.include(ReadModel.PARTICIPANTS))) {
                found.put(String.valueOf(d.get(ReadModel.ID)), Participants.of(d.get(ReadModel.PARTICIPANTS)));
            }
        }
        return found;
    }

    /** An activity's participants while a poll's joins are applied to them. */
    private static final class Participants {
        final List<Document> list = new ArrayList<>();
        final Set<String> userIds = new HashSet<>();
        boolean unreadable;

        static Participants none() {
            return new Participants();
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
