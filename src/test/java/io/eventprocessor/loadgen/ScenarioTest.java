package io.eventprocessor.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioTest {

    @ParameterizedTest
    @CsvSource({
        "warm-up, warm-up", "10, warm-up", "WARMUP, warm-up",
        "moderate, moderate", "100, moderate",
        "stress, stress", "1000, stress", "1k, stress",
        "extreme, extreme", "10000, extreme", "10k, extreme", "' Extreme ', extreme"
    })
    void presetsAreFoundByNameAndSize(String key, String expected) {
        assertThat(Scenario.lookup(key)).get().extracting(Scenario::name).isEqualTo(expected);
    }

    @Test
    void presetsHaveTheSeedsSizes() {
        assertThat(Scenario.WARM_UP.mix()).isEqualTo(new EventMix(10, 0, 0));
        assertThat(Scenario.MODERATE.mix()).isEqualTo(new EventMix(50, 30, 20));
        assertThat(Scenario.STRESS.mix()).isEqualTo(new EventMix(500, 300, 200));
        assertThat(Scenario.EXTREME.mix()).isEqualTo(new EventMix(5000, 3000, 2000));
        assertThat(Scenario.EXTREME.batchSize()).isEqualTo(100);
        assertThat(Scenario.EXTREME.delayBetweenBatches()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void otherNumbersAreCustom() {
        Scenario s = Scenario.parse("250");
        assertThat(s.name()).isEqualTo("custom-250");
        assertThat(s.mix()).isEqualTo(EventMix.mixed(250));
        assertThat(Scenario.lookup("250")).isEmpty();
        assertThatThrownBy(() -> Scenario.parse("lots")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scenario.parse("0")).isInstanceOf(IllegalArgumentException.class);
    }
}
