package io.eventprocessor.scenario;

import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.StackMode;
import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.stack.StackLauncher;
import java.util.function.Consumer;

/**
 * The session a stack recording the AOT cache runs ({@link StackLauncher#trainIfNeeded}): what a presenter's stack
 * runs, the product's warm-up ({@link WarmUp#DEFAULT_EVENTS} events, whatever {@link WarmUp#VARIABLE} says, so that
 * every cache of a build holds the same), then the four scenarios as their buttons send them, in the order they are
 * clicked.
 *
 * <p>What the recording stack ran decides later stacks. Trained on the warm-up alone, {@code bench --stage} was ready in 17.7
 * and 21.9 s and ran the 1,000 scenario at p50 32.8 and 42.8 ms, the 10,000 at 26.7 and 26.0, the dashboard's first
 * 1,000 click 58.9 and 33.9; with the scenarios too, ready in 24.9-30.6 s, 1,000 at 26.1-30.9, 10,000 at 17.8-22.1, the
 * first click 29.6-47.6 (four launches): the compilers prepare more of the clicks' paths, and take longer to.
 */
public final class CacheTraining {
    private CacheTraining() {}

    /** A {@link StackLauncher.Training}: sends that session through the pipeline at {@code settings}. */
    public static void run(Settings settings, Consumer<String> progress) throws Exception {
        progress.accept(String.format("the warm-up, %,d events", WarmUp.DEFAULT_EVENTS));
        WarmUp.runIfEmpty(settings, WarmUp.DEFAULT_EVENTS, StackMode.EMBEDDED, line -> {});
        for (Scenario scenario : Scenario.PRESETS) {
            progress.accept(String.format("scenario %s, %,d events", scenario.name(), scenario.totalEvents()));
            new ScenarioRun(settings).run(ScenarioRun.Request.of(scenario, StackMode.EMBEDDED), new ScenarioRun.Listener() {});
        }
    }
}
