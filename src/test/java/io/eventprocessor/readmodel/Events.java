package io.eventprocessor.readmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.OutboxRow;
import java.util.UUID;

/** Outbox rows shaped like the event generator's, with T0 advancing per event. */
final class Events {
    private static final ObjectMapper JSON = new ObjectMapper();
    private long clock = 1_764_324_930_000_000L;

    static String id() {
        return UUID.randomUUID().toString();
    }

    OutboxRow user(String userId, String username) {
        ObjectNode p = JSON.createObjectNode()
                .put("email", username + "@example.org")
                .put("username", username)
                .put("first_name", "First " + username)
                .put("last_name", "Last")
                .put("bio", "Bio of " + username);
        return row(userId, "User", Names.USER_CREATED, p);
    }

    OutboxRow activity(String activityId, String creatorId, String title) {
        ObjectNode p = JSON.createObjectNode()
                .put("title", title)
                .put("description", "About " + title)
                .put("creator_user_id", creatorId)
                .put("max_participants", 12)
                .put("location_name", "Lyon")
                .put("location_address", "1 Place Bellecour")
                .put("start_date", "2027-03-01T18:30:00.250000")
                .put("timezone", "UTC");
        return row(activityId, "Activity", Names.ACTIVITY_CREATED, p);
    }

    OutboxRow join(String activityId, String userId) {
        return row(activityId, "Activity", Names.PARTICIPANT_JOINED, JSON.createObjectNode().put("user_id", userId));
    }

    OutboxRow row(String aggregateId, String aggregateType, String type, ObjectNode payload) {
        clock += 1_000;
        return new OutboxRow(id(), aggregateId, aggregateType, type, payload, "pending", clock, clock + 300, clock + 600);
    }
}
