package io.eventprocessor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** A bad window size or fault ends `dashboard` at once, before any window or stack, with exit code 2 and what to type instead. */
class DashboardFlagsTest {
    @TempDir
    Path home;

    @ParameterizedTest(name = "--size {0}")
    @ValueSource(strings = {"abc", "1920x", "x1080", "1920x1080x2", "0x720", "-5x10", "1920*1080", "99999999999x1", ""})
    void aBadSizeExitsWithTwoAndSaysWhatToType(String size) {
        CommandLine cli = Main.commandLine(Map.of("EVENT_PROCESSOR_HOME", home.toString()));
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int code = cli.execute("dashboard", "--size", size);
        assertThat(code).as(out.toString()).isEqualTo(2);
        assertThat(out.toString()).contains("--size must be WIDTHxHEIGHT in pixels, e.g. --size 1920x1080").contains("got " + size)
                .doesNotContain("Exception");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--scenario 100 --fault processor-crash", "--scenario 100 --fault lightning@2s", "--scenario 100 --fault poison@soon",
        "--fault processor-crash@2s"})
    void aBadFaultExitsWithTwoAndSaysWhatToType(String flags) {
        CommandLine cli = Main.commandLine(Map.of("EVENT_PROCESSOR_HOME", home.toString()));
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int code = cli.execute(("dashboard " + flags).split(" "));
        assertThat(code).as(out.toString()).isEqualTo(2);
        assertThat(out.toString()).containsAnyOf("write KIND@AT", "use one of processor-crash", "use e.g. 3s", "--fault needs --scenario")
                .doesNotContain("Exception");
    }
}
