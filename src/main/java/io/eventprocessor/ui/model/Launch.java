package io.eventprocessor.ui.model;

import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.loadgen.SendPlan;

/** A scenario the dashboard can start: the preset (or custom load) and how it is sent. */
public record Launch(Scenario scenario, SendPlan plan) {
    public static Launch of(Scenario s) {
        return new Launch(s, SendPlan.of(s));
    }

    /** Events the run sends. */
    public long target() {
        return scenario.totalEvents();
    }
}
