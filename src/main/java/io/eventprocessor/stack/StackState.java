package io.eventprocessor.stack;

import io.eventprocessor.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a running local stack leaves in its state directory: {@code stack.env} (its connection settings as
 * shell-sourceable {@code KEY=value} lines with the external-mode variable names, plus its pid, the pid's start time
 * and its control channel), and {@code stack.log}. The file exists only while the stack is up; it holds the
 * PostgreSQL password and the control token, so it is readable by its owner only (mode 0600).
 *
 * <p>A pid alone does not name a process for long: after a crash or a reboot the number can belong to anything. The
 * stack is taken to be running only while a process with that pid exists and started at the recorded instant.
 */
public final class StackState {
    public static final String ENV_FILE = "stack.env";
    public static final String LOG_FILE = "stack.log";
    static final String PID = "EVENT_PROCESSOR_STACK_PID";
    /**
     * When the stack's process started, in milliseconds since the machine booted (Linux: the kernel's count of clock
     * ticks). Not since the epoch: Java derives that from the boot time in whole seconds, which a wall clock adjusted
     * meanwhile moves by a second between one command and the next, and a stack still running was then taken for a
     * reused pid (a second stack started beside it; {@code stack down} stopped its PostgreSQL).
     */
    static final String STARTED_SINCE_BOOT = "EVENT_PROCESSOR_STACK_STARTED_SINCE_BOOT_MS";
    /** When the stack's process started, in milliseconds since the epoch: where the boot count cannot be read, and from older versions. */
    static final String STARTED = "EVENT_PROCESSOR_STACK_STARTED_MS";
    /** Which Java the stack's JVM runs and how it compiles ({@link StackAotCache.Plan#description}). */
    public static final String JVM = "EVENT_PROCESSOR_STACK_JVM";

    private final Path home;

    public StackState(Path home) {
        this.home = home;
    }

    public Path home() {
        return home;
    }

    public Path envFile() {
        return home.resolve(ENV_FILE);
    }

    public Path logFile() {
        return home.resolve(LOG_FILE);
    }

    /** Written last, atomically and private to its owner, when the stack is ready; {@code extra} adds lines after the settings. */
    public void write(Settings settings, ProcessHandle process, Map<String, String> extra) throws IOException {
        StringBuilder text = new StringBuilder("# Event Processor local stack: source this file to attach psql, Kafka tools or our commands.\n");
        settings.toEnv().forEach((k, v) -> text.append(k).append('=').append(shellQuote(v)).append('\n'));
        text.append(PID).append('=').append(process.pid()).append('\n');
        Optional<Long> sinceBoot = startedSinceBootMillis(process);
        if (sinceBoot.isPresent()) text.append(STARTED_SINCE_BOOT).append('=').append(sinceBoot.get()).append('\n');
        else startedMillis(process).ifPresent(ms -> text.append(STARTED).append('=').append(ms).append('\n'));
        extra.forEach((k, v) -> text.append(k).append('=').append(shellQuote(v)).append('\n'));
        PrivateFiles.write(envFile(), text.toString());
    }

    public void write(Settings settings, ProcessHandle process) throws IOException {
        write(settings, process, Map.of());
    }

    private static Optional<Long> startedMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }

    /** Field 22 of /proc/PID/stat (start time, clock ticks since boot), in milliseconds; empty where it cannot be read. */
    static Optional<Long> startedSinceBootMillis(ProcessHandle process) {
        try {
            return ProcStat.fields(process.pid()).map(f -> Long.parseLong(f[19]) * 1000 / ProcStat.TICKS_PER_SECOND);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public void clear() throws IOException {
        Files.deleteIfExists(envFile());
    }

    /**
     * The running stack's settings and process; empty when none is up. A file left by a dead process counts as none, and
     * so does one whose pid now belongs to a process that started at another time (the number was reused).
     */
    public Optional<Running> running() {
        Map<String, String> env = read();
        if (env.isEmpty() || !env.containsKey(PID)) return Optional.empty();
        long pid;
        try {
            pid = Long.parseLong(env.get(PID).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(StackState::alive);
        if (process.isEmpty() || !sameStart(process.get(), env)) return Optional.empty();
        return Optional.of(new Running(process.get(), Settings.fromEnv(env), env));
    }

    /** Alive and not a zombie (killed, not yet reaped: {@link ProcessHandle#isAlive} still says yes then). */
    static boolean alive(ProcessHandle p) {
        if (!p.isAlive()) return false;
        return ProcStat.fields(p.pid()).map(f -> !f[0].equals("Z")).orElseGet(p::isAlive); // not Linux, or gone meanwhile
    }

    /** True when the process started when stack.env says (a file that says nothing, from an older version, is trusted). */
    static boolean sameStart(ProcessHandle process, Map<String, String> env) {
        String sinceBoot = env.get(STARTED_SINCE_BOOT);
        Optional<Long> startedSinceBoot = startedSinceBootMillis(process);
        if (sinceBoot != null && startedSinceBoot.isPresent()) {
            try {
                return Long.parseLong(sinceBoot.trim()) == startedSinceBoot.get();
            } catch (NumberFormatException e) {
                return false;
            }
        }
        String recordedMillis = env.get(STARTED);
        if (recordedMillis == null) return true;
        Optional<Long> started = startedMillis(process);
        if (started.isEmpty()) return true; // not Linux: nothing to compare with
        try {
            // The kernel counts a process's start in clock ticks (10 ms); allow one tick of rounding.
            return Math.abs(started.get() - Long.parseLong(recordedMillis.trim())) <= 10;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The ports of a stack that ended without {@code stack down} (killed, crashed, the machine rebooted): its stack.env
     * is still here and names no running stack. Empty when the file is gone or names a running one.
     */
    public Optional<PortsLeft> portsLeft() {
        Map<String, String> env = read();
        if (env.isEmpty() || running().isPresent()) return Optional.empty();
        try {
            Settings s = Settings.fromEnv(env);
            PortsLeft ports = new PortsLeft(s.postgresPort(), Ports.of(s.kafkaBootstrapServers()), URI.create(s.mongoUri()).getPort());
            return ports.postgres() > 0 && ports.kafka() > 0 && ports.mongo() > 0 ? Optional.of(ports) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // not a file this version can read: start as if there were none
        }
    }

    /** The ports a stack listened on. */
    public record PortsLeft(int postgres, int kafka, int mongo) {}

    /** A stack that is up: its process, its settings, and every line of its stack.env. */
    public record Running(ProcessHandle process, Settings settings, Map<String, String> env) {
        public long pid() {
            return process.pid();
        }

        /** Which Java the stack's JVM runs and how it compiles; empty for a stack started in a command's own process. */
        public String jvm() {
            return env.getOrDefault(JVM, "");
        }
    }

    Map<String, String> read() {
        Map<String, String> env = new LinkedHashMap<>();
        if (!Files.exists(envFile())) return env;
        try {
            for (String line : Files.readAllLines(envFile(), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (line.startsWith("#") || eq < 1) continue;
                env.put(line.substring(0, eq).trim(), shellUnquote(line.substring(eq + 1).trim()));
            }
        } catch (IOException e) {
            return Map.of();
        }
        return env;
    }

    static String shellQuote(String v) {
        return v.matches("[A-Za-z0-9_./:@,+-]*") ? v : "'" + v.replace("'", "'\\''") + "'";
    }

    static String shellUnquote(String v) {
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) return v.substring(1, v.length() - 1).replace("'\\''", "'");
        return v;
    }
}
