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
}
