package io.eventprocessor.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Java a child JVM (the background stack, the benchmark, a cluster part) runs on. */
public final class JavaRuntime {
    private JavaRuntime() {}

    /** A Java installation: its home, its {@code bin/java}, and the version its {@code release} file states. */
    public record Jdk(Path home, String java, String version) {
        /** The feature release: 25 for "25.0.3". */
        public int feature() {
            return Runtime.Version.parse(version).feature();
        }
    }

    /**
     * {@code java.home/bin/java}: the JDK this runs on, or the runtime of the packaged application, whose launcher
     * ({@code bin/event-processor}, a jpackage launcher in the .deb) is not a java command. This process's own command
     * only where the runtime has no java.
     */
    public static String executable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * This process's runtime, as a {@link Jdk}: read from its home like any other, so that the same installation is the
     * same {@link Jdk} whichever JVM found it; from this JVM's own figures where the home has no release file.
     */
    public static Jdk current() {
        Path home = Path.of(System.getProperty("java.home"));
        return at(home).orElseGet(() -> new Jdk(home, executable(), Runtime.version().toString()));
    }

    /**
     * A Java of at least {@code feature}: the one {@code homeVariable} names in {@code env} (an error when it is not
     * one), else this process's own, else the newest installed beside it (the other directories of its home's parent,
     * such as {@code /usr/lib/jvm}).
     */
    public static Optional<Jdk> atLeast(int feature, Map<String, String> env, String homeVariable) {
        String named = env.getOrDefault(homeVariable, "").trim();
        if (!named.isEmpty()) {
            Jdk jdk = at(Path.of(named)).orElseThrow(() -> new IllegalArgumentException(homeVariable + "=" + named
                    + " is not a Java installation (no bin/java and release file there); point it at a JDK's home, or unset it."));
            return jdk.feature() >= feature ? Optional.of(jdk) : Optional.empty();
        }
        Jdk current = current();
        if (current.feature() >= feature) return Optional.of(current);
        return besides(current.home()).filter(jdk -> jdk.feature() >= feature)
                .max(Comparator.comparing(jdk -> Runtime.Version.parse(jdk.version())));
    }

    /** The installations in the directories beside {@code home}, in no order. */
    static Stream<Jdk> besides(Path home) {
        Path parent = home.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) return Stream.empty();
        try (Stream<Path> dirs = Files.list(parent)) {
            List<Path> all = dirs.filter(Files::isDirectory).toList();
            return all.stream().map(JavaRuntime::at).flatMap(Optional::stream);
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");

    /** The installation at {@code home}, when it has an executable {@code bin/java} and a readable version. */
    static Optional<Jdk> at(Path home) {
        Path java = home.resolve("bin").resolve("java");
        Path release = home.resolve("release");
        if (!Files.isExecutable(java) || !Files.isRegularFile(release)) return Optional.empty();
        try {
            Matcher m = JAVA_VERSION.matcher(Files.readString(release));
            if (!m.find()) return Optional.empty();
            Runtime.Version.parse(m.group(1));
            return Optional.of(new Jdk(home.toAbsolutePath().normalize(), java.toAbsolutePath().normalize().toString(), m.group(1)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
