package io.eventprocessor.cli;

import io.eventprocessor.config.Settings;
import io.eventprocessor.scenario.PlannedFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Checks of flag values picocli's types cannot express (ranges), before anything starts: a bad value ends the command
 * with exit code 2 and a message that says what to type instead.
 */
final class Flags {
    private Flags() {}

    /** A port for a service to listen on: 0 (any free port) to 65535. */
    static void port(CommandLine.Model.CommandSpec spec, String option, int value) {
        if (value < 0 || value > 65535) {
            throw invalid(spec, option + " must be a port from 1 to 65535, or 0 for any free port (e.g. " + option + " 0); got " + value);
        }
    }

    /** A whole number from {@code min} to {@code max}, e.g. a number of processes. */
    static void between(CommandLine.Model.CommandSpec spec, String option, long value, long min, long max, String example) {
        if (value < min || value > max) {
            throw invalid(spec, option + " must be from " + min + " to " + max + " (e.g. " + option + " " + example + "); got " + value);
        }
    }

    /** A whole number of at least {@code min}, e.g. a timeout in seconds. */
    static void atLeast(CommandLine.Model.CommandSpec spec, String option, long value, long min, String example) {
        if (value < min) throw invalid(spec, option + " must be at least " + min + " (e.g. " + option + " " + example + "); got " + value);
    }

    /** A number above zero, e.g. a rate. */
    static void positive(CommandLine.Model.CommandSpec spec, String option, double value, String example) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid(spec, option + " must be a number above 0 (e.g. " + option + " " + example + "); got " + value);
        }
    }

    /**
     * The {@code --fault} values, each KIND@AT[/DOWN]. With external services configured ({@code env}) only poison can go
     * in: the other faults are done by the embedded stack to itself.
     */
    static List<PlannedFault> faults(CommandLine.Model.CommandSpec spec, List<String> values, Map<String, String> env) {
        List<PlannedFault> planned = new ArrayList<>();
        try {
            for (String f : values) planned.add(PlannedFault.parse(f));
        } catch (IllegalArgumentException e) {
            throw invalid(spec, "--fault " + e.getMessage());
        }
        planned.stream().filter(f -> f.fault().byStack()).findFirst().ifPresent(f -> {
            if (Settings.externalConfigured(env)) {
                throw invalid(spec, "--fault " + f.fault().key()
                        + " is injected into the embedded stack, and external services are configured: only --fault poison@AT works there");
            }
        });
        return planned;
    }

    static CommandLine.ParameterException invalid(CommandLine.Model.CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
