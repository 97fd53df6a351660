package io.eventprocessor.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import io.eventprocessor.testing.SharedStack;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The outbox's doorbell rings on a write, so that an idle relay can wait for data instead of polling for it. */
@ExtendWith(SharedStack.class)
class DoorbellIT {

    @Test
    void aWriteToTheOutboxRingsTheDoorbell(Settings settings) throws Exception {
        try (Doorbell doorbell = Doorbell.listen(settings)) {
            await().atMost(Duration.ofSeconds(30)).until(doorbell::listening);
            long before = doorbell.rings();
            CaptureIT.insert(settings, List.of(UUID.randomUUID()), UUID.randomUUID());
            await().atMost(Duration.ofSeconds(30)).until(() -> doorbell.rings() > before);
            // A waiter that has seen every ring so far is woken by the next write.
            long seen = doorbell.rings();
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(200);
                    CaptureIT.insert(settings, List.of(UUID.randomUUID()), UUID.randomUUID());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            doorbell.awaitRingAfter(seen, Duration.ofSeconds(30));
            assertThat(doorbell.rings()).isGreaterThan(seen);
            writer.join();
        }
    }

    /** It looks for its trigger only after a wait that heard nothing; a ring before must not hide the trigger's loss. */
    @Test
    @Timeout(120)
    void aDoorbellThatRangStopsListeningWhenItsTriggerIsDisabledAndListensAgainOnceItIsBack(Settings settings) throws Exception {
        try (Doorbell doorbell = Doorbell.listen(settings); Connection c = Clients.postgres(settings); Statement s = c.createStatement()) {
            await().atMost(Duration.ofSeconds(30)).until(doorbell::listening);
            long before = doorbell.rings();
            CaptureIT.insert(settings, List.of(UUID.randomUUID()), UUID.randomUUID());
            await().atMost(Duration.ofSeconds(30)).until(() -> doorbell.rings() > before);
            String trigger = " TRIGGER " + Names.DOORBELL_CHANNEL;
            try {
                s.execute("ALTER TABLE " + Names.OUTBOX_QUALIFIED + " DISABLE" + trigger);
                await().atMost(Duration.ofSeconds(30)).until(() -> !doorbell.listening());
            } finally {
                s.execute("ALTER TABLE " + Names.OUTBOX_QUALIFIED + " ENABLE" + trigger);
            }
            await().atMost(Duration.ofSeconds(30)).until(doorbell::listening);
        }
    }

    @Test
    @Timeout(60)
    void aClosedDoorbellNeitherListensNorKeepsAWaiterWaiting(Settings settings) throws Exception {
        Doorbell doorbell = Doorbell.listen(settings);
        await().atMost(Duration.ofSeconds(30)).until(doorbell::listening);
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            doorbell.close();
        });
        closer.start();
        long seen = doorbell.rings();
        doorbell.awaitRingAfter(seen + 1_000, Duration.ofHours(1)); // returns on close, or the test times out
        closer.join();
        await().atMost(Duration.ofSeconds(10)).until(() -> !doorbell.listening());
    }

    @Test
    void aHeartbeatSaysWhenItWasEmitted() {
        assertThat(DebeziumRelay.emittedMillis("{\"ts_ms\":1764583200123}")).isEqualTo(1764583200123L);
        assertThat(DebeziumRelay.emittedMillis("{\"ts_ms\" : 42, \"x\": 1}")).isEqualTo(42L);
        assertThat(DebeziumRelay.emittedMillis("{\"other\": 1}")).isEqualTo(-1L);
        assertThat(DebeziumRelay.emittedMillis(null)).isEqualTo(-1L);
    }
}
