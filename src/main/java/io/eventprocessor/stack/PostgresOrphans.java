package io.eventprocessor.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that outlived the stack which started it. Killed with -9 (or by the out-of-memory killer), the
 * stack's JVM cannot stop its PostgreSQL: the postmaster lives on, holding the data directory's lock file, and every
 * later start on that directory waits for a server that cannot start. Before starting, the stack stops such a server
 * with a fast shutdown (SIGINT: open sessions are cut, committed transactions are already durable), escalating to an
 * immediate shutdown (SIGQUIT) and SIGKILL only if it does not stop. Only a process that is a {@code postgres} started
 * with {@code -D} on this very directory is ever signalled; a lock file that names any other process is stale and is
 * removed.
 */
final class PostgresOrphans {
    private static final Logger log = LoggerFactory.getLogger(PostgresOrphans.class);
    static final String LOCK_FILE = "postmaster.pid";

    private PostgresOrphans() {}

    /** What was found on the data directory and done about it, in a sentence; empty when there was nothing to do. */
    static Optional<String> stopLeftovers(Path dataDirectory) throws IOException, InterruptedException {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        Optional<ProcessHandle> orphan = ProcessHandle.allProcesses().filter(p -> isPostmasterOf(p, dir)).findFirst();
        if (orphan.isPresent()) {
            long pid = orphan.get().pid();
            log.warn("A PostgreSQL server (pid {}) left running by a stack that did not stop still holds {}: stopping it (fast shutdown)",
                    pid, dir);
            String how = stop(orphan.get());
            return Optional.of("stopped the PostgreSQL server (pid " + pid + ") that a previous stack left running on " + dir + " (" + how + ")");
        }
        Path lock = dir.resolve(LOCK_FILE);
        if (Files.exists(lock)) {
            Files.delete(lock);
            log.warn("Removed a stale {} in {}: no PostgreSQL server runs on that directory", LOCK_FILE, dir);
            return Optional.of("removed a stale " + LOCK_FILE + " in " + dir);
        }
        return Optional.empty();
    }

    /** A postmaster: a {@code postgres} executable with {@code -D dir} (its child processes have no such arguments). */
    static boolean isPostmasterOf(ProcessHandle p, Path dir) {
        ProcessHandle.Info info = p.info();
        Optional<String> command = info.command();
        Optional<String[]> args = info.arguments();
        if (command.isEmpty() || args.isEmpty()) return false;
        return isPostmasterOf(command.get(), List.of(args.get()), dir);
    }

    static boolean isPostmasterOf(String command, List<String> args, Path dir) {
        if (!Path.of(command).getFileName().toString().equals("postgres")) return false;
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("-D") && Path.of(args.get(i + 1)).toAbsolutePath().normalize().equals(dir)) return true;
        }
        return false;
    }

    private static String stop(ProcessHandle postmaster) throws IOException, InterruptedException {
        signal(postmaster, "INT");
        if (waitFor(postmaster, Duration.ofSeconds(30))) return "fast shutdown";
        log.warn("PostgreSQL (pid {}) did not stop within 30 s: immediate shutdown", postmaster.pid());
        signal(postmaster, "QUIT");
        if (waitFor(postmaster, Duration.ofSeconds(10))) return "immediate shutdown";
        postmaster.destroyForcibly();
        if (waitFor(postmaster, Duration.ofSeconds(10))) return "killed";
        throw new IllegalStateException("The PostgreSQL server (pid " + postmaster.pid() + ") left by a previous stack does not stop. "
                + "Stop it yourself (kill -9 " + postmaster.pid() + ") and start the stack again.");
    }

    private static void signal(ProcessHandle p, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS)) kill.destroyForcibly();
    }

    private static boolean waitFor(ProcessHandle p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (p.isAlive()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(50);
        }
        return true;
    }
}
