package io.eventprocessor.stack;

import io.eventprocessor.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a running local stack leaves in its state directory: {@code stack.env} (its connection settings as
 * shell-sourceable {@code KEY=value} lines with the external-mode variable names, plus its pid), and
 * {@code stack.log}. The file exists only while the stack is up.
 */
public final class StackState {
    public static final String ENV_FILE = "stack.env";
    public static final String LOG_FILE = "stack.log";
    static final String PID = "EVENT_PROCESSOR_STACK_PID";

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

    /** Written last, atomically, when the stack is ready. */
    public void write(Settings settings, long pid) throws IOException {
        Files.createDirectories(home);
        StringBuilder text = new StringBuilder("# Event Processor local stack: source this file to attach psql, Kafka tools or our commands.\n");
        settings.toEnv().forEach((k, v) -> text.append(k).append('=').append(shellQuote(v)).append('\n'));
        text.append(PID).append('=').append(pid).append('\n');
        Path tmp = home.resolve(ENV_FILE + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, envFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public void clear() throws IOException {
        Files.deleteIfExists(envFile());
    }

    /** The running stack's settings and pid; empty when none is up (a file left by a dead process counts as none). */
    public Optional<Running> running() {
        Map<String, String> env = read();
        if (env.isEmpty() || !env.containsKey(PID)) return Optional.empty();
        long pid = Long.parseLong(env.get(PID));
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return Optional.of(new Running(pid, Settings.fromEnv(env)));
        }
        return Optional.empty();
    }

    public record Running(long pid, Settings settings) {}

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
