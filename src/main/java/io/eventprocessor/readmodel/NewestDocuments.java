package io.eventprocessor.readmodel;

import com.mongodb.client.MongoDatabase;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.ReadModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The newest read-model documents, summarised for a list on the wall (what MongoDB Compass beside the terminal would
 * show). Reads through a client it is given; blocking I/O.
 */
public final class NewestDocuments {
    /** One document, summarised for a list on the wall. */
    public record Doc(String collection, String id, String summary, Date processedAt, String json) {}

    private static final Document NEWEST_INSERTED = new Document("$natural", -1);

    private NewestDocuments() {}

    /**
     * The {@code limit} newest users and activities: the last inserted of each collection, newest processed first. Each
     * collection is read in reverse natural (insertion) order, which stops after {@code limit} documents; sorting by the
     * processing time instead made the server read and sort every document (at 40,000 users, 70-110 ms in memory and
     * 150-200 ms from the stand-in's files, twice per refresh, holding each collection's lock against the processor).
     */
    public static List<Doc> read(MongoDatabase db, int limit) {
        List<Doc> out = new ArrayList<>();
        for (String c : List.of(Names.USERS, Names.ACTIVITIES)) {
            for (Document d : db.getCollection(c).find().sort(NEWEST_INSERTED).limit(limit)) {
                out.add(new Doc(c, String.valueOf(d.get(ReadModel.ID)), summary(c, d), processedAt(d), d.toJson()));
            }
        }
        out.sort(Comparator.comparing(Doc::processedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return out.subList(0, Math.min(limit, out.size()));
    }

    private static Date processedAt(Document d) {
        Object meta = d.get(ReadModel.METADATA);
        if (meta instanceof Document m && m.get("processed_at") instanceof Date date) return date;
        return null;
    }

    private static String summary(String collection, Document d) {
        if (Names.USERS.equals(collection)) return "user " + d.get("username", "?");
        Object p = d.get(ReadModel.PARTICIPANTS);
        Object count = p instanceof Document pd ? pd.get("count") : null;
        return "activity \"" + d.get("title", "?") + "\"" + (count != null ? ", " + count + " participants" : "");
    }
}
