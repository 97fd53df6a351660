package io.eventprocessor.cluster;

import io.eventprocessor.stack.JavaRuntime;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster's parts as operating-system processes: started detached (their own session, so a closed terminal does
 * not take them along), recorded in pid files, recognised by their command line (it names the cluster's directory, so
 * a pid reused by an unrelated process after a crash is never signalled), and stopped by pid.
 */
final class NodeProcesses {
    private NodeProcesses() {}

    private static final Optional<Path> SETSID = onPath("setsid");
    /** What a part inherits from the environment of whoever starts it; the rest of its environment is given, as a container's. */
    private static final Set<String> INHERITED = Set.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR", "LOG_LEVEL");

    /** Starts {@code command} in the background, output appended to {@code log}; returns its pid (the command's own). */
    static long spawn(List<String> command, Map<String, String> environment, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> full = new ArrayList<>();
        // Not a process-group leader (a child of this JVM), so setsid makes a new session in place and execs: same pid.
        SETSID.ifPresent(s -> full.add(s.toString()));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().retainAll(INHERITED);
        builder.environment().putAll(environment);
        return builder.start().pid();
    }

    static void writePid(Path pidFile, long pid) throws IOException {
        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, pid + "\n", StandardCharsets.US_ASCII);
    }

    /** The pid recorded in {@code pidFile} when that process is alive and one of this cluster's. */
    static Optional<Long> running(Path pidFile, Path root) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
            return ours(pid, root) ? Optional.of(pid) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Alive, and its command line names a file in {@code root}. */
    static boolean ours(long pid, Path root) {
        String inside = root + File.separator;
        return commandLine(pid).map(c -> c.contains(inside)).orElse(false);
    }

    /** Every live process whose command line names {@code root}: what a stop must leave none of. */
    static List<Long> allOf(Path root) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses().map(ProcessHandle::pid).filter(pid -> pid != self && ours(pid, root)).toList();
    }

    private static Optional<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            if (raw.length == 0) return Optional.empty(); // a zombie, or gone
            return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' '));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Sends {@code signal} (TERM, INT) to each, waits up to {@code grace} for all to exit, then kills what is left with
     * KILL. Returns the pids that had to be killed.
     */
    static List<Long> stop(Collection<Long> pids, String signal, Duration grace) throws InterruptedException {
        for (long pid : pids) signal(pid, signal);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && pids.stream().anyMatch(NodeProcesses::alive)) Thread.sleep(100);
        List<Long> killed = new ArrayList<>();
        for (long pid : pids) {
            if (alive(pid)) {
                signal(pid, "KILL");
                killed.add(pid);
            }
        }
        long hard = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < hard && pids.stream().anyMatch(NodeProcesses::alive)) Thread.sleep(50);
        return killed;
    }

    /** Sends TERM, KILL or (through the shell's kill, which Java cannot send) INT; a process already gone is no error. */
    static void signal(long pid, String signal) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) return;
        switch (signal) {
            case "TERM" -> process.get().destroy();
            case "KILL" -> process.get().destroyForcibly();
            default -> {
                try {
                    new ProcessBuilder("sh", "-c", "kill -" + signal + " " + pid).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                } catch (IOException e) {
                    throw new IllegalStateException("Cannot run kill: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The java executable of this JVM: children run on the same runtime (a JDK, or a packaged image's). */
    static String java() {
        return JavaRuntime.executable();
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
