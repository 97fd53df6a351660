package io.eventprocessor.loadgen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventprocessor.contract.Names;
import io.eventprocessor.outbox.OutboxEvent;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import net.datafaker.Faker;

/**
 * Realistic outbox events (UserCreated, ActivityCreated, ParticipantJoined) with real referential integrity:
 * every activity's creator is a generated user, every participant is a generated user joining a generated
 * activity, and each is emitted after what it refers to.
 *
 * <p>{@link #generate} is a pure function of (seed, reference time, mix, order): the same inputs give identical
 * events, UUIDs included, because every random choice comes from streams seeded here (never
 * {@code UUID.randomUUID()}). The flip side: two runs into one database need different seeds, or their event ids
 * collide on the primary key; {@link #randomSeed()} gives a fresh one (print it so a run can be replayed).
 */
public final class EventGenerator {
    public static final String USER_AGGREGATE = "User";
    public static final String ACTIVITY_AGGREGATE = "Activity";

    private static final int MIN_PARTICIPANTS = 5;
    private static final int MAX_PARTICIPANTS = 50;
    private static final int BIO_MAX_CHARS = 200;
    private static final int DESCRIPTION_MAX_CHARS = 500;
    /** start_date lies between one hour and 90 days after the reference time: a date in the future. */
    private static final long START_MIN_SECONDS = 3_600;
    private static final long START_MAX_SECONDS = 90L * 24 * 3_600;

    /**
     * One Faker for the process, reseeded for each generation (under its lock), so generate() stays a pure function of
     * its inputs. A new Faker parses its YAML vocabulary again on first use: in the benchmark that was the main CPU
     * cost of every phase's generator, and the JIT was still compiling the YAML parser during the measured phases.
     *
     * <p>English without a country: a locale with one (en_US) makes Faker parse its country file too, 1.5 MB of postcodes
     * by state and county that nothing here asks for, 0.6 s of a new JVM on the quick compiler. The English vocabulary
     * already has US-style addresses, and the calls made here give the same text for the same seed either way.
     */
    private static final Random FAKER_RANDOM = new Random();
    private static final Faker FAKER = new Faker(Locale.ENGLISH, FAKER_RANDOM);

    private final long seed;
    private final Instant reference;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param seed      the seed of every random choice
     * @param reference "now" for start dates; fixed so that output does not depend on when it is generated
     */
    public EventGenerator(long seed, Instant reference) {
        this.seed = seed;
        this.reference = reference.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Start dates relative to the current time: reproducible only together with the same reference time. */
    public EventGenerator(long seed) {
        this(seed, Instant.now());
    }

    public static long randomSeed() {
        return new SecureRandom().nextLong();
    }

    public long seed() {
        return seed;
    }

    /** The 50 / 30 / 20 mix of {@code total} events, users first, then activities, then participants. */
    public List<OutboxEvent> mixed(int total) {
        return generate(EventMix.mixed(total), EventOrder.GROUPED);
    }

    public List<OutboxEvent> generate(EventMix mix, EventOrder order) {
        synchronized (FAKER) {
            // One stream for ids and references, one (derived) for Faker's text: adding a Faker call in a later
            // version then does not shift every UUID.
            SplittableRandom random = new SplittableRandom(seed);
            FAKER_RANDOM.setSeed(random.nextLong());
            return generate(mix, order, random, FAKER);
        }
    }

    private List<OutboxEvent> generate(EventMix mix, EventOrder order, SplittableRandom random, Faker faker) {
        List<UUID> users = new ArrayList<>(mix.users());
        List<UUID> activities = new ArrayList<>(mix.activities());
        List<OutboxEvent> events = new ArrayList<>(mix.total());
        Text text = new Text(faker, random.split());
        for (EventKind kind : plan(mix, order)) {
            switch (kind) {
                case USER -> {
                    UUID userId = uuid(random);
                    users.add(userId);
                    events.add(userCreated(uuid(random), userId, faker, text));
                }
                case ACTIVITY -> {
                    UUID activityId = uuid(random);
                    UUID creator = users.get(random.nextInt(users.size()));
                    activities.add(activityId);
                    events.add(activityCreated(uuid(random), activityId, creator, random, faker, text));
                }
                case PARTICIPANT -> {
                    UUID activity = activities.get(random.nextInt(activities.size()));
                    UUID user = users.get(random.nextInt(users.size()));
                    events.add(participantJoined(uuid(random), activity, user));
                }
            }
        }
        return events;
    }

    /** Which kind of event comes at each position. Package-private for tests. */
    static List<EventKind> plan(EventMix mix, EventOrder order) {
        List<EventKind> plan = new ArrayList<>(mix.total());
        if (order == EventOrder.GROUPED) {
            for (int i = 0; i < mix.users(); i++) plan.add(EventKind.USER);
            for (int i = 0; i < mix.activities(); i++) plan.add(EventKind.ACTIVITY);
            for (int i = 0; i < mix.participants(); i++) plan.add(EventKind.PARTICIPANT);
            return plan;
        }
        // Proportional merge: the k-th event of a type with count c "wants" to be at fraction k/c of the run; the
        // type whose next event wants the earliest spot goes next. A type is only eligible once what it refers to
        // has been emitted, so integrity holds for any mix, not just 50/30/20.
        int[] counts = {mix.users(), mix.activities(), mix.participants()};
        int[] emitted = new int[3];
        for (int position = 0; position < mix.total(); position++) {
            int best = -1;
            for (int t = 0; t < 3; t++) {
                if (emitted[t] == counts[t]) continue;
                if (t == 1 && emitted[0] == 0) continue;
                if (t == 2 && (emitted[0] == 0 || emitted[1] == 0)) continue;
                // (emitted[t]+1)/counts[t] < (emitted[best]+1)/counts[best], cross-multiplied; ties keep the
                // earlier type, so users lead activities lead participants.
                if (best < 0 || (long) (emitted[t] + 1) * counts[best] < (long) (emitted[best] + 1) * counts[t]) {
                    best = t;
                }
            }
            emitted[best]++;
            plan.add(EventKind.values()[best]);
        }
        return plan;
    }

    enum EventKind { USER, ACTIVITY, PARTICIPANT }

    private OutboxEvent userCreated(UUID eventId, UUID userId, Faker faker, Text text) {
        String first = faker.name().firstName();
        String last = faker.name().lastName();
        // Username and email derived from the name, so that a user reads as one person in the dashboard.
        String username = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "")
                + faker.number().numberBetween(1, 1000);
        ObjectNode payload = json.createObjectNode()
                .put("email", faker.internet().emailAddress(username))
                .put("username", username)
                .put("first_name", first)
                .put("last_name", last)
                .put("bio", truncate(text.paragraph(2, 4), BIO_MAX_CHARS));
        return new OutboxEvent(eventId, userId, USER_AGGREGATE, Names.USER_CREATED, json(payload));
    }

