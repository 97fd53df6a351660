package io.eventprocessor.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A throw-away stack home (a benchmark's, a test's): a fresh temporary directory, removed with the stack's data once
 * the stack has stopped.
 */
public final class TemporaryHome {
    private TemporaryHome() {}

    public static Path create(String prefix) throws IOException {
        return Files.createTempDirectory(prefix);
    }

    /** Removes {@code home} and everything in it; what cannot be removed stays (a leftover, not a failure). */
    public static void remove(Path home) {
        if (home == null || !Files.exists(home)) return;
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file still held open, or not ours to remove: leave it
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the tree changed while walking it: leave what is left
        }
    }
}
