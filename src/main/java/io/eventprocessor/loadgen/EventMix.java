package io.eventprocessor.loadgen;

/**
 * How many events of each type a load of {@code total} events holds.
 *
 * <p>The mixed load is 50 / 30 / 20 (UserCreated / ActivityCreated / ParticipantJoined). For totals not divisible
 * by 10 the rule is: activities = floor(3N/10), participants = floor(2N/10), users = the rest. Users take the
 * remainder so that the counts always add up to N and there is always at least one user before any activity
 * (users &ge; N/2), and participants only appear from N = 5 on, where at least one activity exists.
 * Examples: 7 -&gt; 4/2/1, 1 -&gt; 1/0/0, 10,000 -&gt; 5,000/3,000/2,000.
 */
public record EventMix(int users, int activities, int participants) {

    public EventMix {
        if (users < 0 || activities < 0 || participants < 0) {
            throw new IllegalArgumentException("negative count: " + users + "/" + activities + "/" + participants);
        }
        if (activities > 0 && users == 0) {
            throw new IllegalArgumentException("activities need at least one user to be their creator");
        }
        if (participants > 0 && (users == 0 || activities == 0)) {
            throw new IllegalArgumentException("participants need at least one user and one activity");
        }
    }

    /** The 50 / 30 / 20 mix of {@code total} events (remainder rule in the class comment). */
    public static EventMix mixed(int total) {
        if (total < 0) throw new IllegalArgumentException("total must be >= 0: " + total);
        // long arithmetic: 3 * total overflows int above ~715 million
        int activities = (int) (3L * total / 10);
        int participants = (int) (2L * total / 10);
        return new EventMix(total - activities - participants, activities, participants);
    }

    /** Only UserCreated events: the warm-up scenario. */
    public static EventMix usersOnly(int total) {
        return new EventMix(total, 0, 0);
    }

    public int total() {
        return users + activities + participants;
    }
}
