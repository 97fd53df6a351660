package io.eventprocessor.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventMixTest {

    @ParameterizedTest(name = "{0} -> {1}/{2}/{3}")
    @CsvSource({
        "10000, 5000, 3000, 2000",
        "1000, 500, 300, 200",
        "100, 50, 30, 20",
        "10, 5, 3, 2",
        "7, 4, 2, 1",
        "1, 1, 0, 0",
        "2, 2, 0, 0",
        "4, 3, 1, 0",
        "5, 3, 1, 1",
        "13, 8, 3, 2",
        "0, 0, 0, 0"
    })
    void mixedCountsFollowTheRemainderRule(int total, int users, int activities, int participants) {
        EventMix mix = EventMix.mixed(total);
        assertThat(mix).isEqualTo(new EventMix(users, activities, participants));
        assertThat(mix.total()).isEqualTo(total);
    }

    @Test
    void everyTotalUpToTwoThousandAddsUpAndKeepsIntegrityPossible() {
        for (int n = 0; n <= 2_000; n++) {
            EventMix mix = EventMix.mixed(n);
            assertThat(mix.total()).isEqualTo(n);
            assertThat(mix.users()).isGreaterThanOrEqualTo(mix.activities()).isGreaterThanOrEqualTo(mix.participants());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 100})
    void usersOnlyIsAllUsers(int n) {
        assertThat(EventMix.usersOnly(n)).isEqualTo(new EventMix(n, 0, 0));
    }

    @Test
    void rejectsMixesThatCannotKeepIntegrity() {
        assertThatThrownBy(() -> new EventMix(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventMix(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventMix.mixed(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
