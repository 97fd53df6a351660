package io.eventprocessor.cli;

import io.eventprocessor.loadgen.EventGenerator;
import java.io.PrintWriter;

/** A JVM that loads some of the application's classes, then records them as a dashboard does as it closes. */
public final class ClassDataRecording {
    private ClassDataRecording() {}

    public static void main(String[] args) {
        System.out.println(new EventGenerator(1).mixed(10).size() + " events");
        if (args.length > 0 && args[0].equals("record")) ClassDataArchive.recordIfAsked(new PrintWriter(System.out, true));
    }
}
