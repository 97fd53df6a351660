package io.eventprocessor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.stack.StackLauncher;
import org.junit.jupiter.api.Test;

class StackLauncherMainClassTest {
    @Test
    void backgroundStackRunsTheExecutablesMainClass() {
        assertThat(StackLauncher.MAIN_CLASS).isEqualTo(Main.class.getName());
    }
}
