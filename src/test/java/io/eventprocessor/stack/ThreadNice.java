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
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                threads.add(Map.entry(name, Integer.parseInt(fields[16]))); // field 19 of stat; the list starts at field 3
            }
        }
        return threads;
    }
}
