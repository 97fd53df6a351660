package io.eventprocessor.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.loadgen.Scenario;
import org.junit.jupiter.api.Test;

/** The guided demo's phases, in the order full_demo.sh runs them. */
class GuidedDemoTest {

    @Test
    void phasesAreSetupTheFourScenariosVerificationAndReport() {
        assertThat(GuidedDemo.PHASES).extracting(GuidedDemo.Phase::action).containsExactly(GuidedDemo.Action.SETUP,
                GuidedDemo.Action.SCENARIO, GuidedDemo.Action.SCENARIO, GuidedDemo.Action.SCENARIO, GuidedDemo.Action.SCENARIO,
                GuidedDemo.Action.VERIFY, GuidedDemo.Action.REPORT);
        assertThat(GuidedDemo.PHASES.stream().filter(p -> p.scenario() != null).map(GuidedDemo.Phase::scenario))
                .containsExactlyElementsOf(Scenario.PRESETS);
        assertThat(GuidedDemo.PHASES).extracting(GuidedDemo.Phase::number).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(GuidedDemo.PHASES.get(4).title()).isEqualTo("Extreme load: 10,000 events");
        assertThat(GuidedDemo.PHASES.get(4).story()).startsWith("10,000 events in batches of 100, 50 ms apart.");
        assertThat(GuidedDemo.PHASES.get(3).story()).contains("P50 < 30 ms, P95 < 100 ms, P99 < 200 ms");
    }

    @Test
    void oneStepAtATimeToTheEndAndThePresenterMayLeaveAnyTime() {
        GuidedDemo g = new GuidedDemo();
        assertThat(g.started()).isFalse();
        assertThat(g.current()).isNull();
        assertThat(g.upcoming().action()).isEqualTo(GuidedDemo.Action.SETUP);
        assertThat(g.advance().action()).isEqualTo(GuidedDemo.Action.SETUP);
        assertThat(g.advance().scenario()).isEqualTo(Scenario.WARM_UP);
        assertThat(g.upcoming().scenario()).isEqualTo(Scenario.MODERATE);
        g.leave();
        assertThat(g.started()).isFalse();
        assertThat(g.advance().action()).isEqualTo(GuidedDemo.Action.SETUP);
        for (int i = 1; i < GuidedDemo.PHASES.size(); i++) g.advance();
        assertThat(g.finished()).isTrue();
        assertThat(g.current().action()).isEqualTo(GuidedDemo.Action.REPORT);
        assertThat(g.upcoming()).isNull();
        assertThat(g.advance()).isNull();
    }
}
