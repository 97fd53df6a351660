package io.eventprocessor.stack;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A throw-away stack home (a benchmark's, a test's): a fresh temporary directory, removed with the stack's data once
 * the stack has stopped.
 */
public final class TemporaryHome {
    private TemporaryHome() {}

    /** Passes over the tree: files a stopping process wrote after a pass had listed their directory go in the next. */
    private static final int PASSES = 3;

    public static Path create(String prefix) throws IOException {
        return Files.createTempDirectory(prefix);
    }

    /**
     * Removes {@code home} and everything in it, also while another thread removes it too (an interrupted command's
     * shutdown hook and its main thread); what cannot be removed stays (a leftover, not a failure).
     */
    public static void remove(Path home) {
        for (int pass = 0; pass < PASSES && home != null && Files.exists(home); pass++) {
            if (pass > 0 && !pause()) return;
            try {
                Files.walkFileTree(home, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE; // gone meanwhile, or not ours to read
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                        delete(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                // the home itself went meanwhile
            }
        }
    }

    /** A moment for a process that is letting go of the home; false when interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(200);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a directory something still writes into, or a file not ours to remove: the next pass, or a leftover
        }
    }
}
