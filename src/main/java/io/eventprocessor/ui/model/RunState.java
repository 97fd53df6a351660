package io.eventprocessor.ui.model;

import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.scenario.Progress;
import io.eventprocessor.scenario.ScenarioRun;
import java.time.Instant;

/**
 * The dashboard's current or last scenario, as one immutable value the model replaces while the run moves on.
 *
 * @param number the run's number in this session, from 1
 * @param progress the run's latest progress; null until its first report
 * @param result set once the run finished
 * @param failure why the run ended without a result, or null
 */
public record RunState(int number, Launch launch, Instant startedAt, Progress progress, ScenarioRun.Result result, String failure) {

    static RunState started(int number, Launch launch, Instant at) {
        return new RunState(number, launch, at, null, null, null);
    }

    RunState with(Progress p) {
        return new RunState(number, launch, startedAt, p, result, failure);
    }

    RunState finished(ScenarioRun.Result r) {
        return new RunState(number, launch, startedAt, progress, r, null);
    }

    RunState failed(String why) {
        return new RunState(number, launch, startedAt, progress, null, why);
    }

    public boolean running() {
        return result == null && failure == null;
    }

    /** The run's figures: the final ones once finished, else the latest; null before the first. */
    public Snapshot snapshot() {
        if (result != null) return result.last();
        return progress == null ? null : progress.snapshot();
    }

    public long target() {
        return launch.target();
    }
}
