package io.eventprocessor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {
    @Test
    void benchIsASubcommandWithQuickAndOut() {
        CommandLine cli = Main.commandLine(Map.of());
        assertThat(cli.getSubcommands()).containsKey("bench");
        CommandLine bench = cli.getSubcommands().get("bench");
        assertThat(bench.getCommandSpec().findOption("--quick")).isNotNull();
        assertThat(bench.getCommandSpec().findOption("--out")).isNotNull();

        StringWriter help = new StringWriter();
        cli.setOut(new PrintWriter(help)); // propagates to the subcommands
        assertThat(cli.execute("bench", "--help")).isZero();
        assertThat(help.toString()).contains("--quick", "--out", "Debezium");
        assertThat(help.toString()).doesNotContain("--in-process"); // internal: the child JVM's flag
    }
}
