package io.eventprocessor.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** The Java a child JVM (the background stack, the benchmark, a cluster part) runs on: this JVM's own. */
public final class JavaRuntime {
    private JavaRuntime() {}

    /**
     * {@code java.home/bin/java}: the JDK this runs on, or the runtime of the packaged application, whose launcher
     * ({@code bin/event-processor}, a jpackage launcher in the .deb) is not a java command. This process's own command
     * only where the runtime has no java.
     */
    public static String executable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : ProcessHandle.current().info().command().orElse("java");
    }
}
