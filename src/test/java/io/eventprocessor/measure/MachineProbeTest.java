package io.eventprocessor.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.measure.MachineProbe.Machine;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineProbeTest {
    @Test
    void measuresBothHandOversAndADurableWriteOnThisMachineAndNamesItsProcessor() {
        Machine m = MachineProbe.probe();
        assertThat(m.cpuModel()).isNotBlank();
        assertThat(m.threadRoundTripMicros()).isFinite().isPositive();
        assertThat(m.systemCallMicros()).isFinite().isPositive();
        assertThat(m.durableWriteMicros()).isFinite().isPositive();
    }

    @Test
    void aFigureIsTheMedianRoundSoThatOneDisturbedRoundDoesNotSetIt() {
        Iterator<Double> rounds = List.of(9.0, 3.0, 250.0, 4.0, 5.0).iterator();
        assertThat(MachineProbe.median(rounds::next)).isEqualTo(5.0);
    }

    @Test
    void aFigureThatCannotBeMeasuredIsNotANumberRatherThanZero() {
        assertThat(MachineProbe.median(() -> {
            throw new IOException("no temporary directory");
        })).isNaN();
    }
}
