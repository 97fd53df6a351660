package io.eventprocessor.cli;

import java.util.List;

/** JVM options of the background stack process. */
final class StackJvm {
    private StackJvm() {}

    /** {@link io.eventprocessor.config.Tuning#STACK_JVM_OPTIONS}, where the reasons are. */
    static List<String> options() {
        return io.eventprocessor.config.Tuning.STACK_JVM_OPTIONS;
    }
}
