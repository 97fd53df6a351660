package io.eventprocessor.readmodel;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.ReadModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Keeps the {@code statistics} document current by recomputing it from the read models. Counting what is
 * there, rather than $inc per event, is what keeps it right under redelivery and in any order; the
 * processor has it recomputed off its processing thread ({@link StatisticsRefresher}) when writes pause,
 * at the latest every few seconds while they flow, and when it stops.
 *
 * <p>Document: {@code {_id: "global", users, activities, pending_activities, participants,
 * events_by_type: {UserCreated, ActivityCreated, ParticipantJoined}, events_total, updated_at}}.
 */
public final class StatisticsProjector {
    private final MongoDatabase database;

    public StatisticsProjector(MongoDatabase database) {
        this.database = database;
    }

    public Document recompute(Instant now) {
        // Two passes, one per collection, instead of six (three counts, a $group and two $unwinds): the embedded
        // server answers every one of them with a scan of the whole collection.
        long userCount = 0;
        long userEvents = 0;
        for (Document g : totals(Names.USERS, null)) {
            userCount += number(g, "n");
            userEvents += number(g, "event_ids");
        }
        long created = 0;
        long placeholders = 0;
        long participants = 0;
        long activityEvents = 0;
        for (Document g : totals(Names.ACTIVITIES, "$" + ReadModel.STATE)) {
            Object state = g.get(ReadModel.ID);
            if (ReadModel.STATE_CREATED.equals(state)) created += number(g, "n");
            else if (ReadModel.STATE_PLACEHOLDER.equals(state)) placeholders += number(g, "n");
            participants += number(g, "participants");
            activityEvents += number(g, "event_ids");
        }
        // An activity's event ids are its ActivityCreated (once it has arrived) and its joins.
        long joinEvents = activityEvents - created;

        Document byType = new Document(Names.USER_CREATED, userEvents)
                .append(Names.ACTIVITY_CREATED, created)
                .append(Names.PARTICIPANT_JOINED, joinEvents);
        Document stats = new Document(ReadModel.ID, ReadModel.STATISTICS_ID)
                .append("users", userCount)
                .append("activities", created)
                .append("pending_activities", placeholders)
                .append("participants", participants)
                .append("events_by_type", byType)
                .append("events_total", userEvents + created + joinEvents)
                .append("updated_at", Date.from(now));
        database.getCollection(Names.STATISTICS)
                .replaceOne(Filters.eq(ReadModel.ID, ReadModel.STATISTICS_ID), stats, new ReplaceOptions().upsert(true));
        return stats;
    }

    /** Per group: documents, the sum of participants.count and the number of event ids (the length of each set). */
    private List<Document> totals(String collection, Object groupBy) {
        Document group = new Document(ReadModel.ID, groupBy)
                .append("n", new Document("$sum", 1))
                .append("participants", new Document("$sum", "$" + ReadModel.PARTICIPANT_COUNT))
                .append("event_ids", new Document("$sum", new Document("$size",
                        new Document("$ifNull", List.of("$" + ReadModel.EVENT_IDS, List.of())))));
        return database.getCollection(collection).aggregate(List.of(new Document("$group", group))).into(new ArrayList<>());
    }

    private static long number(Document d, String field) {
        Object n = d.get(field);
        return n instanceof Number number ? number.longValue() : 0;
    }
}
