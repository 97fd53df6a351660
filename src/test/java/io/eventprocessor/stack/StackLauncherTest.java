package io.eventprocessor.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StackLauncherTest {
    Process child;

    @AfterEach
    void tearDown() {
        if (child != null) child.destroyForcibly();
    }

    @Test
    void aStackThatStopsInOrderIsStoppedInTime() throws Exception {
        child = new ProcessBuilder("sleep", "60").start();

        assertThat(StackLauncher.stop(child.toHandle(), Duration.ofSeconds(30))).isTrue();
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void aStackThatIgnoresTheRequestIsKilledAfterThePatience() throws Exception {
        child = new ProcessBuilder("sh", "-c", "trap '' TERM; echo ready; while true; do sleep 1; done").start();
        assertThat(child.inputReader().readLine()).as("the trap is set").isEqualTo("ready");

        assertThat(StackLauncher.stop(child.toHandle(), Duration.ofMillis(300))).isFalse();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("killed").isTrue();
    }

    @Test
    void withNoPatienceAStackIsKilledAtOnce() throws Exception {
        child = new ProcessBuilder("sh", "-c", "trap '' TERM; echo ready; while true; do sleep 1; done").start();
        assertThat(child.inputReader().readLine()).isEqualTo("ready");

        assertThat(StackLauncher.stop(child.toHandle(), Duration.ZERO)).isFalse();
        assertThat(child.isAlive()).as("waited for").isFalse();
    }

    @Test
    void aDiscardedStackGoesWithItsHome() throws Exception {
        Path home = TemporaryHome.create("stack-launcher-test");
        Files.createDirectories(home.resolve("data/postgres"));
        Files.writeString(home.resolve("data/postgres/PG_VERSION"), "18");
        child = new ProcessBuilder("sleep", "60").start();

        StackLauncher.discard(child.toHandle(), home, Duration.ofSeconds(30));

        assertThat(child.isAlive()).isFalse();
        assertThat(home).doesNotExist();
    }
}
