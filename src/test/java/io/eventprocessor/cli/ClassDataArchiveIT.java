package io.eventprocessor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive on the packaged jar (a class path of jars, as CDS needs; run after {@code package}): a JVM
 * records what it loaded, a later JVM of the same build maps those classes from it, and the launcher uses an archive it
 * finds, asks a dashboard for one when there is none, and starts as before when the archive is damaged or turned off.
 */
class ClassDataArchiveIT {
    static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path JAR = REPO.resolve("target/event-processor.jar");
    static final Path RUN_JAR = REPO.resolve("target/event-processor-run.jar");
    static final String MAIN_FROM_ARCHIVE = "io.eventprocessor.cli.Main source: shared objects file (top)";

    @TempDir Path dir;

    record Result(int exitCode, String out) {}

    @BeforeEach
    void packaged() {
        assumeTrue(Files.isRegularFile(JAR), "needs the packaged jar (mvn package)");
    }

    @Test
    void aRecordedSessionsClassesAreMappedByTheNextJvm() throws Exception {
        Path recorder = recorderJar();
        String classPath = recorder + ":" + JAR;
        Path archive = dir.resolve("cache/classes-test.jsa");

        Result recorded = java(List.of("-XX:+RecordDynamicDumpInfo", "-Xlog:cds*=off", "-D" + ClassDataArchive.PROPERTY + "=" + archive,
                "-cp", classPath, ClassDataRecording.class.getName(), "record"), Map.of());
        assertThat(recorded.exitCode()).as(recorded.out()).isZero();
        assertThat(recorded.out()).contains("10 events").contains("Recorded this session's classes").contains(archive.toString());
        assertThat(archive).isRegularFile();
        try (Stream<Path> files = Files.list(archive.getParent())) {
            assertThat(files).as("no part file left").containsExactly(archive);
        }

        Result mapped = java(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:class+load", "-cp", classPath,
                ClassDataRecording.class.getName()), Map.of());
        assertThat(mapped.exitCode()).as(mapped.out()).isZero();
        assertThat(mapped.out()).contains("io.eventprocessor.loadgen.EventGenerator source: shared objects file (top)")
                .contains("net.datafaker.Faker source: shared objects file (top)");
    }

    @Test
    void aJvmNotAskedToRecordWritesNothing() throws Exception {
        Result plain = java(List.of("-XX:+RecordDynamicDumpInfo", "-cp", recorderJar() + ":" + JAR, ClassDataRecording.class.getName(), "record"),
                Map.of());
        assertThat(plain.exitCode()).as(plain.out()).isZero();
        assertThat(plain.out()).doesNotContain("Recorded").doesNotContain("not recorded");
    }

    @Test
    void aJvmThatCannotRecordSaysSoAndEndsAsItWould() throws Exception {
        // Without -XX:+RecordDynamicDumpInfo the JVM refuses the dump.
        Path archive = dir.resolve("cache/classes-refused.jsa");
        Result refused = java(List.of("-Xlog:cds*=off", "-D" + ClassDataArchive.PROPERTY + "=" + archive, "-cp", recorderJar() + ":" + JAR,
                ClassDataRecording.class.getName(), "record"), Map.of());
        assertThat(refused.exitCode()).as(refused.out()).isZero();
        assertThat(refused.out()).contains("were not recorded").contains("EVENT_PROCESSOR_CLASS_DATA=off");
        try (Stream<Path> files = Files.list(archive.getParent())) {
            assertThat(files).as("nothing left behind").isEmpty();
        }
    }

    @Test
    void theLauncherMapsTheArchiveOfItsBuildAndStartsAsBeforeWithoutOne() throws Exception {
        Map<String, String> env = Map.of("EVENT_PROCESSOR_CACHE_DIR", dir.resolve("cache").toString());

        // No archive: a dashboard is asked to record one, under the launcher's name for this build and Java.
        Result asking = launcher(List.of("dashboard", "--help"), Map.of("EVENT_PROCESSOR_JAVA_OPTS", "-XshowSettings:properties"), env);
        assertThat(asking.exitCode()).as(asking.out()).isZero();
        String property = asking.out().lines().filter(l -> l.contains(ClassDataArchive.PROPERTY + " = ")).findFirst().orElseThrow();
        Path archive = Path.of(property.substring(property.indexOf(" = ") + 3).trim());
        assertThat(archive.getParent()).isEqualTo(dir.resolve("cache"));
        assertThat(archive.getFileName().toString()).matches("classes-[0-9a-f]{16}\\.jsa");
        Result other = launcher(List.of("--version"), Map.of("EVENT_PROCESSOR_JAVA_OPTS", "-XshowSettings:properties"), env);
        assertThat(other.out()).as("only a dashboard records").doesNotContain(ClassDataArchive.PROPERTY);

        // An archive of this build's class path on the launcher's Java, as a dashboard session leaves it: every command maps it.
        Files.createDirectories(archive.getParent());
        Result dumped = run(List.of("java", "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off", "-jar", RUN_JAR.toString(), "--version"), Map.of());
        assertThat(dumped.exitCode()).as(dumped.out()).isZero();
        Result mapped = launcher(List.of("--version"), Map.of("EVENT_PROCESSOR_JAVA_OPTS", "-Xlog:class+load"), env);
        assertThat(mapped.exitCode()).as(mapped.out()).isZero();
        assertThat(mapped.out()).contains(MAIN_FROM_ARCHIVE).contains("event-processor ");
        Result asked = launcher(List.of("dashboard", "--help"), Map.of("EVENT_PROCESSOR_JAVA_OPTS", "-XshowSettings:properties"), env);
        assertThat(asked.out()).as("with an archive, no dashboard records").doesNotContain(ClassDataArchive.PROPERTY);

        Result off = launcher(List.of("--version"), Map.of("EVENT_PROCESSOR_JAVA_OPTS", "-Xlog:class+load", "EVENT_PROCESSOR_CLASS_DATA", "off"), env);
        assertThat(off.exitCode()).as(off.out()).isZero();
        assertThat(off.out()).doesNotContain(MAIN_FROM_ARCHIVE).contains("io.eventprocessor.cli.Main source: file:");

        // A damaged archive: the JVM leaves it aside, quietly, and loads from the jars.
        archive.toFile().setWritable(true);
        Files.write(archive, new byte[4096]);
        Result damaged = launcher(List.of("--version"), Map.of(), env);
        assertThat(damaged.exitCode()).as(damaged.out()).isZero();
        assertThat(damaged.out()).startsWith("event-processor ").doesNotContain("warning").doesNotContain("archive");
    }

    @Test
    void pruningKeepsTheNewestArchivesAndRemovesPartsOfJvmsThatAreGone() throws Exception {
        List<Path> archives = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path archive = dir.resolve("classes-" + i + ".jsa");
            Files.writeString(archive, "x");
            Files.setLastModifiedTime(archive, FileTime.fromMillis(1_000_000L * (i + 1)));
            archives.add(archive);
        }
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path orphan = ClassDataArchive.partOf(dir.resolve("classes-9.jsa"), gone.pid());
        Path live = ClassDataArchive.partOf(dir.resolve("classes-8.jsa"), ProcessHandle.current().pid());
        Path stranger = dir.resolve("stack-abc.aot");
        for (Path p : List.of(orphan, live, stranger)) Files.writeString(p, "x");

        ClassDataArchive.prune(dir);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(archives.get(4), archives.get(3), archives.get(2), live, stranger);
        }
    }

    private Path recorderJar() throws IOException {
        Path jar = dir.resolve("recorder.jar");
        if (Files.exists(jar)) return jar;
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        String entry = ClassDataRecording.class.getName().replace('.', '/') + ".class";
        Path compiled = REPO.resolve("target/test-classes").resolve(entry);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(compiled));
            out.closeEntry();
        }
        return jar;
    }

    private Result java(List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        return run(command, env);
    }

    @SafeVarargs
    private Result launcher(List<String> args, Map<String, String>... envs) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", REPO.resolve("event-processor").toString()));
        command.addAll(args);
        Map<String, String> env = new HashMap<>();
        for (Map<String, String> e : envs) env.putAll(e);
        return run(command, env);
    }

    private Result run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
