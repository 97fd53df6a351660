package io.eventprocessor.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code KEY=value} file as docker compose's {@code env_file} and a shell's {@code source} both read it: one variable
 * a line, {@code #} comments and blank lines skipped, a value in double or single quotes taken without them.
 */
public final class EnvFile {
    private EnvFile() {}

    /** The file's variables, in file order. */
    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) continue;
            int eq = text.indexOf('=');
            if (eq < 1) throw new IOException(file + ":" + number + ": not a KEY=value line: " + text);
            env.put(text.substring(0, eq).strip(), unquote(text.substring(eq + 1).strip()));
        }
        return env;
    }

    /** Without its quotes; a single-quoted value may hold a quote as {@link #shellQuote} writes it ('\''). */
    static String unquote(String value) {
        if (value.length() < 2) return value;
        if (value.startsWith("\"") && value.endsWith("\"")) return value.substring(1, value.length() - 1);
        if (value.startsWith("'") && value.endsWith("'")) return value.substring(1, value.length() - 1).replace("'\\''", "'");
        return value;
    }

    /** A value as a shell reads it back after {@code source}: plain when it can be, else in single quotes. */
    public static String shellQuote(String value) {
        return value.matches("[A-Za-z0-9_./:@,+=-]*") ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
