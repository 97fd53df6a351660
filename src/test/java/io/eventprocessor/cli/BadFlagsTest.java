package io.eventprocessor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Every bad flag or environment value ends the command at once with exit code 2 and a message that says what to type,
 * before any stack is started (there is none here: a command that started one would not finish this quickly, nor with 2).
 */
class BadFlagsTest {
    @TempDir
    Path home;

    private String[] run(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("EVENT_PROCESSOR_HOME", home.toString());
        CommandLine cli = Main.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new String[] {Integer.toString(code), out + "" + err};
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "run --timeout -5                       | --timeout must be at least 1 (e.g. --timeout 120)",
        "run --rate 0                           | --rate must be a number above 0 (e.g. --rate 200)",
        "run --rate -3                          | --rate must be a number above 0",
        "run --batch-size 0                     | --batch-size must be at least 1",
        "run --delay-ms -1                      | --delay-ms must be at least 0",
        "run --events abc                       | unknown scenario 'abc'",
        "run --events 0                         | event count must be >= 1",
        "run --fault bogus@1s                   | unknown fault 'bogus': use one of processor-crash",
        "run --fault processor-crash            | has no time: write KIND@AT",
        "run --fault mongodb-pause@soon         | is not a time: use e.g. 3s",
        "monitor --duration -1                  | --duration must be at least 1",
        "verify --timeout 0                     | --timeout must be at least 1",
        "stack up --postgres-port 70000         | --postgres-port must be a port from 1 to 65535, or 0 for any free port",
        "stack up --kafka-port -1               | --kafka-port must be a port from 1 to 65535",
        "stack up --timeout -1                  | --timeout must be at least 1",
        "stack up --mongo-port abc              | Invalid value for option '--mongo-port'",
        "fault bogus                            | unknown fault 'bogus'",
        "fault mongodb-pause --seconds -3       | --seconds must be 0 or more",
        "fault poison --count 0                 | --count must be at least 1",
        "dashboard --scale 250                  | --scale must be from 100 to 200 (e.g. --scale 150); got 250",
        "cluster up --processors 33             | --processors must be from 0 to 32 (e.g. --processors 3); got 33",
        "cluster up --processors -1             | --processors must be from 0 to 32",
        "cluster up --timeout 0                 | --timeout must be at least 1 (e.g. --timeout 300)",
    })
    void aBadFlagExitsWithTwoAndSaysWhatToType(String args, String message) {
        String[] result = run(Map.of(), args.trim().split("\\s+"));
        assertThat(result[0]).as(result[1]).isEqualTo("2");
        assertThat(result[1]).contains(message.trim());
    }

    @ParameterizedTest(name = "POSTGRES_PORT={0}")
    @CsvSource({"abc", "70000", "-1"})
    void aBadPortInTheEnvironmentExitsWithTwo(String port) {
        String[] result = run(Map.of("POSTGRES_HOST", "127.0.0.1", "POSTGRES_PORT", port, "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
                "MONGODB_URI", "mongodb://127.0.0.1:1"), "check");
        assertThat(result[0]).as(result[1]).isEqualTo("2");
        assertThat(result[1]).contains("POSTGRES_PORT=" + port + " is not a port number").contains("POSTGRES_PORT=5432");
    }
}
