package io.eventprocessor.stack;

import io.eventprocessor.config.ConfigException;
import io.eventprocessor.config.Settings;
import java.util.Map;

/** Finds the pipeline a command works on: external services when configured, otherwise the running local stack. */
public final class StackLocator {
    private StackLocator() {}

    public static Settings attach(Map<String, String> env) {
        if (Settings.externalConfigured(env)) return Settings.fromEnv(env);
        StackState state = new StackState(Settings.home(env));
        return state.running()
                .map(r -> r.settings().withMetricsFile(Settings.metricsFile(env)))
                .orElseThrow(() -> new ConfigException("No pipeline to attach to: no local stack is running in " + state.home()
                        + ". Start one with `event-processor stack up` (or scripts/demo/setup.sh), or set "
                        + Settings.POSTGRES_HOST + ", " + Settings.KAFKA_BOOTSTRAP_SERVERS + " and " + Settings.MONGODB_URI
                        + " to use your own services."));
    }
}
