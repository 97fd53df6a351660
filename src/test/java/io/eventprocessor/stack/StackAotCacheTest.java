package io.eventprocessor.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventprocessor.config.Tuning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackAotCacheTest {
    @TempDir Path dir;
    Path cacheDir;
    Path jdk25;
    List<Path> jars;
    Map<String, String> env;
    final List<Path> checked = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        cacheDir = dir.resolve("cache");
        jdk25 = fakeJdk(dir.resolve("jvm/temurin-25"), "25.0.3");
        Path jar = Files.writeString(dir.resolve("app.jar"), "not really a jar");
        jars = List.of(jar);
        env = Map.of(StackAotCache.JAVA_HOME_VARIABLE, jdk25.toString());
    }

    static Path fakeJdk(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Someone\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    StackAotCache.Plan plan(boolean recordingAccepted) throws IOException {
        return StackAotCache.plan(env, jars, cacheDir, (java, cache, classPath) -> {
            assertThat(java).isEqualTo(jdk25.resolve("bin/java").toString());
            assertThat(classPath).isEqualTo(jars);
            checked.add(cache);
            return recordingAccepted;
        });
    }

    /** A stack started with {@code plan} that recorded {@code written} and ended; the recording's path. */
    static Path recordedAndStopped(StackAotCache.Plan plan, String written) throws Exception {
        Path recording = Path.of(cacheOption(plan).substring("-XX:AOTCacheOutput=".length()));
        Files.writeString(recording, written);
        plan.started(deadPid());
        return recording;
    }

    /** The plan's option naming the cache it records or starts from: its last. */
    static String cacheOption(StackAotCache.Plan plan) {
        return plan.options().get(plan.options().size() - 1);
    }

    /** The options of a stack started from {@code cache}. */
    static List<String> fromCache(Path cache) {
        List<String> options = new ArrayList<>(Tuning.AOT_STACK_COMPILER);
        options.add("-XX:AOTCache=" + cache);
        return options;
    }

    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void theFirstStackRecordsAndOnlyOneAtATime() throws Exception {
        StackAotCache.Plan first = plan(true);
        assertThat(first.java()).isEqualTo(jdk25.resolve("bin/java").toString());
        assertThat(first.options()).hasSize(Tuning.AOT_STACK_COMPILER.size() + 1).startsWith(Tuning.AOT_STACK_COMPILER.toArray(String[]::new));
        assertThat(cacheOption(first)).startsWith("-XX:AOTCacheOutput=" + cacheDir.resolve("stack-")).endsWith(".aot.part");
        assertThat(StackAotCache.records(first.description())).isTrue();
        first.started(ProcessHandle.current().pid());

        StackAotCache.Plan meanwhile = plan(true);
        assertThat(meanwhile.java()).isEqualTo(JavaRuntime.current().java());
        assertThat(meanwhile.options()).isEmpty();
        assertThat(meanwhile.description()).contains("pid " + ProcessHandle.current().pid()).contains("is recording");
        assertThat(StackAotCache.records(meanwhile.description())).isFalse();
        assertThat(checked).isEmpty();
    }

    @Test
    void aFinishedRecordingIsCheckedThenUsedByEveryStackAfterIt() throws Exception {
        Path recording = recordedAndStopped(plan(true), "the JVM wrote this as it stopped");

        StackAotCache.Plan next = plan(true);
        Path cache = Path.of(recording.toString().replaceFirst("\\.part$", ""));
        assertThat(checked).containsExactly(recording);
        assertThat(next.java()).isEqualTo(jdk25.resolve("bin/java").toString());
        assertThat(next.options()).isEqualTo(fromCache(cache));
        assertThat(Files.readString(cache)).isEqualTo("the JVM wrote this as it stopped");
        assertThat(recording).doesNotExist();
        assertThat(StackAotCache.records(next.description())).isFalse();

        assertThat(plan(true).options()).isEqualTo(fromCache(cache));
        assertThat(checked).hasSize(1);
    }

    @Test
    void aRecordingTheJavaRefusesOrThatWasNeverWrittenIsRecordedAgain() throws Exception {
        Path recording = recordedAndStopped(plan(false), "cut short");

        StackAotCache.Plan second = plan(false);
        assertThat(checked).containsExactly(recording);
        assertThat(cacheOption(second)).isEqualTo("-XX:AOTCacheOutput=" + recording);
        assertThat(recording).doesNotExist();
        second.started(deadPid()); // killed outright: nothing written

        assertThat(cacheOption(plan(true))).isEqualTo("-XX:AOTCacheOutput=" + recording);
        assertThat(checked).hasSize(1);
    }

    @Test
    void aLaunchThatNeverStartedItsStackLeavesTheRecordingToTheNext() throws Exception {
        StackAotCache.Plan first = plan(true);
        assertThat(plan(true).options()).as("a launch in progress").isEmpty();
        first.abandoned();
        assertThat(cacheOption(plan(true))).startsWith("-XX:AOTCacheOutput=");
    }

    @Test
    void aRecordingDroppedGoesWithTheJvmsFilesBesideItAndIsRecordedAgain() throws Exception {
        StackAotCache.Plan first = plan(true);
        Path recording = recordedAndStopped(first, "written by a stack stopped halfway");
        Path config = Files.writeString(Path.of(recording + ".config"), "the JVM's temporary file");
        Path cacheOfAnotherBuild = Files.writeString(cacheDir.resolve("stack-0000000000000001.aot"), "kept");

        first.dropped();

        assertThat(recording).doesNotExist();
        assertThat(config).doesNotExist();
        assertThat(cacheOfAnotherBuild).exists();
        try (var files = Files.list(cacheDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".recording"));
        }
        assertThat(cacheOption(plan(true))).isEqualTo("-XX:AOTCacheOutput=" + recording);
        assertThat(checked).as("nothing left to check").isEmpty();
    }

    @Test
    void aLockLeftWithoutAPidCountsAsALaunchInProgressOnlyForAWhile() throws Exception {
        plan(true);
        Path lock;
        try (var files = Files.list(cacheDir)) {
            lock = files.filter(f -> f.toString().endsWith(".recording")).findFirst().orElseThrow();
        }
        assertThat(plan(true).options()).isEmpty();
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(StackAotCache.UNCLAIMED_LOCK).minusSeconds(1)));
        assertThat(cacheOption(plan(true))).startsWith("-XX:AOTCacheOutput=");
    }

    @Test
    void anotherBuildGetsItsOwnCacheAndOnlyTheNewestOthersAreKept() throws Exception {
        Files.createDirectories(cacheDir);
        Path oldest = Files.writeString(cacheDir.resolve("stack-0000000000000001.aot"), "oldest");
        Files.setLastModifiedTime(oldest, FileTime.from(Instant.now().minusSeconds(7200)));
        Path older = Files.writeString(cacheDir.resolve("stack-0000000000000005.aot"), "older");
        Files.setLastModifiedTime(older, FileTime.from(Instant.now().minusSeconds(3600)));
        Path newer = Files.writeString(cacheDir.resolve("stack-0000000000000002.aot"), "newer");
        Path abandonedLock = Files.writeString(cacheDir.resolve("stack-0000000000000003.recording"), Long.toString(deadPid()));
        Files.setLastModifiedTime(abandonedLock, FileTime.from(Instant.now().minus(StackAotCache.ADOPTION_WAIT).minusSeconds(1)));
        Path abandoned = Files.writeString(cacheDir.resolve("stack-0000000000000003.aot.part"), "never adopted");
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(StackAotCache.ADOPTION_WAIT).minusSeconds(1)));
        Path liveLock = Files.writeString(cacheDir.resolve("stack-0000000000000004.recording"), Long.toString(ProcessHandle.current().pid()));
        Path live = Files.writeString(cacheDir.resolve("stack-0000000000000004.aot.part"), "still recording");
        Path endedLock = Files.writeString(cacheDir.resolve("stack-0000000000000006.recording"), Long.toString(deadPid()));
        Files.setLastModifiedTime(endedLock, FileTime.from(Instant.now().minus(StackAotCache.ADOPTION_WAIT).minusSeconds(1)));
        Path ended = Files.writeString(cacheDir.resolve("stack-0000000000000006.aot.part"), "a long session's, for that build's next launch");
        String before = cacheOption(plan(true));

        Files.writeString(jars.get(0), "rebuilt, another size");
        env = Map.of(StackAotCache.JAVA_HOME_VARIABLE, jdk25.toString());
        String after = cacheOption(plan(true));
        assertThat(after).as("a new key for the new jar").isNotEqualTo(before).startsWith("-XX:AOTCacheOutput=");
        assertThat(oldest).doesNotExist();
        assertThat(List.of(older, newer)).allSatisfy(cache -> assertThat(cache).exists());
        assertThat(abandoned).doesNotExist();
        assertThat(abandonedLock).doesNotExist();
        assertThat(List.of(live, liveLock, ended, endedLock)).allSatisfy(file -> assertThat(file).exists());
    }

    @Test
    void withoutAJava25OrJarsOrWhenTurnedOffTheStackRunsAsBefore() throws Exception {
        String quick = JavaRuntime.current().java();
        env = Map.of(StackAotCache.JAVA_HOME_VARIABLE, fakeJdk(dir.resolve("jvm/old"), "21.0.2").toString());
        assertThat(plan(true)).satisfies(p -> {
            assertThat(p.java()).isEqualTo(quick);
            assertThat(p.options()).isEmpty();
            assertThat(p.description()).contains("no Java 25+");
        });
        env = Map.of(StackAotCache.JAVA_HOME_VARIABLE, jdk25.toString(), StackAotCache.AOT_VARIABLE, "off");
        assertThat(plan(true).options()).isEmpty();
        env = Map.of(StackAotCache.JAVA_HOME_VARIABLE, jdk25.toString());
        jars = List.of(jars.get(0), Files.createDirectories(dir.resolve("classes")));
        assertThat(plan(true)).satisfies(p -> {
            assertThat(p.java()).isEqualTo(quick);
            assertThat(p.description()).contains("class path of jars");
        });
        assertThat(cacheDir).doesNotExist();
    }

    @Test
    void aNamedJavaThatIsNotOneIsAnError() {
        env = Map.of(StackAotCache.JAVA_HOME_VARIABLE, dir.resolve("nothing-here").toString());
        assertThatThrownBy(() -> plan(true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(StackAotCache.JAVA_HOME_VARIABLE).hasMessageContaining("not a Java installation");
    }

    @Test
    void thisJavaIsTheSameInstallationWhicheverJvmFindsIt() throws IOException {
        // A JVM on Java 17 finds a Java 25 by its release file; the Java 25 finds itself: both must name it alike, or
        // each would record a cache of its own for the same installation.
        Path release = Path.of(System.getProperty("java.home"), "release");
        JavaRuntime.Jdk current = JavaRuntime.current();
        if (Files.isRegularFile(release)) {
            assertThat(Files.readString(release)).contains("JAVA_VERSION=\"" + current.version() + "\"");
        }
        assertThat(current.feature()).isEqualTo(Runtime.version().feature());
    }

    @Test
    void theNewestJavaBesideThisOneIsFound() throws Exception {
        Path jvms = dir.resolve("jvm");
        fakeJdk(jvms.resolve("temurin-26"), "26.0.1");
        fakeJdk(jvms.resolve("old"), "21.0.2");
        Files.createDirectories(jvms.resolve("not-a-jdk"));
        assertThat(JavaRuntime.besides(jvms.resolve("old")).map(JavaRuntime.Jdk::version))
                .containsExactlyInAnyOrder("25.0.3", "26.0.1", "21.0.2");
        assertThat(JavaRuntime.at(jvms.resolve("temurin-26")).orElseThrow().feature()).isEqualTo(26);
        assertThat(JavaRuntime.atLeast(25, Map.of(StackAotCache.JAVA_HOME_VARIABLE, jvms.resolve("old").toString()),
                StackAotCache.JAVA_HOME_VARIABLE)).isEmpty();
    }
}
