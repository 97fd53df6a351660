package io.eventprocessor.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStateTest {
    private static final Settings SETTINGS = new Settings("127.0.0.1", 5432, "activity_db", "postgres", "s3cret'pw",
            "127.0.0.1:9092", "mongodb://127.0.0.1:27017", "activity_read", Optional.empty());

    @Test
    void theFileIsReadableByItsOwnerOnlyAndNamesTheRunningProcess(@TempDir Path home) throws Exception {
        StackState state = new StackState(home);
        state.write(SETTINGS, ProcessHandle.current(), Map.of("EXTRA", "x y"));

        assertThat(Files.getPosixFilePermissions(state.envFile()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Optional<StackState.Running> running = state.running();
        assertThat(running).isPresent();
        assertThat(running.get().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(running.get().settings().postgresPassword()).isEqualTo("s3cret'pw");
        assertThat(running.get().env()).containsEntry("EXTRA", "x y");
    }

    @Test
    void aPidThatNowBelongsToAProcessStartedAtAnotherTimeIsNotTheStack(@TempDir Path home) throws Exception {
        StackState state = new StackState(home);
        state.write(SETTINGS, ProcessHandle.current());
        List<String> lines = Files.readAllLines(state.envFile());
        // The same pid, recorded as having started a minute earlier: the number was reused by another process.
        List<String> reused = lines.stream().map(l -> shifted(l, StackState.STARTED_SINCE_BOOT, -60_000))
                .map(l -> shifted(l, StackState.STARTED, -60_000)).toList();
        assertThat(reused).isNotEqualTo(lines);
        Files.write(state.envFile(), reused);

        assertThat(state.running()).isEmpty();
    }

    @Test
    void theStartIsCountedFromBootSoThatAWallClockAdjustedMeanwhileDoesNotEndTheStack(@TempDir Path home) throws Exception {
        StackState state = new StackState(home);
        state.write(SETTINGS, ProcessHandle.current());
        List<String> lines = Files.readAllLines(state.envFile());
        org.junit.jupiter.api.Assumptions.assumeTrue(lines.stream().anyMatch(l -> l.startsWith(StackState.STARTED_SINCE_BOOT + "=")),
                "Linux: the start since boot is readable");
        assertThat(lines).noneMatch(l -> l.startsWith(StackState.STARTED + "="));
        assertThat(state.running()).isPresent();
    }

    @Test
    void aFileFromAnOlderVersionStillNamesItsStackByTheEpochInstant(@TempDir Path home) throws Exception {
        StackState state = new StackState(home);
        state.write(SETTINGS, ProcessHandle.current());
        long epochMillis = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
        List<String> older = Files.readAllLines(state.envFile()).stream()
                .filter(l -> !l.startsWith(StackState.STARTED_SINCE_BOOT + "=") && !l.startsWith(StackState.STARTED + "=")).collect(
                        java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        older.add(StackState.STARTED + "=" + epochMillis);
        Files.write(state.envFile(), older);
        assertThat(state.running()).isPresent();

        older.set(older.size() - 1, StackState.STARTED + "=" + (epochMillis - 60_000));
        Files.write(state.envFile(), older);
        assertThat(state.running()).isEmpty();
    }

    private static String shifted(String line, String key, long byMillis) {
        return line.startsWith(key + "=") ? key + "=" + (Long.parseLong(line.substring(line.indexOf('=') + 1)) + byMillis) : line;
    }

    @Test
    void aFileLeftByADeadProcessIsNotAStack(@TempDir Path home) throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        StackState state = new StackState(home);
        state.write(SETTINGS, dead.toHandle());
        assertThat(state.running()).isEmpty();
    }

    @Test
    void aStackThatEndedWithoutStackDownLeavesItsPortsForTheNextOne(@TempDir Path home) throws Exception {
        StackState state = new StackState(home);
        assertThat(state.portsLeft()).isEmpty();

        Settings ended = new Settings("127.0.0.1", 41001, "activity_db", "postgres", "pw", "127.0.0.1:41002",
                "mongodb://127.0.0.1:41003", "activity_read", Optional.empty());
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        state.write(ended, dead.toHandle());
        assertThat(state.portsLeft()).contains(new StackState.PortsLeft(41001, 41002, 41003));

        state.write(ended, ProcessHandle.current()); // running: nothing was left behind
        assertThat(state.portsLeft()).isEmpty();
        state.clear(); // stack down
        assertThat(state.portsLeft()).isEmpty();
    }

    @Test
    void postmasterOfAnotherDirectoryOrAnotherProgramIsNeverTaken() {
        Path dir = Path.of("/tmp/home/data/postgres");
        assertThat(PostgresOrphans.isPostmasterOf("/x/bin/postgres", List.of("-D", "/tmp/home/data/postgres", "-p", "5432"), dir)).isTrue();
        assertThat(PostgresOrphans.isPostmasterOf("/x/bin/postgres", List.of("-D", "/tmp/other/data/postgres"), dir)).isFalse();
        assertThat(PostgresOrphans.isPostmasterOf("/usr/bin/vim", List.of("-D", "/tmp/home/data/postgres"), dir)).isFalse();
        assertThat(PostgresOrphans.isPostmasterOf("/x/bin/postgres", List.of("postgres: checkpointer"), dir)).isFalse();
    }

    @Test
    void secretsAreWrittenPrivateFromTheFirstByte(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.password");
        String secret = PrivateFiles.newSecret(24);
        assertThat(secret).matches("[A-Za-z0-9_-]{32}");
        PrivateFiles.write(file, secret + "\n");
        assertThat(Files.readString(file).trim()).isEqualTo(secret);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
}
