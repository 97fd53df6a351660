package io.eventprocessor.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollerTest {

    /** The UI clock's last queued refresh can come after the dashboard closed its model: it must start nothing. */
    @Test
    void aClosedPollerStartsNothing() {
        Poller poller = new Poller();
        poller.close();
        poller.due("health", Duration.ZERO, Instant.now(), () -> "read", r -> {});
        assertThat(poller.inFlight("health")).isFalse();
    }

    /** A read held off at a run's start is not due again until a whole interval has passed. */
    @Test
    void aHeldOffReadWaitsAWholeInterval() {
        Poller poller = new Poller();
        try {
            Instant start = Instant.now();
            poller.holdOff("health", start);
            poller.due("health", Duration.ofSeconds(3), start.plusMillis(2_999), () -> "read", r -> {});
            assertThat(poller.inFlight("health")).isFalse();
        } finally {
            poller.close();
        }
    }
}
