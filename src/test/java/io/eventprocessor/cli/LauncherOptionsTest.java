package io.eventprocessor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.config.Tuning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    void theStacksOptionsTakeWhatTheVariableAddsLastSoItWins() {
        assertThat(Tuning.stackJvmOptions(Map.of())).isEqualTo(Tuning.STACK_JVM_OPTIONS);
        assertThat(Tuning.stackJvmOptions(Map.of(Tuning.STACK_JAVA_OPTS_VARIABLE, "  "))).isEqualTo(Tuning.STACK_JVM_OPTIONS);
        List<String> c2 = Tuning.stackJvmOptions(Map.of(Tuning.STACK_JAVA_OPTS_VARIABLE, " -XX:TieredStopAtLevel=4  -Xmx1g "));
        assertThat(c2).startsWith(Tuning.STACK_JVM_OPTIONS.toArray(String[]::new)).endsWith("-XX:TieredStopAtLevel=4", "-Xmx1g");
    }

    @Test
    void everyLauncherDefaultsToTheStageOptions() throws IOException {
        assertThat(Files.readString(Path.of("event-processor")))
                .contains("exec java ${EVENT_PROCESSOR_JAVA_OPTS-" + OPTIONS + "} ${class_data[@]+\"${class_data[@]}\"} -jar");
        assertThat(Files.readString(Path.of("jlink/event-processor")))
                .contains("exec \"$image/bin/java\" ${EVENT_PROCESSOR_JAVA_OPTS-" + OPTIONS + "} -jar");
        assertThat(Files.readString(Path.of("jlink/build-image.sh"))).contains("--java-options " + OPTIONS + " ");
    }
}
