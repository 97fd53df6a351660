package io.eventprocessor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.scenario.WarmUp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The presenter's scripts: all there, executable, valid bash, and calling only commands the CLI has. */
class DemoScriptsTest {
    private static final Path DIR = Path.of("scripts/demo");
    private static final List<String> SCRIPTS = List.of("setup.sh", "load_10.sh", "load_100.sh", "load_1000.sh", "load_10000.sh",
            "run_demo.sh", "monitor.sh", "verify.sh", "cleanup.sh", "stop.sh", "full_demo.sh");

    @Test
    void everyScriptExistsIsExecutableAndParses() throws Exception {
        for (String name : SCRIPTS) {
            Path script = DIR.resolve(name);
            assertThat(script).as(name).exists();
            assertThat(Files.isExecutable(script)).as(name + " executable").isTrue();
            Process p = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(name + ": " + out).isZero();
        }
    }

    @Test
    void scriptsCallOnlyExistingSubcommands() throws Exception {
        Map<String, CommandLine> commands = Main.commandLine(Map.of()).getSubcommands();
        Pattern call = Pattern.compile("\\bep\\s+\"?([a-z-]+)|args=\\(([a-z-]+)");
        for (String name : SCRIPTS) {
            Matcher m = call.matcher(Files.readString(DIR.resolve(name)));
            while (m.find()) {
                String command = m.group(1) != null ? m.group(1) : m.group(2);
                assertThat(commands).as(name + " calls " + command).containsKey(command);
            }
        }
    }

    @Test
    void scenarioSizesMapToTheSeedsScenarios() throws Exception {
        for (String size : List.of("10", "100", "1000", "10000")) {
            assertThat(Files.readString(DIR.resolve("load_" + size + ".sh"))).contains("TARGET_EVENTS=" + size);
        }
        assertThat(Files.readString(DIR.resolve("load_10000.sh"))).contains("BATCH_SIZE");
        assertThat(Files.readString(DIR.resolve("run_demo.sh"))).contains("TARGET_EVENTS").contains("BATCH_SIZE")
                .contains("LOG_LEVEL").contains("REPORT_FILE").contains("demo_metrics_");
    }

    @Test
    void setupWarmsUpAsTheDashboardDoes() throws Exception {
        String setup = Files.readString(DIR.resolve("setup.sh"));
        // The warm-up command is the dashboard's WarmUp, with its variable and default; the script sends nothing itself.
        assertThat(setup).contains("ep reset\n").contains("ep warm-up").doesNotContain("--events").contains(WarmUp.VARIABLE)
                .containsSubsequence("ep reset", "ep warm-up");
    }
}
