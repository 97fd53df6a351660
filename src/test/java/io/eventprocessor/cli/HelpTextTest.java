package io.eventprocessor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help renders as written: picocli warns on stderr, and prints the raw text, when a format is broken. */
class HelpTextTest {
    @Test
    void everyHelpTextFormatsWithoutWarnings() {
        List<CommandLine> commands = new ArrayList<>();
        collect(Main.commandLine(Map.of()), commands);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringBuilder usages = new StringBuilder();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (CommandLine c : commands) usages.append(c.getUsageMessage());
        } finally {
            System.setErr(original);
        }
        assertThat(commands).hasSizeGreaterThan(10);
        assertThat(captured.toString(StandardCharsets.UTF_8)).as("picocli warnings").isEmpty();
        assertThat(usages.toString()).doesNotContain("%n").contains("poison (1% of");
    }

    private static void collect(CommandLine c, List<CommandLine> into) {
        into.add(c);
        c.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
