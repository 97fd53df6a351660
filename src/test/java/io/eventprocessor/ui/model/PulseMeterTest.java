package io.eventprocessor.ui.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.eventprocessor.report.Report;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The dashboard's own figures over a run: counted only between begin and end. */
class PulseMeterTest {
    private static final long MS = 1_000_000L;

    @Test
    void countsPulsesRefreshesAndTheLongestGapOfTheWindowOnly() {
        PulseMeter m = new PulseMeter();
        m.pulse(5 * MS);
        m.refreshed();
        assertThat(m.measuring()).isFalse();

        m.begin(1000 * MS);
        for (int i = 1; i <= 30; i++) m.pulse((1000 + i * 33) * MS);
        m.pulse(2240 * MS); // 250 ms after the 30th pulse at 1990 ms
        for (int i = 0; i < 4; i++) m.refreshed();
        m.end(3000 * MS);
        m.pulse(9000 * MS);
        m.refreshed();

        assertThat(m.measuring()).isFalse();
        assertThat(m.seconds()).isCloseTo(2.0, within(1e-9));
        assertThat(m.pulseRate()).isCloseTo(31 / 2.0, within(1e-9));
        assertThat(m.refreshRate()).isCloseTo(2.0, within(1e-9));
        // the gap from the last pulse (2240 ms) to the end (3000 ms) counts: nothing was drawn then
        assertThat(m.longestGapMs()).isCloseTo(760, within(1e-6));
        Report.Ui ui = m.figures(Duration.ofMillis(17_250));
        assertThat(ui.pulsesPerSecond()).isEqualTo(m.pulseRate());
        assertThat(ui.longestPulseGapMs()).isEqualTo(m.longestGapMs());
        assertThat(ui.cpuCores()).isGreaterThanOrEqualTo(0);
        assertThat(ui.launchToReadySeconds()).isEqualTo(17.25);
    }

    @Test
    void theProcessCpuCounterIsReadAndGrows() {
        long before = ProcessCpu.nanos();
        double x = 0;
        for (int i = 0; i < 5_000_000; i++) x += Math.sqrt(i);
        assertThat(x).isPositive();
        assertThat(ProcessCpu.nanos()).isGreaterThan(before);
    }
}
