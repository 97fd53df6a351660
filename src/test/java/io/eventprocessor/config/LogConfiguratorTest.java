package io.eventprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The application's logging, set up in code: its levels and its one appender, and that a JVM of the application uses it. */
class LogConfiguratorTest {

    @Test
    void ourLinesAtInfoOrLogLevelTheLibrariesOnlyWhenSomethingIsWrongAllOnStandardError() {
        LoggerContext context = new LoggerContext();
        LogConfigurator.apply(context, null);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        List<Appender<?>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        assertThat(appenders).singleElement().isInstanceOfSatisfying(ConsoleAppender.class, a -> {
            assertThat(a.getTarget()).isEqualTo("System.err");
            assertThat(a.isStarted()).isTrue();
            assertThat(((PatternLayoutEncoder) a.getEncoder()).getPattern()).isEqualTo(LogConfigurator.PATTERN);
        });
        assertThat(context.getLogger("io.eventprocessor.stack.LocalStack").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.debezium.embedded.EmbeddedEngine").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("state.change.logger").getEffectiveLevel()).isEqualTo(Level.ERROR);

        LoggerContext debug = new LoggerContext();
        LogConfigurator.apply(debug, "DEBUG");
        assertThat(debug.getLogger("io.eventprocessor.processor.EventProcessor").getEffectiveLevel()).isEqualTo(Level.DEBUG);
        assertThat(debug.getLogger("org.mongodb.driver").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void logLevelNamesALevelOrIsInfo() {
        assertThat(LogConfigurator.ourLevel(" warn ")).isEqualTo(Level.WARN);
        assertThat(LogConfigurator.ourLevel("error")).isEqualTo(Level.ERROR);
        assertThat(LogConfigurator.ourLevel("")).isEqualTo(Level.INFO);
        assertThat(LogConfigurator.ourLevel("loud")).isEqualTo(Level.INFO);
    }

    @Test
    void aJvmOfTheApplicationIsSetUpByItAndReadsNoXml() throws Exception {
        // The application's class path without the tests' (whose logback-test.xml the configurator leaves in charge).
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Path.of(e).endsWith(Path.of("target", "test-classes")))
                .collect(Collectors.joining(File.pathSeparator));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xlog:class+load",
                "-cp", classPath, "io.eventprocessor.cli.Main", "--version")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("io.eventprocessor.config.LogConfigurator source:")
                .contains("ch.qos.logback.core.ConsoleAppender source:")
                .doesNotContain("ch.qos.logback.classic.util.DefaultJoranConfigurator source:")
                .doesNotContain("ch.qos.logback.core.joran.GenericXMLConfigurator source:");
    }
}
