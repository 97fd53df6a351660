package io.eventprocessor.scenario;

import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Messages;
import io.eventprocessor.contract.StackMode;
import io.eventprocessor.loadgen.EventGenerator;
import io.eventprocessor.loadgen.EventOrder;
import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.loadgen.SendPlan;
import io.eventprocessor.measure.AwaitResult;
import io.eventprocessor.outbox.OutboxEvent;
import io.eventprocessor.stack.CompilerQuiet;
import io.eventprocessor.stack.CompilerThreads;
import io.eventprocessor.stack.StackControl;
import io.eventprocessor.stack.StackState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * Warms a pipeline that has just started. Its JVM runs the code interpreted at first, so the first thousands of
 * events would measure the JIT compiler rather than the pipeline (a freshly started stack's first 1,000-event run:
 * p50 hundreds of ms). Throw-away events go through every hop, then everything is cleared ({@link DemoData#reset}).
 * Only on an empty outbox, so that the reset deletes nothing but the throw-away events.
 *
 * <p>They are sent as the load buttons send theirs ({@link #SHAPE}: batches of 100, 50 ms apart), not as fast as
 * possible: after a burst warm-up the first 1,000 click still ran slower than the same click after the 10,000 one
 * (bench --stage p50 27-36 ms against 20-21), after a warm-up in the buttons' shape it ran at 22.5-23.7 ms (p95
 * 40 ms, was 42-60), the 10,000 click at 19.3 ms (was 21-22.5), for about a second more of warm-up. A first round
 * is sent at twice that pace ({@link #FIRST_ROUND_DELAY}); the last round keeps the buttons' own.
 *
 * <p>The last {@link #AFTER_RESET_EVENTS} of them run after a reset of their own: the first scenario after a reset ran
 * slower than the next ones, also after 10,000 warm-up events (1,000 events, p50 18-21 ms against 12-15), and the
 * stack's optimizing compiler worked 0.4-0.5 s during it against 0.1 s during the next. With the second round, that
 * first run is the warm-up's. (That round's reset deletes its rows, which leaves Debezium with the outbox's description
 * read, so the next run's first batch does not wait for it: {@link DemoData#DELETE_AT_MOST}.)
 *
 * <p>Only the last round is verified against the read models, which warms the verifier that the dashboard runs live;
 * the rounds before it are delivered (every event processed or dead-lettered) and cleared: reading the first round's
 * 9,000 events back took 1.7-3.3 s of {@code bench --stage}'s warm-up.
 *
 * <p>Then, on a local stack, it waits for the stack's compilers to finish what the warm-up made hot ({@link #settle}).
 *
 * <p>The dashboard does this when it started the stack itself; {@code scripts/demo/setup.sh} does the same through
 * the CLI ({@code reset}, then {@code warm-up}, which runs this class). Both read the number from {@link #VARIABLE}.
 */
public final class WarmUp {
    private WarmUp() {}

    /** Environment variable with the number of throw-away events; 0 skips the warm-up. */
    public static final String VARIABLE = "WARM_UP";

    /**
     * Throw-away events by default: after 2,000 the demo's report failed the P50 < 30 ms target (40 ms), after
     * 10,000 it passed (28 ms), for about 5 s more.
     */
    public static final int DEFAULT_EVENTS = 10_000;

    /** Throw-away events sent after a first reset, when there are at least twice as many. */
    public static final int AFTER_RESET_EVENTS = 1_000;

    /** How the throw-away events are sent: as the 1,000 and 10,000 buttons send theirs. */
    public static final Scenario SHAPE = Scenario.EXTREME;

    /**
     * The pause between a first round's batches: half the buttons'. A batch of 100 still passes through every hop before
     * the next is inserted (10-15 ms), so the paths and the polls' sizes are the buttons', and the round of 9,000 takes
     * 3.3 s instead of 5.5 (from the stack's ready to the warm-up's end 7.7-8.1 s against 9.4-10.0).
     */
    static final Duration FIRST_ROUND_DELAY = SHAPE.delayBetweenBatches().dividedBy(2);

    /**
     * The longest wait for the stack's compilers after a warm-up. From its AOT cache the stack's C2 compiled for 2-3 s
     * after the warm-up's last event, on both cores (per-thread CPU of its compiler threads); launch to ready, 13 s
     * without the wait, stays within 20 s.
     */
    public static final Duration SETTLE_MAX = Duration.ofSeconds(6);

    /**
     * The warm-up's first round, its events generated on a daemon thread while a stack starts, so that the round begins
     * with its inserts. Generating is the client's work on cold code: the generator's vocabulary (datafaker parses its
     * YAML files on first use, 0.3 s of a new JVM running the quick compiler), then 9,000 events, which took another
     * 1.7-3.0 s of {@code bench --stage}'s warm-up; the stack's start is mostly its own processes'.
     */
    public static Prepared prepareInBackground(int events) {
        Prepared prepared = prepare(events);
        if (events == 0) return prepared;
        Thread t = new Thread(prepared.firstEvents, "warm-up-prepare");
        t.setDaemon(true);
        t.start();
        return prepared;
    }

    /** A warm-up of {@code events}, its first round's events generated by the round itself ({@link #runIfEmpty}). */
    public static Prepared prepare(int events) {
        return new Prepared(events);
    }

    /** A warm-up of some events and its first round's events, generated by whoever comes first: a thread of its own or the round. */
    public static final class Prepared {
        private final int events;
        private final long seed = EventGenerator.randomSeed();
        private final FutureTask<List<OutboxEvent>> firstEvents;

        private Prepared(int events) {
            this.events = events;
            // Generating depends on the events, the seed and the order, not on where the stack runs.
            List<Integer> rounds = rounds(events);
            ScenarioRun.Request first = events > 0 ? request(rounds.get(0), seed, StackMode.EMBEDDED, rounds.size() > 1) : null;
            this.firstEvents = new FutureTask<>(() -> first == null ? List.of() : ScenarioRun.generate(first));
        }

        /** The first round's events: generated here unless a thread is at it or was. */
        private List<OutboxEvent> awaitFirstEvents() throws Exception {
            firstEvents.run();
            try {
                return firstEvents.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }

    /** The number of events {@code env} asks for. */
    public static int events(Map<String, String> env) {
        String value = env.get(VARIABLE);
        if (value == null || value.isBlank()) return DEFAULT_EVENTS;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(VARIABLE + " must be a number of throw-away events (0 skips the warm-up), not '" + value + "'");
    }

    /**
     * Sends {@code events} throw-away events through the pipeline and clears them, in the {@link #rounds} each followed
     * by a reset; false, doing nothing, if the outbox holds rows. {@code progress} hears what it is doing, a line at a
     * time (at most a few a second).
     */
    public static boolean runIfEmpty(Settings settings, int events, StackMode stackMode, Consumer<String> progress) throws Exception {
        return runIfEmpty(settings, prepare(events), stackMode, progress);
    }

    /** {@link #runIfEmpty(Settings, int, StackMode, Consumer)}, its first round's events generated already. */
    public static boolean runIfEmpty(Settings settings, Prepared prepared, StackMode stackMode, Consumer<String> progress) throws Exception {
        int events = prepared.events;
        if (events == 0 || DemoData.outboxRows(settings) > 0) return false;
        String what = String.format("Warming up the new pipeline with %,d throw-away events (%s=0 skips): ", events, VARIABLE);
        List<Integer> rounds = rounds(events);
        long sent = 0;
        for (int i = 0; i < rounds.size(); i++) {
            int round = rounds.get(i);
            boolean last = i == rounds.size() - 1;
            RoundLines lines = new RoundLines(what, sent, events, progress);
            lines.phase(ScenarioRun.Phase.GENERATING);
            ScenarioRun.Request request = request(round, i == 0 ? prepared.seed : EventGenerator.randomSeed(), stackMode, !last);
            List<OutboxEvent> generated = i == 0 ? prepared.awaitFirstEvents() : ScenarioRun.generate(request);
            if (last) {
                new ScenarioRun(settings).run(request, generated, lines);
            } else {
                AwaitResult outcome = new ScenarioRun(settings).deliver(request, generated, lines);
                if (!outcome.complete()) {
                    progress.accept(String.format("%s%,d of %,d events had no outcome after %d s; going on (stack.log says why)", what,
                            outcome.missing().size(), outcome.expected(), request.timeout().toSeconds()));
                }
            }
            progress.accept(what + "clearing them");
            // Between rounds, no pause for a pending statistics recompute: the next round's recompute replaces what it
            // writes back (0.4 s of the warm-up). The last clearing leaves no statistics behind.
            DemoData.reset(settings, last);
            sent += round;
        }
        return true;
    }

    /** A round of {@code events} as the warm-up sends it: in the buttons' shape, at twice their pace if {@code firstOfSeveral}. */
    static ScenarioRun.Request request(int events, long seed, StackMode stackMode, boolean firstOfSeveral) {
        Duration delay = firstOfSeveral ? FIRST_ROUND_DELAY : SHAPE.delayBetweenBatches();
        return new ScenarioRun.Request(Scenario.custom(events), SendPlan.burst(SHAPE.batchSize(), delay),
                seed, EventOrder.GROUPED, Duration.ofSeconds(120), stackMode);
    }

    /** A round's progress as lines: each phase, and the events inserted so far in the whole warm-up, at most every 250 ms. */
    private static final class RoundLines implements ScenarioRun.Listener {
        private final String what;
        private final long before;
        private final int events;
        private final Consumer<String> progress;
        private long lastLine;

        RoundLines(String what, long before, int events, Consumer<String> progress) {
            this.what = what;
            this.before = before;
            this.events = events;
            this.progress = progress;
        }

        @Override
        public void phase(ScenarioRun.Phase phase) {
            progress.accept(what + phase.label().toLowerCase(Locale.ROOT));
        }

        @Override
        public void sent(long sent, long total) {
            long now = System.nanoTime();
            if (sent < total && now - lastLine < 250_000_000L) return;
            lastLine = now;
            progress.accept(what + String.format("inserted %,d of %,d", before + sent, events));
        }
    }

    /** The warm-up's rounds: all {@code events} at once, or all but {@link #AFTER_RESET_EVENTS}, then those. */
    static List<Integer> rounds(int events) {
        return events >= 2 * AFTER_RESET_EVENTS ? List.of(events - AFTER_RESET_EVENTS, AFTER_RESET_EVENTS) : List.of(events);
    }

    /**
     * Waits, at most {@link #SETTLE_MAX}, until the local stack's JIT compilers are quiet ({@link CompilerQuiet}), so
     * that the first scenario does not share the CPU with them, then has them yield to the pipeline from now on: the
     * lowest scheduling priority, and only the quick compiler for what becomes hot later ({@link CompilerThreads});
     * says how long it waited.
     */
    public static CompilerQuiet.Settled settle(StackState stack, Consumer<String> progress) throws InterruptedException {
        progress.accept("Waiting for the stack's compilers to finish what the warm-up made hot");
        CompilerQuiet.Settled settled;
        StackControl control;
        try {
            control = StackControl.of(stack);
            settled = CompilerQuiet.await(control::compileMillis, SETTLE_MAX);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            progress.accept("Could not ask the stack's compilers (" + Messages.describe(e) + "); going on");
            return new CompilerQuiet.Settled(Duration.ZERO, 0, false);
        }
        String yielded;
        try {
            StackControl.Yielded y = control.yieldCompilers();
            List<String> done = new ArrayList<>();
            if (y.threads() > 0) done.add("they yield to the pipeline (nice " + CompilerThreads.NICE + ")");
            if (y.optimizingClosed()) done.add("only the quick compiler takes new methods");
            yielded = done.isEmpty() ? "" : "; from now on " + String.join(" and ", done);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            yielded = "; they could not be given a lower priority (" + Messages.describe(e) + ")";
        }
        progress.accept(String.format(Locale.ROOT, settled.quiet()
                ? "The stack's compilers went quiet after %.1f s (%,d ms of compiling)%s"
                : "The stack's compilers were still busy after %.1f s (%,d ms of compiling)%s; going on",
                settled.waited().toMillis() / 1000.0, settled.compileMillis(), yielded));
        return settled;
    }
}