    private OutboxEvent activityCreated(UUID eventId, UUID activityId, UUID creator, SplittableRandom random, Faker faker,
            Text text) {
        Instant start = reference.plusSeconds(random.nextLong(START_MIN_SECONDS, START_MAX_SECONDS + 1));
        ObjectNode payload = json.createObjectNode()
                .put("title", faker.company().catchPhrase())
                .put("description", truncate(text.paragraph(3, 6), DESCRIPTION_MAX_CHARS))
                .put("creator_user_id", creator.toString())
                .put("max_participants", random.nextInt(MIN_PARTICIPANTS, MAX_PARTICIPANTS + 1))
                .put("location_name", faker.address().city())
                .put("location_address", faker.address().fullAddress())
                .put("start_date", start.toString())
                .put("timezone", "UTC");
        return new OutboxEvent(eventId, activityId, ACTIVITY_AGGREGATE, Names.ACTIVITY_CREATED, json(payload));
    }

    private OutboxEvent participantJoined(UUID eventId, UUID activityId, UUID userId) {
        // Aggregate is the activity: Debezium keys by aggregate_id, so joins stay ordered after their activity.
        ObjectNode payload = json.createObjectNode().put("user_id", userId.toString());
        return new OutboxEvent(eventId, activityId, ACTIVITY_AGGREGATE, Names.PARTICIPANT_JOINED, json(payload));
    }

    /** A version-4 (random) UUID whose bits come from the seeded stream. */
    static UUID uuid(SplittableRandom random) {
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private String json(ObjectNode payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode of strings and numbers always serialises", e);
        }
    }

    /**
     * Lorem-ipsum text from Faker's own vocabulary, put together here: Faker's paragraph() costs ~50-130 us a call
     * and dominated generation (10,000 events took seconds); sentences from a word list fetched once cost ~1 us.
     */
    private static final class Text {
        private final List<String> words;
        private final SplittableRandom random;

        Text(Faker faker, SplittableRandom random) {
            this.words = List.copyOf(new LinkedHashSet<>(faker.lorem().words(400)));
            this.random = random;
        }

        String paragraph(int minSentences, int maxSentences) {
            StringBuilder out = new StringBuilder();
            int sentences = random.nextInt(minSentences, maxSentences + 1);
            for (int s = 0; s < sentences; s++) {
                if (s > 0) out.append(' ');
                int n = random.nextInt(4, 11);
                for (int w = 0; w < n; w++) {
                    String word = words.get(random.nextInt(words.size()));
                    if (w == 0) out.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
                    else out.append(' ').append(word);
                }
                out.append('.');
            }
            return out.toString();
        }
    }

    /** Cut at a word boundary so that text reads naturally. */
    static String truncate(String text, int max) {
        if (text.length() <= max) return text;
        int cut = text.lastIndexOf(' ', max - 1);
        return text.substring(0, cut > 0 ? cut : max - 1).stripTrailing() + ".";
    }
}
