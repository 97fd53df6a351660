package io.eventprocessor.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeMap;

/** A properties file a person can read: a comment, then the keys in order, escaped as {@link Properties#load} expects. */
final class PropertiesFile {
    private PropertiesFile() {}

    static void write(Path file, String comment, Properties properties) throws IOException {
        StringBuilder text = new StringBuilder("# ").append(comment).append('\n');
        new TreeMap<>(properties).forEach((k, v) -> text.append(escape(k.toString(), true)).append('=').append(escape(v.toString(), false)).append('\n'));
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
    }

    private static String escape(String s, boolean key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '=', ':', '#', '!' -> out.append(key ? "\\" + c : String.valueOf(c));
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                default -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
