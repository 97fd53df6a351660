package io.eventprocessor.cli;

import java.lang.reflect.Constructor;
import java.util.Map;
import picocli.CommandLine;

/**
 * The process environment as the commands see it: {@code System.getenv()} in production, a map in tests.
 * Also the picocli factory that hands it to every command that takes it in its constructor.
 */
record Environment(Map<String, String> vars) implements CommandLine.IFactory {

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            Constructor<K> withEnv = type.getDeclaredConstructor(Environment.class);
            withEnv.setAccessible(true);
            return withEnv.newInstance(this);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
    }
}
