package io.eventprocessor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import io.eventprocessor.stack.CompilerThreads;
import io.eventprocessor.stack.Ports;
import io.eventprocessor.stack.ThreadNice;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands as a person types them: exit codes, messages, no stack traces. */
class CliIT {

    record Run(int exitCode, String out, String err) {}

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"--help"}, {"stack", "--help"}, {"stack", "up", "--help"}, {"stack", "down", "--help"},
                {"stack", "status", "--help"}, {"stack", "settle", "--help"}, {"check", "--help"},
                {"run", "--help"}, {"verify", "--help"}, {"monitor", "--help"}, {"reset", "--help"}, {"warm-up", "--help"}, {"processor", "--help"}, {"capture", "--help"}}) {
            Run r = run(Map.of(), args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).startsWith("Usage: event-processor");
        }
    }

    @Test
    void checkAgainstUnreachableServicesExitsTwoNamingEachServiceWithoutAStackTrace() {
        Map<String, String> env = Map.of(
                Settings.POSTGRES_HOST, "127.0.0.1", Settings.POSTGRES_PORT, "" + Ports.free(),
                Settings.KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:" + Ports.free(),
                Settings.MONGODB_URI, "mongodb://127.0.0.1:" + Ports.free());
        Run r = run(env, "check");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("PostgreSQL at 127.0.0.1:" + env.get(Settings.POSTGRES_PORT))
                .contains("Kafka at " + env.get(Settings.KAFKA_BOOTSTRAP_SERVERS))
                .contains("MongoDB at 127.0.0.1:")
                .doesNotContain("\tat ").doesNotContain("Exception:");
    }

    @Test
    void halfConfiguredExternalModeSaysWhichVariablesAreMissing() {
        Run r = run(Map.of(Settings.POSTGRES_HOST, "db.example"), "check");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("KAFKA_BOOTSTRAP_SERVERS").contains("MONGODB_URI").doesNotContain("\tat ");
    }

    @Test
    void captureWithoutExternalServicesExplainsWhatItIsFor() {
        Run r = run(Map.of(), "capture");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("POSTGRES_HOST").contains("already runs Debezium");
    }

    @Test
    void checkWithoutAStackOrServicesSaysHowToStartOne(@TempDir Path home) {
        Run r = run(Map.of(Settings.EVENT_PROCESSOR_HOME, home.toString()), "check");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("No pipeline to attach to").contains("stack up");
    }

    /** The stack outlives the command that started it; psql-style JDBC attaches with the written settings. */
    @Test
    void stackUpStartsABackgroundStackThatOthersAttachToAndStackDownStopsIt(@TempDir Path home) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(Settings.EVENT_PROCESSOR_HOME, home.toString()));
        try {
            Run up = run(env, "stack", "up", "--postgres-port", "0", "--kafka-port", "0", "--mongo-port", "0");
            assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
            assertThat(up.out()).contains("Local stack is up").contains("POSTGRES_PORT");

            Path envFile = home.resolve("stack.env");
            Map<String, String> written = new HashMap<>();
            for (String line : Files.readAllLines(envFile)) {
                if (!line.startsWith("#") && line.contains("=")) written.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
            assertThat(written).containsKeys(Settings.POSTGRES_HOST, Settings.POSTGRES_PORT, Settings.POSTGRES_DB, Settings.POSTGRES_USER,
                    Settings.POSTGRES_PASSWORD, Settings.KAFKA_BOOTSTRAP_SERVERS, Settings.MONGODB_URI, Settings.MONGODB_DATABASE);

            Settings attached = Settings.fromEnv(written);
            try (Connection c = DriverManager.getConnection(attached.jdbcUrl(), attached.postgresUser(), attached.postgresPassword());
                    ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + Names.OUTBOX_QUALIFIED)) {
                assertThat(rs.next()).isTrue();
            }

            Run again = run(env, "stack", "up");
            assertThat(again.out()).contains("already running");
            Run status = run(env, "stack", "status");
            assertThat(status.exitCode()).as(status.out()).isZero();
            assertThat(status.out()).contains("OK    PostgreSQL").contains("OK    Kafka").contains("OK    MongoDB");
            Run settle = run(env, "stack", "settle");
            assertThat(settle.exitCode()).as(settle.out()).isZero();
            assertThat(settle.out()).containsPattern("The stack's compilers (went quiet|were still busy) after [0-9.]+ s \\([0-9,]+ ms of compiling\\)");
            assertThat(settle.out()).contains("only the quick compiler takes new methods");
            if (ThreadNice.readable()) {
                // From now on the stack's compilers yield to the pipeline, and only they.
                assertThat(settle.out()).contains("from now on they yield to the pipeline (nice " + CompilerThreads.NICE + ")");
                long stackPid = Long.parseLong(written.get("EVENT_PROCESSOR_STACK_PID"));
                assertThat(ThreadNice.of(stackPid)).filteredOn(t -> CompilerThreads.isCompiler(t.getKey())).isNotEmpty()
                        .allSatisfy(t -> assertThat(t.getValue()).isEqualTo(CompilerThreads.NICE));
                assertThat(ThreadNice.of(stackPid)).filteredOn(t -> t.getKey().equals("event-processor")).isNotEmpty()
                        .allSatisfy(t -> assertThat(t.getValue()).isZero());
            }
        } finally {
            Run down = run(env, "stack", "down");
            assertThat(down.exitCode()).isZero();
        }
        assertThat(home.resolve("stack.env")).doesNotExist();
        // Stopped in order, PostgreSQL last: stopped with the others, it failed Debezium's last heartbeat and its stop.
        assertThat(Files.readString(home.resolve("stack.log"))).doesNotContain("57P01").doesNotContain("Stopping Debezium failed");
        assertThat(run(env, "stack", "status").exitCode()).isEqualTo(ExitCodes.FAILURE);
        Run settle = run(env, "stack", "settle");
        assertThat(settle.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(settle.out()).contains("No local stack is running").contains("stack up");
    }
}
