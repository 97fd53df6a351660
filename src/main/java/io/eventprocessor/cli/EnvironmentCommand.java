package io.eventprocessor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/** A command that reads the environment (service settings, state directory) and writes to the terminal. */
abstract class EnvironmentCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    final Environment env;

    EnvironmentCommand(Environment env) {
        this.env = env;
    }
}
