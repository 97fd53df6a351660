package io.eventprocessor.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Linux's {@code /proc/PID/stat}, read the one way: fields are counted after the command name's last ')'. */
final class ProcStat {
    private ProcStat() {}

    /** Clock ticks a second in /proc's counts (USER_HZ, 100 on Linux). */
    static final long TICKS_PER_SECOND = 100;

    /**
     * The process's fields from the third (its state) on, so that field N of the kernel's list is at index N - 3; empty
     * where there is no such file (not Linux, or the process is gone). The command name (field 2) may hold spaces and
     * parentheses, so the count starts after its last ')'.
     */
    static Optional<String[]> fields(long pid) {
        return fields(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** {@link #fields(long)} of a stat file by its path: also a thread's, {@code /proc/PID/task/TID/stat}. */
    static Optional<String[]> fields(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            return Optional.of(stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The threads in a process's task directory ({@code /proc/self/task}, {@code /proc/PID/task}): each one's directory by
     * its name as Linux keeps it (15 characters). A thread that ends while they are read is left out.
     */
    static Map<Path, String> threads(Path taskDirectory) throws IOException {
        Map<Path, String> threads = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(taskDirectory)) {
            for (Path task : tasks.toList()) {
                try {
                    threads.put(task, Files.readString(task.resolve("comm")).strip());
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return threads;
    }
}
