package io.eventprocessor.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Tests' view of a Linux process's threads: each one's name as Linux keeps it (15 characters) and its nice value. */
public final class ThreadNice {
    private ThreadNice() {}

    public static boolean readable() {
        return Files.isDirectory(Path.of("/proc/self/task"));
    }

    public static List<Map.Entry<String, Integer>> of(long pid) throws IOException {
        List<Map.Entry<String, Integer>> threads = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String name;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                // Field 19 of stat; empty when the thread ended meanwhile.
                ProcStat.fields(task.resolve("stat")).ifPresent(f -> threads.add(Map.entry(name, Integer.parseInt(f[19 - 3]))));
            }
        }
        return threads;
    }
}
