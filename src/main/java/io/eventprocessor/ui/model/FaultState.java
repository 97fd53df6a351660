package io.eventprocessor.ui.model;

import io.eventprocessor.scenario.ScenarioRun;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.Fault;
import io.eventprocessor.stack.Health;
import io.eventprocessor.stack.Injection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A fault the presenter injected, as it plays out: asked for, injected (or refused by the pipeline), a part seen down,
 * the whole pipeline seen healthy again. The banner's words ({@link #banner}) and how often health is read meanwhile
 * follow from it. Immutable and pure: the model replaces it with each step, the tests drive it without a window.
 *
 * @param requestedAt when the presenter asked for it
 * @param injection what the pipeline did; null until it took effect
 * @param failure why it could not be injected; null unless it could not
 * @param seenDown a health check started after the injection found a part down
 * @param backAt when a health check found every part healthy again after the fault; null until then
 * @param waitingAtBack the run's events inserted and without an outcome at that check; -1 between runs
 * @param quiet the run it was injected into has ended: the banner is the run's result from then on
 */
public record FaultState(Fault fault, Instant requestedAt, Injection injection, String failure, boolean seenDown, Instant backAt,
        long waitingAtBack, boolean quiet) {

    /**
     * How long after the part's time down (the fault's duration) a health check that finds everything healthy counts as
     * "back" even though no check saw a part down: a part restarted within a second can be back before the first check.
     */
    static final Duration GRACE = Duration.ofSeconds(3);
    /** A part not back this long after its time down: the banner stops telling the fault's story, health says what is wrong. */
    static final Duration GIVE_UP = Duration.ofMinutes(2);
    /** How long the banner says a part is back (or the poison's line) while a run goes, before the run's own line returns. */
    static final Duration LINGER = Duration.ofSeconds(10);

    public static FaultState requested(Fault fault, Instant at) {
        return new FaultState(fault, at, null, null, false, null, -1, false);
    }

    /** The part the fault breaks; null for poison, which breaks none. */
    public static Connectivity.Service part(Fault fault) {
        return switch (fault) {
            case PROCESSOR_CRASH -> Connectivity.Service.PROCESSOR;
            case MONGODB_PAUSE -> Connectivity.Service.MONGODB;
            case KAFKA_RESTART -> Connectivity.Service.KAFKA;
            case DEBEZIUM_RESTART, DEBEZIUM_CRASH -> Connectivity.Service.DEBEZIUM;
            case POSTGRES_RESTART -> Connectivity.Service.POSTGRESQL;
            case POISON -> null;
        };
    }

    /** What the Resilience control offers, as the presenter reads it. */
    public static String label(Fault fault) {
        return switch (fault) {
            case PROCESSOR_CRASH -> "Crash the processor";
            case MONGODB_PAUSE -> "Pause MongoDB for " + seconds(fault.defaultDuration());
            case KAFKA_RESTART -> "Restart the Kafka broker";
            case DEBEZIUM_RESTART -> "Restart Debezium";
            case DEBEZIUM_CRASH -> "Cut Debezium's connection";
            case POSTGRES_RESTART -> "Restart PostgreSQL";
            case POISON -> "Inject poison events";
        };
    }

    /**
     * Why {@code fault} cannot be injected now, in a sentence; null when it can.
     *
     * @param available the faults the pipeline takes ({@code Pipeline.faults()}); null while there is no pipeline
     * @param current the fault playing out, or null
     * @param busyWith what the pipeline is doing that no fault goes into ({@link #busyWith}); null when one can go in
     */
    public static String refusal(Fault fault, List<Fault> available, FaultState current, Instant now, String busyWith) {
        if (available == null) return "The pipeline is not ready yet.";
        if (!available.contains(fault)) {
            return "Needs the local embedded stack, which does this fault to itself: this dashboard uses external services, "
                    + "where only poison events can be injected.";
        }
        if (current != null && current.active(now)) {
            return label(current.fault()) + " is playing out: one fault at a time, the next once every part is healthy again.";
        }
        if (busyWith != null) {
            return "Not while " + busyWith + ": a fault goes into a run while it inserts or waits for its events, or between runs.";
        }
        return null;
    }

    /**
     * What keeps a fault out now, in words for {@link #refusal}; null when one can go in: nothing runs, or a run inserts
     * its events or waits for them (the run records the fault then). A run still generating its events, or already
     * verifying them, and the other commands (start-up, reset, verification) take none.
     *
     * @param busy a command runs (a scenario, a reset, a verification, the start-up)
     * @param runPhase the phase of the scenario that runs; null when none runs
     * @param work the running command's line, e.g. "Clearing the demo data"
     */
    public static String busyWith(boolean busy, ScenarioRun.Phase runPhase, String work) {
        if (!busy) return null;
        if (runPhase == null) {
            return work == null || work.isBlank() ? "other work is under way" : work.substring(0, 1).toLowerCase(Locale.ROOT) + work.substring(1);
        }
        return switch (runPhase) {
            case SENDING, WAITING -> null;
            case GENERATING -> "the run generates its events";
            case VERIFYING, DONE -> "the run verifies its events";
        };
    }

    public FaultState injected(Injection i) {
        // Poison breaks no part: once written, its story is told.
        Instant back = part(fault) == null ? i.injectedAt() : null;
        return new FaultState(fault, requestedAt, i, null, false, back, -1, quiet);
    }

    public FaultState failed(String why) {
        return new FaultState(fault, requestedAt, null, why, false, null, -1, quiet);
    }

    /** The run it was injected into ended: from now on the banner tells the run's result. */
    public FaultState quieted() {
        return new FaultState(fault, requestedAt, injection, failure, seenDown, backAt, waitingAtBack, true);
    }

    /**
     * A health check of every part, started at {@code startedAt} and read at {@code doneAt}; {@code waiting} is the run's
     * events inserted and without an outcome then (-1 between runs). The fault is over when every part is healthy in a
     * check started once the part's time down was over, and a check after the injection saw a part down (or {@link #GRACE}
     * passed: a restart quicker than the checks).
     */
    public FaultState checked(List<Health> health, Instant startedAt, Instant doneAt, long waiting) {
        if (injection == null || backAt != null || health.isEmpty() || startedAt.isBefore(injection.injectedAt())) return this;
        boolean whole = health.stream().allMatch(Health::ok);
        if (!whole) return seenDown ? this : new FaultState(fault, requestedAt, injection, failure, true, null, -1, quiet);
        Instant downEnds = injection.injectedAt().plus(injection.duration());
        if (startedAt.isBefore(downEnds) || (!seenDown && startedAt.isBefore(downEnds.plus(GRACE)))) return this;
        return new FaultState(fault, requestedAt, injection, failure, seenDown, doneAt, waiting, quiet);
    }

    /** Still playing out: asked for and not refused, and the pipeline not seen whole again (nor given up on). */
    public boolean active(Instant now) {
        if (failure != null || backAt != null) return false;
        if (injection == null) return true;
        return now.isBefore(injection.injectedAt().plus(injection.duration()).plus(GIVE_UP));
    }

    /** From the injection to the check that found every part healthy again, in seconds; -1 before. */
    public double backAfterSeconds() {
        return injection == null || backAt == null ? -1 : Duration.between(injection.injectedAt(), backAt).toMillis() / 1000.0;
    }

    /**
     * What the banner says about the fault now, or null when it has nothing to say (refused: the error line says why;
     * over for a while; given up on; its run ended).
     *
     * @param waiting the run's events inserted and without an outcome now; -1 between runs
     */
    public String banner(Instant now, long waiting) {
        if (quiet || failure != null) return null;
        if (injection == null) return Narrative.faultRequested(fault);
        if (backAt == null) return active(now) ? Narrative.faultOut(injection, waiting) : null;
        if (now.isAfter(backAt.plus(LINGER))) return null;
        return part(fault) == null ? Narrative.poisonInjected(injection) : Narrative.faultBack(fault, backAfterSeconds(), waitingAtBack);
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : Format.seconds(ms / 1000.0);
    }
}
