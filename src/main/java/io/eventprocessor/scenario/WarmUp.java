package io.eventprocessor.scenario;

import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Messages;
import io.eventprocessor.contract.StackMode;
import io.eventprocessor.loadgen.EventGenerator;
import io.eventprocessor.loadgen.EventOrder;
import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.loadgen.SendPlan;
import io.eventprocessor.stack.CompilerQuiet;
import io.eventprocessor.stack.StackControl;
import io.eventprocessor.stack.StackState;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * 40 ms, was 42-60), the 10,000 click at 19.3 ms (was 21-22.5), for about a second more of warm-up.
 *
 * <p>The last {@link #AFTER_RESET_EVENTS} of them run after a reset of their own: the first scenario after a reset ran
 * slower than the next ones, also after 10,000 warm-up events (1,000 events, p50 18-21 ms against 12-15), and the
 * stack's optimizing compiler worked 0.4-0.5 s during it against 0.1 s during the next. With the second round, that
 * first run is the warm-up's. (What stays: after each reset's TRUNCATE, Debezium reads the outbox's description from
 * PostgreSQL again with the next change, a few ms of the first batch.)
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
     * The longest wait for the stack's compilers after a warm-up. From its AOT cache the stack's C2 compiled for 2-3 s
     * after the warm-up's last event, on both cores (per-thread CPU of its compiler threads); launch to ready, 13 s
     * without the wait, stays within 20 s.
     */
    public static final Duration SETTLE_MAX = Duration.ofSeconds(6);

    /**
     * Starts what the warm-up's first round would otherwise begin with (the event generator's vocabulary) on a daemon
     * thread, to be done while a stack starts: the stack's time is mostly its own processes', and the warm-up then
     * generates its first events in a third of the time.
     */
    public static void prepareInBackground() {
        Thread t = new Thread(EventGenerator::loadVocabulary, "warm-up-prepare");
        t.setDaemon(true);
        t.start();
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
        if (events == 0 || DemoData.outboxRows(settings) > 0) return false;
        String what = String.format("Warming up the new pipeline with %,d throw-away events (%s=0 skips): ", events, VARIABLE);
        long sent = 0;
        for (int round : rounds(events)) {
            ScenarioRun.Request request = new ScenarioRun.Request(Scenario.custom(round), SendPlan.burst(SHAPE.batchSize(), SHAPE.delayBetweenBatches()),
                    EventGenerator.randomSeed(), EventOrder.GROUPED, Duration.ofSeconds(120), stackMode);
            new ScenarioRun(settings).run(request, new RoundLines(what, sent, events, progress));
            progress.accept(what + "clearing them");
            DemoData.reset(settings);
            sent += round;
        }
        return true;
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
     * that the first scenario does not share the CPU with them; says how long it waited.
     */
    public static CompilerQuiet.Settled settle(StackState stack, Consumer<String> progress) throws InterruptedException {
        progress.accept("Waiting for the stack's compilers to finish what the warm-up made hot");
        CompilerQuiet.Settled settled;
        try {
            StackControl control = StackControl.of(stack);
            settled = CompilerQuiet.await(control::compileMillis, SETTLE_MAX);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            progress.accept("Could not ask the stack's compilers (" + Messages.describe(e) + "); going on");
            return new CompilerQuiet.Settled(Duration.ZERO, 0, false);
        }
        progress.accept(String.format(Locale.ROOT, settled.quiet()
                ? "The stack's compilers went quiet after %.1f s (%,d ms of compiling)"
                : "The stack's compilers were still busy after %.1f s (%,d ms of compiling); going on",
                settled.waited().toMillis() / 1000.0, settled.compileMillis()));
        return settled;
    }
}
