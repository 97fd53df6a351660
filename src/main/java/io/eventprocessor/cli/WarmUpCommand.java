package io.eventprocessor.cli;

import io.eventprocessor.contract.StackMode;
import io.eventprocessor.scenario.CacheTraining;
import io.eventprocessor.scenario.WarmUp;
import io.eventprocessor.stack.StackLauncher;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "warm-up", mixinStandardHelpOptions = true,
        description = {"Warms an empty pipeline up as the dashboard does when it starts its own stack.",
            "%nSends WARM_UP throw-away events (default 10,000; 0 skips) as the load buttons send theirs, the last 1,000 "
                + "after a reset of their own, and clears them; on the local stack it then waits for the JIT compilers to go "
                + "quiet (as `stack settle`). Only on an empty outbox, since the clearing deletes every event: run "
                + "`event-processor reset` first. scripts/demo/setup.sh runs both."})
final class WarmUpCommand extends EnvironmentCommand {

    WarmUpCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int events = WarmUp.events(env.vars());
        if (events == 0) {
            out.println(WarmUp.VARIABLE + "=0: no warm-up.");
            return ExitCodes.OK;
        }
        StackLauncher.Target target = StackLauncher.attachOrStart(env.vars(), CacheTraining::run, StackCommand.lines(out));
        ProgressLine progress = new ProgressLine(out, ProgressLine.interactiveTerminal());
        if (!WarmUp.runIfEmpty(target.settings(), events, target.stackMode(), progress::show)) {
            out.println("The outbox holds events: not warming up, since its clearing would delete them too. "
                    + "Run `event-processor reset` first.");
            return ExitCodes.FAILURE;
        }
        progress.finish(String.format("Warmed up with %,d throw-away events, cleared.", events));
        if (target.stackMode() == StackMode.EMBEDDED) WarmUp.settle(StackCommand.state(env), StackCommand.lines(out));
        return ExitCodes.OK;
    }
}
