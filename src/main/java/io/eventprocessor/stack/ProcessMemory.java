package io.eventprocessor.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resident memory of a process and everything it started (the stack's JVM and its PostgreSQL processes),
 * read from Linux's /proc. PSS (proportional set size) divides shared pages among the processes sharing
 * them, so PostgreSQL's shared buffers count once, not once per backend; RSS is given too.
 */
public final class ProcessMemory {
    private ProcessMemory() {}

    /** Kilobytes, summed over the process tree. */
    public record Usage(long rssKb, long pssKb, int processes) {
        public long pssMb() {
            return pssKb / 1024;
        }

        public long rssMb() {
            return rssKb / 1024;
        }
    }

    /**
     * Resident kilobytes of one process from {@code /proc/PID/status} (VmRSS): a counter the kernel keeps, so
     * unlike smaps_rollup it costs no walk of the page tables. -1 where it cannot be read.
     */
    public static long residentKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) return kb(line);
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /**
     * Usage of a local stack: its JVM ({@code stackPid}) and the PostgreSQL server whose data directory is under
     * {@code home} (its postmaster is not a child of the JVM: pg_ctl detaches it).
     */
    public static Usage ofStack(long stackPid, Path home) {
        Usage jvm = ProcessHandle.of(stackPid).map(ProcessMemory::tree).orElse(new Usage(0, 0, 0));
        Usage postgres = EmbeddedPostgresServer.postmasterPid(home.resolve("data").resolve("postgres"))
                .flatMap(ProcessHandle::of).map(ProcessMemory::tree).orElse(new Usage(0, 0, 0));
        return new Usage(jvm.rssKb() + postgres.rssKb(), jvm.pssKb() + postgres.pssKb(), jvm.processes() + postgres.processes());
    }

    /** Usage of {@code root} and its descendants; zeros where /proc is not available. */
    public static Usage tree(ProcessHandle root) {
        long rss = 0;
        long pss = 0;
        int n = 0;
        for (ProcessHandle p : Stream.concat(Stream.of(root), root.descendants()).toList()) {
            long[] v = read(p.pid());
            if (v == null) continue;
            rss += v[0];
            pss += v[1];
            n++;
        }
        return new Usage(rss, pss, n);
    }

    private static long[] read(long pid) {
        Path rollup = Path.of("/proc", Long.toString(pid), "smaps_rollup");
        try {
            List<String> lines = Files.readAllLines(rollup);
            long rss = 0;
            long pss = 0;
            for (String line : lines) {
                if (line.startsWith("Rss:")) rss = kb(line);
                else if (line.startsWith("Pss:")) pss = kb(line);
            }
            return new long[] {rss, pss};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long kb(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]);
    }
}
