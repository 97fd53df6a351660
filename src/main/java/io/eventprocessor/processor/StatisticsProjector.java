package io.eventprocessor.processor;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.eventprocessor.config.Names;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Keeps the {@code statistics} document current by recomputing it from the read models. Counting what is
 * there, rather than $inc per event, is what keeps it right under redelivery and in any order; the
 * processor calls it after a batch, throttled, and when it goes idle or stops.
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
        var users = database.getCollection(Names.USERS);
        var activities = database.getCollection(Names.ACTIVITIES);
        long userCount = users.countDocuments();
        long created = activities.countDocuments(Filters.eq(ReadModel.STATE, ReadModel.STATE_CREATED));
        long placeholders = activities.countDocuments(Filters.eq(ReadModel.STATE, ReadModel.STATE_PLACEHOLDER));
        long participants = sum(activities.aggregate(List.of(
                Aggregates.group(null, Accumulators.sum("n", "$" + ReadModel.PARTICIPANT_COUNT)))).first());
        long userEvents = countEventIds(Names.USERS);
        // An activity's event ids are its ActivityCreated (once it has arrived) and its joins.
        long joinEvents = countEventIds(Names.ACTIVITIES) - created;

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

    private long countEventIds(String collection) {
        List<Bson> pipeline = List.of(Aggregates.unwind("$" + ReadModel.EVENT_IDS), Aggregates.count("n"));
        return sum(database.getCollection(collection).aggregate(pipeline).first());
    }

    private static long sum(Document result) {
        if (result == null) return 0;
        Object n = result.get("n");
        return n instanceof Number number ? number.longValue() : 0;
    }
}
