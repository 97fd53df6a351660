package io.eventprocessor.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time of processes, from the kernel's own counters ({@code /proc/PID/stat}: user and system time in clock ticks),
 * so that "idle costs nothing" is a measured figure. Linux only; elsewhere every figure is 0.
 */
public final class ProcessCpu {
    private ProcessCpu() {}

    /** CPU seconds (user + system) used so far by {@code roots} and all their descendants alive now. */
    public static double seconds(List<ProcessHandle> roots) {
        double total = 0;
        for (ProcessHandle root : roots) {
            for (ProcessHandle p : Stream.concat(Stream.of(root), root.descendants()).toList()) total += seconds(p.pid());
        }
        return total;
    }

    /** CPU seconds used so far by one process (its threads included); 0 when it cannot be read. */
    public static double seconds(long pid) {
        // utime (field 14) and stime (15).
        return ProcStat.fields(pid).map(f -> (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) ProcStat.TICKS_PER_SECOND).orElse(0.0);
    }

    /**
     * The processes of a local stack: its JVM and the PostgreSQL server whose data directory is under {@code home}
     * (pg_ctl detaches the postmaster, so it is not the JVM's child).
     */
    public static List<ProcessHandle> ofStack(long stackPid, Path home) {
        Stream<ProcessHandle> jvm = ProcessHandle.of(stackPid).stream();
        Stream<ProcessHandle> postgres = EmbeddedPostgresServer.postmasterPid(home.resolve("data").resolve("postgres"))
                .flatMap(ProcessHandle::of).stream();
        return Stream.concat(jvm, postgres).toList();
    }
}
