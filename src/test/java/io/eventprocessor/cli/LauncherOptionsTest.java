package io.eventprocessor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.config.Tuning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The launchers start their JVM with the options the stack's JVM has for the stage, so no command pays for C2 on stage. */
class LauncherOptionsTest {
    private static final String OPTIONS = String.join(" ", Tuning.STAGE_JVM_OPTIONS);

    @Test
    void theStackRunsWithTheStageOptions() {
        assertThat(Tuning.STACK_JVM_OPTIONS).containsAll(Tuning.STAGE_JVM_OPTIONS);
        assertThat(Tuning.PROCESSOR_JVM_OPTIONS).doesNotContainAnyElementsOf(Tuning.STAGE_JVM_OPTIONS);
    }

    @Test
    void everyLauncherDefaultsToTheStageOptions() throws IOException {
        assertThat(Files.readString(Path.of("event-processor"))).contains("exec java ${EVENT_PROCESSOR_JAVA_OPTS-" + OPTIONS + "} -jar");
        assertThat(Files.readString(Path.of("jlink/event-processor")))
                .contains("exec \"$image/bin/java\" ${EVENT_PROCESSOR_JAVA_OPTS-" + OPTIONS + "} -jar");
        assertThat(Files.readString(Path.of("jlink/build-image.sh"))).contains("--java-options " + OPTIONS + " ");
    }
}
