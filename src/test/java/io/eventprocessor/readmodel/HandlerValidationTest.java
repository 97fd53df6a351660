package io.eventprocessor.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.OutboxRow;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class HandlerValidationTest {
    private final Events events = new Events();
    private final HandlerRegistry registry = HandlerRegistry.standard();

    private void assertRejected(OutboxRow valid, Consumer<ObjectNode> breakIt, String reason) {
        ObjectNode payload = valid.payload().deepCopy();
        breakIt.accept(payload);
        OutboxRow broken = new OutboxRow(valid.eventId(), valid.aggregateId(), valid.aggregateType(), valid.eventType(),
                payload, valid.status(), valid.createdAtMicros(), valid.capturedMicros(), valid.kafkaMicros());
        EventHandler handler = registry.find(valid.eventType()).orElseThrow();
        assertThatThrownBy(() -> handler.plan(broken, Instant.now()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage(reason);
    }

    @Test
    void registryKnowsTheThreeTypesOnly() {
        for (String type : Names.EVENT_TYPES) assertThat(registry.find(type)).get().extracting(EventHandler::eventType).isEqualTo(type);
        assertThat(registry.find("UserDeleted")).isEmpty();
        assertThat(HandlerRegistry.unknownTypeReason("UserDeleted")).isEqualTo("unknown event type UserDeleted");
    }

    @Test
    void userCreated() {
        OutboxRow valid = events.user(Events.id(), "ada");
        assertRejected(valid, p -> p.remove("email"), "UserCreated: email is required");
        assertRejected(valid, p -> p.put("email", "no-at-sign"), "UserCreated: email must be an e-mail address");
        assertRejected(valid, p -> p.put("username", " "), "UserCreated: username must be a non-empty string");
        assertRejected(valid, p -> p.put("bio", 7), "UserCreated: bio must be a string");
    }

    @Test
    void activityCreated() {
        OutboxRow valid = events.activity(Events.id(), Events.id(), "Chess");
        assertRejected(valid, p -> p.remove("title"), "ActivityCreated: title is required");
        assertRejected(valid, p -> p.put("max_participants", 0), "ActivityCreated: max_participants must be a positive integer");
        assertRejected(valid, p -> p.put("max_participants", "ten"), "ActivityCreated: max_participants must be a positive integer");
        assertRejected(valid, p -> p.put("max_participants", 2.5), "ActivityCreated: max_participants must be a positive integer");
        assertRejected(valid, p -> p.put("creator_user_id", "bob"), "ActivityCreated: creator_user_id must be a uuid");
        assertRejected(valid, p -> p.put("start_date", "next tuesday"),
                "ActivityCreated: start_date must be an ISO-8601 date-time, got 'next tuesday'");
        assertRejected(valid, p -> p.put("timezone", "Mars/Olympus"), "ActivityCreated: timezone is not a time zone: 'Mars/Olympus'");
    }

    @Test
    void participantJoined() {
        OutboxRow valid = events.join(Events.id(), Events.id());
        assertRejected(valid, p -> p.remove("user_id"), "ParticipantJoined: user_id is required");
        assertRejected(valid, p -> p.put("user_id", "12"), "ParticipantJoined: user_id must be a uuid");
    }

    @Test
    void validEventsPlanWritesWithADetail() throws Exception {
        String user = Events.id();
        assertThat(registry.find(Names.USER_CREATED).orElseThrow().plan(events.user(user, "ada"), Instant.now()).detail()).isEqualTo("ada");
        EventWrites activity = registry.find(Names.ACTIVITY_CREATED).orElseThrow().plan(events.activity(Events.id(), user, "Chess"), Instant.now());
        assertThat(activity.detail()).isEqualTo("Chess");
        assertThat(activity.collection()).isEqualTo(Names.ACTIVITIES);
        EventWrites join = registry.find(Names.PARTICIPANT_JOINED).orElseThrow().plan(events.join(Events.id(), user), Instant.now());
        assertThat(join.detail()).isEqualTo("user " + user + " joined");
        assertThat(join.models()).hasSize(2);
    }
}
