package io.eventprocessor.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The logging of the application's JVMs, set up in code: our own lines at INFO (or {@code LOG_LEVEL}), the libraries'
 * only when something is wrong, all on standard error. Logback finds this class through its service entry
 * ({@code META-INF/services}) before it looks for an XML file; reading one took 0.25 s more of a new JVM on the quick
 * compiler, ahead of all a command does (so each command a script runs started that much later). A JVM given
 * {@code -Dlogback.configurationFile} (the cluster's brokers and Connect worker), or whose class path has a
 * {@code logback-test.xml} (the tests), is left to that file.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    /** Our loggers' level, when set (DEBUG, INFO, WARN, ERROR); INFO otherwise. */
    public static final String LEVEL_VARIABLE = "LOG_LEVEL";
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";
    static final Level LIBRARIES = Level.WARN;
    /** Loggers kept quieter than the libraries': the broker's partition state changes. */
    static final Map<String, Level> QUIETER = Map.of("state.change.logger", Level.ERROR);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null || getClass().getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, System.getenv(LEVEL_VARIABLE));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context}: one appender on standard error, our loggers at {@code level} ({@link #ourLevel}). */
    static void apply(LoggerContext context, String level) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(LIBRARIES);
        root.addAppender(stderr);
        context.getLogger("io.eventprocessor").setLevel(ourLevel(level));
        QUIETER.forEach((name, quieter) -> context.getLogger(name).setLevel(quieter));
    }

    /** {@code LOG_LEVEL}'s level, INFO when it is unset or names none. */
    static Level ourLevel(String variable) {
        return variable == null || variable.isBlank() ? Level.INFO : Level.toLevel(variable.trim(), Level.INFO);
    }
}
