package io.eventprocessor.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Tests' view of a Linux process's threads: each one's name as Linux keeps it (15 characters) and its nice value. */
public final class ThreadNice {
    private ThreadNice() {}

    public static boolean readable() {
        return Files.isDirectory(Path.of("/proc/self/task"));
    }

    public static List<Map.Entry<String, Integer>> of(long pid) throws IOException {
        List<Map.Entry<String, Integer>> threads = new ArrayList<>();
        // Field 19 of stat; left out when the thread ended meanwhile.
        ProcStat.threads(Path.of("/proc", Long.toString(pid), "task")).forEach((task, name) -> ProcStat.fields(task.resolve("stat"))
                .ifPresent(f -> threads.add(Map.entry(name, Integer.parseInt(f[19 - 3])))));
        return threads;
    }
}
