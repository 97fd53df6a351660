package io.eventprocessor.stack;

import io.eventprocessor.config.Tuning;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The stack JVM's ahead-of-time cache (JDK 25 and later): the classes the stack loads, already parsed and linked, and
 * the method profiles of a whole session. One stack records it while it runs and writes it when it stops (the training
 * stack of {@link StackLauncher#trainIfNeeded}, before the first stack a build serves); every stack after it starts
 * from it, so the optimizing compiler (C2) compiles the hot paths from the first events instead of after minutes of
 * load, and a stack runs with both compilers rather than the quick one only.
 *
 * <p>The cache belongs to one Java and one set of jars: it is kept per key (the Java's path and version, each jar's
 * path, size and time) in {@link #directory}. One stack at a time records (a lock file holds its pid); a stack started
 * meanwhile runs as before, on this JVM's Java with the quick compiler. A recording is adopted by the next launch
 * after its stack ended, once that Java accepts it ({@code -XX:AOTMode=on}); one cut short is dropped and recorded again.
 */
public final class StackAotCache {
    /** AOT caches with method profiles and a one-step recording ({@code -XX:AOTCacheOutput}) came with JDK 25. */
    public static final int MIN_FEATURE = 25;

    /** {@code off} runs the stack as without a Java 25: this JVM's Java, the quick compiler only. */
    public static final String AOT_VARIABLE = "EVENT_PROCESSOR_STACK_AOT";
    /** A JDK 25+ for the stack's JVM, when it is not this one or installed beside it. */
    public static final String JAVA_HOME_VARIABLE = "EVENT_PROCESSOR_STACK_JAVA_HOME";
    /** Where the caches are kept; default {@code $XDG_CACHE_HOME/event-processor}, else {@code ~/.cache/event-processor}. */
    public static final String CACHE_DIR_VARIABLE = "EVENT_PROCESSOR_CACHE_DIR";

    /** In the description of a plan that records the cache: that stack writes it as it stops. */
    static final String RECORDING = "recording the AOT cache as it runs";

    /** A lock without a pid yet is a launch in progress for this long, then a launch that died before its stack started. */
    static final Duration UNCLAIMED_LOCK = Duration.ofMinutes(5);

    /**
     * Caches kept besides the one in use, at about 110 MB each: the other jar of the same build (`./event-processor`
     * runs a copy of the one `java -jar target/event-processor.jar` runs) and one more build or Java; older ones go.
     */
    static final int OTHERS_KEPT = 2;

    /**
     * How long another key's finished recording waits for its own build's next launch to adopt it (only a launch of
     * that build can check it), before it counts as a build no longer used and is deleted.
     */
    static final Duration ADOPTION_WAIT = Duration.ofDays(1);

    /** How the stack's JVM is started: its java, the options added after {@link Tuning#STACK_JVM_OPTIONS}, and why. */
    public record Plan(String java, List<String> options, String description, Optional<Path> lock) {
        /** Records the pid of the stack that records the cache, so that later launches know when it has ended. */
        public void started(long pid) throws IOException {
            if (lock.isPresent()) Files.writeString(lock.get(), Long.toString(pid), StandardCharsets.US_ASCII);
        }

        /** The launch failed before a stack started: leave the recording to the next one. */
        public void abandoned() throws IOException {
            if (lock.isPresent()) Files.deleteIfExists(lock.get());
        }

        /**
         * The recording's stack was stopped before its session ended (its command was interrupted): what it wrote goes,
         * with the JVM's temporary files beside it, and the next launch records again.
         */
        public void dropped() throws IOException {
            if (lock.isEmpty()) return;
            deleteRecording(lock.get());
            Files.deleteIfExists(lock.get());
        }
    }

    /** Whether {@code java} accepts a recorded cache for {@code classPath}. */
    @FunctionalInterface
    interface Acceptance {
        boolean accepts(String java, Path cache, List<Path> classPath);
    }

    private StackAotCache() {}

    /** The plan for a stack started now with {@code classPath} (this JVM's, made absolute). */
    public static Plan plan(Map<String, String> env, List<Path> classPath) throws IOException {
        return plan(env, classPath, directory(env), StackAotCache::accepts);
    }

    static Plan plan(Map<String, String> env, List<Path> classPath, Path directory, Acceptance acceptance) throws IOException {
        JavaRuntime.Jdk current = JavaRuntime.current();
        String quick = "Java " + current.version() + ", the quick compiler only";
        if (env.getOrDefault(AOT_VARIABLE, "").trim().equalsIgnoreCase("off")) {
            return new Plan(current.java(), List.of(), quick + " (" + AOT_VARIABLE + "=off)", Optional.empty());
        }
        Optional<JavaRuntime.Jdk> found = JavaRuntime.atLeast(MIN_FEATURE, env, JAVA_HOME_VARIABLE);
        if (found.isEmpty()) {
            return new Plan(current.java(), List.of(), quick + " (no Java " + MIN_FEATURE + "+ here for an AOT cache; "
                    + JAVA_HOME_VARIABLE + " can name one)", Optional.empty());
        }
        if (classPath.isEmpty() || !classPath.stream().allMatch(p -> Files.isRegularFile(p) && p.toString().endsWith(".jar"))) {
            return new Plan(current.java(), List.of(), quick + " (an AOT cache needs a class path of jars)", Optional.empty());
        }
        JavaRuntime.Jdk jdk = found.get();
        Files.createDirectories(directory);
        String key = key(jdk, classPath);
        Path cache = directory.resolve("stack-" + key + ".aot");
        Path lock = directory.resolve("stack-" + key + ".recording");
        Path recording = recordingOf(lock);
        String named = "Java " + jdk.version();

        if (Files.exists(lock)) {
            Optional<Long> pid = pid(lock);
            if (inProgress(lock)) {
                return new Plan(current.java(), List.of(), quick + " (another stack" + pid.map(p -> ", pid " + p).orElse("")
                        + ", is recording the AOT cache for " + named + ")", Optional.empty());
            }
            if (Files.exists(recording) && acceptance.accepts(jdk.java(), recording, classPath)) {
                Files.move(recording, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.deleteIfExists(recording);
            Files.deleteIfExists(lock);
        }
        pruneOthers(directory, key);
        if (Files.exists(cache)) {
            return new Plan(jdk.java(), with(Tuning.AOT_STACK_COMPILER, "-XX:AOTCache=" + cache),
                    named + ", both compilers, from the AOT cache recorded " + modified(cache).toInstant().truncatedTo(ChronoUnit.SECONDS), Optional.empty());
        }
        try {
            Files.createFile(lock);
        } catch (FileAlreadyExistsException e) {
            return new Plan(current.java(), List.of(), quick + " (another stack is starting to record the AOT cache)", Optional.empty());
        }
        return new Plan(jdk.java(), with(Tuning.AOT_STACK_COMPILER, "-XX:AOTCacheOutput=" + recording),
                named + ", both compilers, " + RECORDING + " (written when it stops; the stacks after it start from it)",
                Optional.of(lock));
    }

    /** {@code options}, then {@code last}. */
    private static List<String> with(List<String> options, String last) {
        List<String> all = new ArrayList<>(options);
        all.add(last);
        return List.copyOf(all);
    }

    /** Whether a stack started with this {@link Plan#description} writes the cache as it stops. */
    public static boolean records(String description) {
        return description.contains(RECORDING);
    }

    /** {@link #CACHE_DIR_VARIABLE}, else the user's cache directory. */
    public static Path directory(Map<String, String> env) {
        String named = env.getOrDefault(CACHE_DIR_VARIABLE, "").trim();
        if (!named.isEmpty()) return Path.of(named);
        String xdg = env.getOrDefault("XDG_CACHE_HOME", "").trim();
        Path base = xdg.isEmpty() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
        return base.resolve("event-processor");
    }

    /** This JVM's class path, each entry absolute. */
    public static List<Path> classPath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) entries.add(Path.of(entry).toAbsolutePath().normalize());
        }
        return entries;
    }

    static String key(JavaRuntime.Jdk jdk, List<Path> classPath) throws IOException {
        StringBuilder identity = new StringBuilder(jdk.java()).append('\n').append(jdk.version()).append('\n');
        for (Path jar : classPath) {
            identity.append(jar).append(' ').append(Files.size(jar)).append(' ')
                    .append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Deletes the caches of other keys but the newest {@link #OTHERS_KEPT}, and their recordings that ended more than
     * {@link #ADOPTION_WAIT} ago without being adopted.
     */
    private static void pruneOthers(Path directory, String key) throws IOException {
        List<Path> caches = new ArrayList<>();
        List<Path> locks = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "stack-*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith("stack-" + key + ".")) continue;
                if (name.endsWith(".aot")) caches.add(file);
                if (name.endsWith(".recording")) locks.add(file);
            }
        }
        for (Path lock : locks) {
            Path recording = recordingOf(lock);
            // The recording is written as its stack stops, the lock as it starts: the younger of the two says when it ended.
            Duration sinceEnded = Files.exists(recording) && age(recording).compareTo(age(lock)) < 0 ? age(recording) : age(lock);
            if (inProgress(lock) || sinceEnded.compareTo(ADOPTION_WAIT) < 0) continue;
            deleteRecording(lock);
            Files.deleteIfExists(lock);
        }
        keepNewest(caches, OTHERS_KEPT);
    }

    /** Deletes all of {@code files} but the {@code kept} newest: how each kind of file in {@link #directory} is pruned. */
    public static void keepNewest(List<Path> files, int kept) throws IOException {
        List<Path> newestFirst = new ArrayList<>(files);
        newestFirst.sort(Comparator.comparing(StackAotCache::modified).reversed());
        for (Path old : newestFirst.subList(Math.min(kept, newestFirst.size()), newestFirst.size())) Files.deleteIfExists(old);
    }

    /** The file a recording stack writes as it stops, beside its lock. */
    private static Path recordingOf(Path lock) {
        return lock.resolveSibling(lock.getFileName().toString().replaceFirst("\\.recording$", ".aot.part"));
    }

    /** The recording of {@code lock}, and the files the JVM writes beside it as it does. */
    private static void deleteRecording(Path lock) throws IOException {
        Path recording = recordingOf(lock);
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(recording.getParent(), recording.getFileName() + "*")) {
            for (Path part : parts) Files.deleteIfExists(part);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static Duration age(Path file) {
        return Duration.between(modified(file).toInstant(), Instant.now());
    }

    /** A recording's stack is alive, or its launch began less than {@link #UNCLAIMED_LOCK} ago. */
    private static boolean inProgress(Path lock) {
        return pid(lock).map(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))
                .orElseGet(() -> age(lock).compareTo(UNCLAIMED_LOCK) < 0);
    }

    private static Optional<Long> pid(Path lock) {
        try {
            String text = Files.readString(lock, StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code java -XX:AOTMode=on -XX:AOTCache=FILE -version} ends well: the cache maps and matches this class path. */
    private static boolean accepts(String java, Path cache, List<Path> classPath) {
        List<String> command = List.of(java, "-XX:AOTMode=on", "-XX:AOTCache=" + cache,
                "-cp", String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()), "-version");
        try {
            Process check = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!check.waitFor(30, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
