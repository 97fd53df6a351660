package io.eventprocessor.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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

    /** A read held off at a run's start is not due again until a whole interval has passed, and then it is. */
    @Test
    void aHeldOffReadWaitsAWholeInterval() {
        Poller poller = new Poller();
        // A read that stays in flight until the test ends: once started, inFlight says so whatever the FX thread does.
        CountDownLatch end = new CountDownLatch(1);
        Callable<String> read = () -> {
            end.await();
            return "read";
        };
        try {
            Instant start = Instant.now();
            poller.holdOff("health", start);
            poller.due("health", Duration.ofSeconds(3), start.plusMillis(2_999), read, r -> {});
            assertThat(poller.inFlight("health")).isFalse();
            poller.due("health", Duration.ofSeconds(3), start.plusSeconds(3), read, r -> {});
            assertThat(poller.inFlight("health")).isTrue();
        } finally {
            end.countDown();
            poller.close();
        }
    }
}
