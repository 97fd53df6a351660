package io.eventprocessor.stack;

import java.util.List;

/** JVM options of the background stack process. */
public final class StackJvm {
    private StackJvm() {}

    /**
     * A bounded heap keeps the whole stack (broker, engine, processor, in-memory MongoDB) under 1 GB resident;
     * G1 with a short pause goal keeps collection pauses out of the latency figures.
     */
    public static List<String> options() {
        return List.of("-Xms256m", "-Xmx640m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=10", "-XX:+ExitOnOutOfMemoryError");
    }
}
