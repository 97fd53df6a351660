package io.eventprocessor.cli;

import io.eventprocessor.contract.Messages;
import io.eventprocessor.stack.StackAotCache;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * The class-data archive (Java's dynamic CDS archive) of a dashboard session: every class the session loaded, already
 * parsed and verified, which later JVMs of the same build and Java map from the file instead of loading each from its
 * jar. The launcher ({@code event-processor}) keeps one per build and Java; when none exists yet it starts a dashboard
 * with {@code -XX:+RecordDynamicDumpInfo} and names the file in {@link #PROPERTY}, and the dashboard writes it as its
 * window closes, when the session's classes are all loaded (57 MB in 3.5 s here, once per build).
 */
final class ClassDataArchive {
    /** The archive to write, set by the launcher. */
    static final String PROPERTY = "event-processor.class-data";
    /** Archives kept in the launcher's directory, the newest first: this build's and two more builds or Javas. */
    static final int KEPT = 3;
    private static final String SUFFIX = ".jsa";
    /** A recording's file until it is complete: the archive's name, the recording JVM's pid, {@code .part}. */
    private static final Pattern PART = Pattern.compile("classes-.*\\" + SUFFIX + "\\.(\\d+)\\.part");

    private ClassDataArchive() {}

    /** The archive this JVM is to write, if its launcher asked for one. */
    static Optional<Path> asked() {
        String target = System.getProperty(PROPERTY, "");
        return target.isBlank() ? Optional.empty() : Optional.of(Path.of(target).toAbsolutePath());
    }

    /**
     * Writes the archive the launcher asked for, if it did, beside it first and then in its place, so that no launch
     * maps a file half written; removes the oldest beyond {@link #KEPT}. Says on {@code out} what it did, and why not
     * when it could not (the dashboard's session is unaffected either way).
     */
    static void recordIfAsked(PrintWriter out) {
        Optional<Path> asked = asked();
        if (asked.isEmpty()) return;
        Path file = asked.get();
        Path part = partOf(file, ProcessHandle.current().pid());
        long start = System.nanoTime();
        try {
            Files.createDirectories(file.getParent());
            Object said = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "vmCds", new Object[] {new String[] {"dynamic_dump", part.toString()}}, new String[] {String[].class.getName()});
            if (!Files.isRegularFile(part) || Files.size(part) == 0) {
                throw new IOException("the JVM wrote nothing: " + String.valueOf(said).strip());
            }
            long bytes = Files.size(part);
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            prune(file.getParent());
            out.printf(Locale.ROOT, "Recorded this session's classes for the next launches (%d MB in %.1f s): %s%n",
                    bytes >> 20, (System.nanoTime() - start) / 1e9, file);
        } catch (Exception e) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // the next recording writes a part file of its own
            }
            out.println("This session's classes were not recorded for the next launches (" + Messages.describe(e)
                    + "); they load from the jars as before. EVENT_PROCESSOR_CLASS_DATA=off stops asking.");
        }
        out.flush();
    }

    /** Where a recording by the JVM {@code pid} writes {@code archive} until it is complete. */
    static Path partOf(Path archive, long pid) {
        return archive.resolveSibling(archive.getFileName() + "." + pid + ".part");
    }

    /**
     * Keeps the {@link #KEPT} newest archives in {@code directory}, and removes what a recording whose JVM is gone left
     * half written.
     */
    static void prune(Path directory) throws IOException {
        List<Path> archives = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "classes-*" + SUFFIX + "*")) {
            for (Path file : files) {
                Matcher part = PART.matcher(file.getFileName().toString());
                if (part.matches()) {
                    if (ProcessHandle.of(Long.parseLong(part.group(1))).isEmpty()) Files.deleteIfExists(file);
                } else if (file.getFileName().toString().endsWith(SUFFIX)) {
                    archives.add(file);
                }
            }
        }
        StackAotCache.keepNewest(archives, KEPT);
    }
}
