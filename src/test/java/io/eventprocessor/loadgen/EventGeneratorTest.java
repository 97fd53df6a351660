package io.eventprocessor.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventprocessor.contract.Names;
import io.eventprocessor.outbox.OutboxEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventGeneratorTest {
    private static final Instant REFERENCE = Instant.parse("2026-01-15T10:00:00Z");
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000, 10000, 7, 1})
    void countsPerTypeMatchTheMix(int n) {
        List<OutboxEvent> events = new EventGenerator(42, REFERENCE).mixed(n);
        Map<String, Long> byType = events.stream().collect(Collectors.groupingBy(OutboxEvent::eventType, Collectors.counting()));
        EventMix mix = EventMix.mixed(n);
        assertThat(events).hasSize(n);
        assertThat(byType.getOrDefault(Names.USER_CREATED, 0L)).isEqualTo(mix.users());
        assertThat(byType.getOrDefault(Names.ACTIVITY_CREATED, 0L)).isEqualTo(mix.activities());
        assertThat(byType.getOrDefault(Names.PARTICIPANT_JOINED, 0L)).isEqualTo(mix.participants());
    }

    @ParameterizedTest
    @EnumSource(EventOrder.class)
    void referencesPointOnlyAtEarlierGeneratedAggregates(EventOrder order) throws Exception {
        for (int n : new int[] {5, 7, 100, 1000, 3001}) {
            List<OutboxEvent> events = new EventGenerator(n, REFERENCE).generate(EventMix.mixed(n), order);
            Set<UUID> users = new HashSet<>();
            Set<UUID> activities = new HashSet<>();
            for (OutboxEvent e : events) {
                JsonNode p = json.readTree(e.payload());
                switch (e.eventType()) {
                    case Names.USER_CREATED -> {
                        assertThat(e.aggregateType()).isEqualTo("User");
                        users.add(e.aggregateId());
                    }
                    case Names.ACTIVITY_CREATED -> {
                        assertThat(e.aggregateType()).isEqualTo("Activity");
                        assertThat(users).contains(UUID.fromString(p.get("creator_user_id").asText()));
                        activities.add(e.aggregateId());
                    }
                    case Names.PARTICIPANT_JOINED -> {
                        assertThat(e.aggregateType()).isEqualTo("Activity");
                        assertThat(activities).contains(e.aggregateId());
                        assertThat(users).contains(UUID.fromString(p.get("user_id").asText()));
                    }
                    default -> throw new AssertionError(e.eventType());
                }
            }
            assertThat(events).extracting(OutboxEvent::eventId).doesNotHaveDuplicates();
        }
    }

    @Test
    void groupedOrderIsUsersThenActivitiesThenParticipants() {
        List<String> types = new EventGenerator(1, REFERENCE).mixed(10).stream().map(OutboxEvent::eventType).toList();
        assertThat(types).containsExactly(
                Names.USER_CREATED, Names.USER_CREATED, Names.USER_CREATED, Names.USER_CREATED, Names.USER_CREATED,
                Names.ACTIVITY_CREATED, Names.ACTIVITY_CREATED, Names.ACTIVITY_CREATED,
                Names.PARTICIPANT_JOINED, Names.PARTICIPANT_JOINED);
    }

    @Test
    void interleavedOrderSpreadsTypesOverTheRun() {
        List<EventGenerator.EventKind> plan = EventGenerator.plan(EventMix.mixed(10), EventOrder.INTERLEAVED);
        assertThat(plan).startsWith(EventGenerator.EventKind.USER, EventGenerator.EventKind.ACTIVITY);
        // Each half of the run holds about half of each type, not all users in the first half.
        List<EventGenerator.EventKind> secondHalf = EventGenerator.plan(EventMix.mixed(1000), EventOrder.INTERLEAVED).subList(500, 1000);
        assertThat(secondHalf.stream().filter(k -> k == EventGenerator.EventKind.USER).count()).isBetween(245L, 255L);
        assertThat(secondHalf.stream().filter(k -> k == EventGenerator.EventKind.PARTICIPANT).count()).isBetween(95L, 105L);
    }

    @Test
    void interleavingRespectsDependenciesEvenForLopsidedMixes() {
        List<EventGenerator.EventKind> plan = EventGenerator.plan(new EventMix(1, 5, 9), EventOrder.INTERLEAVED);
        assertThat(plan.get(0)).isEqualTo(EventGenerator.EventKind.USER);
        assertThat(plan.indexOf(EventGenerator.EventKind.ACTIVITY)).isLessThan(plan.indexOf(EventGenerator.EventKind.PARTICIPANT));
    }

    @Test
    void anotherGenerationBetweenTwoChangesNoEvent() {
        List<OutboxEvent> before = new EventGenerator(11, REFERENCE).mixed(50);
        new EventGenerator(0, Instant.EPOCH).mixed(10);
        assertThat(new EventGenerator(11, REFERENCE).mixed(50)).isEqualTo(before);
    }

    @Test
    void warmUpIsTenUsers() {
        List<OutboxEvent> events = new EventGenerator(3, REFERENCE).generate(Scenario.WARM_UP.mix(), EventOrder.INTERLEAVED);
        assertThat(events).hasSize(10).extracting(OutboxEvent::eventType).containsOnly(Names.USER_CREATED);
    }

    @ParameterizedTest
    @EnumSource(EventOrder.class)
    void sameSeedGivesIdenticalEventsAndAnotherSeedDoesNot(EventOrder order) {
        EventMix mix = EventMix.mixed(500);
        List<OutboxEvent> a = new EventGenerator(1234, REFERENCE).generate(mix, order);
        List<OutboxEvent> c = new EventGenerator(1235, REFERENCE).generate(mix, order);
        // The generators share one Faker: a generation in between must leave no trace in the next.
        List<OutboxEvent> b = new EventGenerator(1234, REFERENCE).generate(mix, order);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        Set<UUID> ids = a.stream().map(OutboxEvent::eventId).collect(Collectors.toSet());
        assertThat(c).extracting(OutboxEvent::eventId).noneMatch(ids::contains);
    }

    @Test
    void payloadsHaveTheSeedsFields() throws Exception {
        Map<String, OutboxEvent> oneOfEach = new EventGenerator(9, REFERENCE).mixed(10).stream()
                .collect(Collectors.toMap(OutboxEvent::eventType, Function.identity(), (x, y) -> x));
        JsonNode user = json.readTree(oneOfEach.get(Names.USER_CREATED).payload());
        assertThat(fieldNames(user)).containsExactly("email", "username", "first_name", "last_name", "bio");
        assertThat(user.get("email").asText()).contains("@");
        assertThat(user.get("bio").asText().length()).isBetween(1, 200);

        JsonNode activity = json.readTree(oneOfEach.get(Names.ACTIVITY_CREATED).payload());
        assertThat(fieldNames(activity)).containsExactly("title", "description", "creator_user_id", "max_participants",
                "location_name", "location_address", "start_date", "timezone");
        assertThat(activity.get("max_participants").isInt()).isTrue();
        assertThat(activity.get("timezone").asText()).isEqualTo("UTC");

        JsonNode participant = json.readTree(oneOfEach.get(Names.PARTICIPANT_JOINED).payload());
        assertThat(fieldNames(participant)).containsExactly("user_id");
    }

    @Test
    void activityValuesStayInRange() throws Exception {
        for (OutboxEvent e : new EventGenerator(5, REFERENCE).mixed(2000)) {
            if (!e.eventType().equals(Names.ACTIVITY_CREATED)) continue;
            JsonNode p = json.readTree(e.payload());
            assertThat(p.get("max_participants").asInt()).isBetween(5, 50);
            assertThat(Instant.parse(p.get("start_date").asText())).isAfter(REFERENCE);
        }
    }

    @Test
    void uuidsAreVersion4() {
        for (OutboxEvent e : new EventGenerator(77, REFERENCE).mixed(100)) {
            assertThat(e.eventId().version()).isEqualTo(4);
            assertThat(e.eventId().variant()).isEqualTo(2);
            assertThat(e.aggregateId().version()).isEqualTo(4);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
