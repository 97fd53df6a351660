package io.eventprocessor.verify;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.ReadModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Checks that what PostgreSQL's outbox says happened is what MongoDB's read models show: every event is found
 * in a document ({@link ReadModel#EVENT_IDS} or {@link ReadModel#SOURCE_EVENT_ID}), documents reference only
 * users that exist, participant counts match their lists, and no activity whose ActivityCreated is in the
 * outbox is still a placeholder, and no event was applied twice. Uses JDBC and the official MongoDB driver only, so it verifies an external
 * pipeline exactly as it verifies the embedded one. Run it after the events have been processed. One MongoDB client
 * serves every verification of one verifier; close it when done. Thread-safe.
 */
public final class Verifier implements AutoCloseable {
    /** Lists in the result are capped so a broken run does not produce a report of megabytes. */
    public static final int MAX_LISTED = 100;
    /** Ids per $in query: the embedded server compares each found document with the whole list (ids x ids), so keep it small. */
    private static final int CHUNK = 100;
    private static final Bson ACTIVITY_FIELDS = Projections.include(ReadModel.METADATA, "creator_id", ReadModel.PARTICIPANTS, ReadModel.STATE);

    private final Settings settings;
    private final MongoClient client;

    public Verifier(Settings settings) {
        this.settings = settings;
        this.client = Clients.mongo(settings);
    }

    @Override
    public void close() {
        client.close();
    }

    private record OutboxRef(String eventId, String eventType, String aggregateId) {}

    public IntegrityResult verify(Scope scope) throws SQLException {
        List<OutboxRef> outbox = readOutbox(scope);
        Map<String, Long> byType = new TreeMap<>();
        for (OutboxRef r : outbox) byType.merge(r.eventType(), 1L, Long::sum);

        MongoDatabase db = client.getDatabase(settings.mongoDatabase());
        Map<String, Long> documents = new LinkedHashMap<>();
        for (String c : Names.READ_MODEL_COLLECTIONS) documents.put(c, db.getCollection(c).countDocuments());

        Set<String> wanted = new HashSet<>();
        Set<String> aggregates = new HashSet<>();
        for (OutboxRef r : outbox) {
            wanted.add(r.eventId());
            aggregates.add(r.aggregateId());
        }
        Set<String> found = new HashSet<>();
        Map<String, Document> activities = new LinkedHashMap<>();
        Issues issues = new Issues();
        long[] duplicated = {0};
        scan(db.getCollection(Names.USERS), scope, aggregates, Projections.include(ReadModel.METADATA),
                d -> duplicated[0] += collectIds(Names.USERS, d, found, wanted, issues));
        scan(db.getCollection(Names.ACTIVITIES), scope, aggregates, ACTIVITY_FIELDS, d -> {
            duplicated[0] += collectIds(Names.ACTIVITIES, d, found, wanted, issues);
            activities.put(String.valueOf(d.get(ReadModel.ID)), d);
        });

        TreeSet<String> missing = new TreeSet<>(wanted);
        missing.removeAll(found);
        checkActivities(db, activities, outbox, issues);
        boolean match = missing.isEmpty() && issues.count == 0;
        return new IntegrityResult(outbox.size(), byType, documents,
                missing.stream().limit(MAX_LISTED).toList(), missing.size(), issues.listed(), match, duplicated[0]);
    }

    private List<OutboxRef> readOutbox(Scope scope) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT event_id::text, event_type, aggregate_id::text FROM "
                + Names.OUTBOX_QUALIFIED + " WHERE true");
        if (!scope.eventIds().isEmpty()) sql.append(" AND event_id = ANY(?)");
        if (scope.from() != null) sql.append(" AND created_at >= ?");
        if (scope.to() != null) sql.append(" AND created_at < ?");
        try (Connection c = Clients.postgres(settings);
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (!scope.eventIds().isEmpty()) ps.setArray(i++, c.createArrayOf("uuid", scope.eventIds().toArray()));
            if (scope.from() != null) ps.setObject(i++, scope.from().atOffset(ZoneOffset.UTC));
            if (scope.to() != null) ps.setObject(i++, scope.to().atOffset(ZoneOffset.UTC));
            List<OutboxRef> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(new OutboxRef(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
            return rows;
        }
    }

    /**
     * Unrestricted: every document. Restricted: the documents of the wanted events' aggregates (a read model's
     * {@code _id} is its aggregate id), looked up by {@code _id} in chunks: matching event ids inside arrays
     * instead would make the server compare every id with every document.
     */
    private static void scan(MongoCollection<Document> collection, Scope scope, Set<String> aggregateIds, Bson projection,
            Consumer<Document> each) {
        if (!scope.restricted()) {
            collection.find().projection(projection).forEach(each);
            return;
        }
        List<String> ids = new ArrayList<>(aggregateIds);
        for (int i = 0; i < ids.size(); i += CHUNK) {
            collection.find(Filters.in(ReadModel.ID, ids.subList(i, Math.min(ids.size(), i + CHUNK))))
                    .projection(projection).forEach(each);
        }
    }

    /**
     * Adds the document's event ids to {@code found}; an event of the scope listed more than once in its
     * {@code event_ids} (one entry per application) was applied more than once: an issue. Returns how many such events.
     */
    private static long collectIds(String collection, Document d, Set<String> found, Set<String> inScope, Issues issues) {
        Document metadata = d.get(ReadModel.METADATA, Document.class);
        if (metadata == null) return 0;
        Object source = metadata.get("source_event_id");
        if (source != null) found.add(source.toString());
        Object ids = metadata.get("event_ids");
        if (!(ids instanceof List<?> list)) return 0;
        Map<String, Integer> applied = new HashMap<>();
        for (Object id : list) if (id != null) applied.merge(id.toString(), 1, Integer::sum);
        found.addAll(applied.keySet());
        long duplicated = 0;
        for (var e : applied.entrySet()) {
            if (e.getValue() > 1 && inScope.contains(e.getKey())) {
                duplicated++;
                issues.add(collection + " " + d.get(ReadModel.ID) + ": event " + e.getKey() + " applied " + e.getValue() + " times");
            }
        }
        return duplicated;
    }

    private static void checkActivities(MongoDatabase db, Map<String, Document> activities, List<OutboxRef> outbox, Issues issues) {
        Set<String> referenced = new HashSet<>();
        for (Document a : activities.values()) {
            Object creator = a.get("creator_id");
            if (creator != null) referenced.add(creator.toString());
            for (Document p : participants(a)) if (p.get("user_id") != null) referenced.add(p.get("user_id").toString());
        }
        Set<String> users = existingUsers(db, referenced);
        for (var e : activities.entrySet()) {
            String id = e.getKey();
            Document a = e.getValue();
            Object creator = a.get("creator_id");
            if (creator != null && !users.contains(creator.toString())) {
                issues.add("activity " + id + ": creator " + creator + " is not in users");
            }
            List<Document> list = participants(a);
            for (Document p : list) {
                Object user = p.get("user_id");
                if (user == null || !users.contains(user.toString())) issues.add("activity " + id + ": participant " + user + " is not in users");
            }
            Document ps = a.get(ReadModel.PARTICIPANTS, Document.class);
            Object count = ps == null ? null : ps.get("count");
            long n = count instanceof Number num ? num.longValue() : -1;
            if (n != list.size()) issues.add("activity " + id + ": participants.count is " + count + " but the list has " + list.size());
        }
        for (OutboxRef r : outbox) {
            if (!Names.ACTIVITY_CREATED.equals(r.eventType())) continue;
            Document a = activities.get(r.aggregateId());
            if (a != null && ReadModel.STATE_PLACEHOLDER.equals(a.get(ReadModel.STATE))) {
                issues.add("activity " + r.aggregateId() + ": still a placeholder although its ActivityCreated " + r.eventId() + " is in the outbox");
            }
        }
    }

    private static List<Document> participants(Document activity) {
        Document ps = activity.get(ReadModel.PARTICIPANTS, Document.class);
        if (ps == null) return List.of();
        List<?> list = ps.get("list", List.class);
        if (list == null) return List.of();
        List<Document> out = new ArrayList<>();
        for (Object o : list) if (o instanceof Document d) out.add(d);
        return out;
    }

    private static Set<String> existingUsers(MongoDatabase db, Set<String> ids) {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(ids);
        MongoCollection<Document> users = db.getCollection(Names.USERS);
        for (int i = 0; i < all.size(); i += CHUNK) {
            users.find(Filters.in(ReadModel.ID, all.subList(i, Math.min(all.size(), i + CHUNK))))
                    .projection(Projections.include(ReadModel.ID))
                    .forEach(d -> found.add(String.valueOf(d.get(ReadModel.ID))));
        }
        return found;
    }

    /** Referential issues, capped at {@link #MAX_LISTED} with a last line saying how many more there were. */
    private static final class Issues {
        private final List<String> listed = new ArrayList<>();
        private int count;

        void add(String issue) {
            if (count++ < MAX_LISTED) listed.add(issue);
        }

        List<String> listed() {
            if (count <= MAX_LISTED) return listed;
            List<String> out = new ArrayList<>(listed);
            out.add("... and " + (count - MAX_LISTED) + " more");
            return out;
        }
    }
}
