package io.eventprocessor.cli;

import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.scenario.PipelineStart;
import io.eventprocessor.scenario.PlannedFault;
import io.eventprocessor.scenario.WarmUp;
import io.eventprocessor.ui.DashboardWindow;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Opens the live dashboard (JavaFX): scenarios at one click, live tiles, health, recent events and their timelines.",
            "%nStarts the local stack in the background (or attaches to the running one, or to external services when "
                + "POSTGRES_HOST, KAFKA_BOOTSTRAP_SERVERS and MONGODB_URI are set). Needs a display; without one it says so "
                + "and exits 2 (use scripts/demo/*.sh then)."})
final class DashboardCommand extends EnvironmentCommand {

    @Option(names = "--scenario", paramLabel = "EVENTS",
            description = "Run this scenario as soon as the pipeline is ready: 10, 100, 1000, 10000 or a preset name.")
    String scenario;

    @Option(names = "--screenshot", paramLabel = "FILE",
            description = "With --scenario: save a PNG of the window when the run has finished, then close.")
    Path screenshot;

    @Option(names = "--exit-when-done", description = "With --scenario: close when the run has finished and print the UI responsiveness figures.")
    boolean exitWhenDone;

    @Option(names = "--size", paramLabel = "WxH", description = "Window size, e.g. 1920x1080 (default: the screen, at most 1920x1080).")
    String size;

    @Option(names = "--scale", paramLabel = "PERCENT", defaultValue = "100",
            description = "Presentation scale in percent, 100 to 200 (View > Presentation scale; default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--report", paramLabel = "FILE",
            description = "With --scenario: write that run's JSON report (the fields of `run --report`, plus `ui`: the dashboard's "
                    + "pulses per second, longest pulse gap, tile refreshes per second and CPU) and its HTML page beside it.")
    Path report;

    @Option(names = "--fault", paramLabel = "KIND@AT[/DOWN]",
            description = "With --scenario: inject this fault during the run, AT after its first insert, as `run --fault` does "
                    + "(repeatable; e.g. --fault processor-crash@2s); the banner tells its story, the report has its figures.")
    List<String> faults = new ArrayList<>();

    DashboardCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (screenshot != null && scenario == null) throw Flags.invalid(spec, "--screenshot needs --scenario");
        if (report != null && scenario == null) {
            throw Flags.invalid(spec, "--report needs --scenario (e.g. --scenario 1000 --exit-when-done --report r.json)");
        }
        if (!faults.isEmpty() && scenario == null) {
            throw Flags.invalid(spec, "--fault needs --scenario (e.g. --scenario 10000 --fault processor-crash@2s)");
        }
        Flags.between(spec, "--scale", scale, 100, 200, "150");
        Optional<Scenario> preset = Optional.ofNullable(scenario).map(Scenario::parse);
        List<PlannedFault> planned = Flags.faults(spec, faults, env.vars());
        int[] wh = size == null ? new int[] {0, 0} : size();
        if (!hasDisplay()) {
            err.println(noDisplay("no DISPLAY or WAYLAND_DISPLAY is set"));
            return ExitCodes.CONFIG;
        }
        int warmUp = WarmUp.events(env.vars());
        // Begun before the window: the stack's start and warm-up are most of the wait for ready and need nothing from
        // it, and the toolkit's start and the window's first layout took the dashboard's first seconds.
        PipelineStart pipeline = PipelineStart.begin(env.vars(), warmUp);
        try {
            int code = DashboardWindow.open(new DashboardWindow.Options(pipeline, preset, Optional.ofNullable(screenshot), exitWhenDone, wh[0], wh[1],
                    scale / 100.0, Optional.ofNullable(report), planned, launchedAt()), System.out);
            // A session that reached its pipeline has loaded what a presenter's session loads.
            if (pipeline.started()) ClassDataArchive.recordIfAsked(spec.commandLine().getOut());
            return code;
        } catch (DashboardWindow.NoDisplayException e) {
            err.println(noDisplay("JavaFX could not start: " + e.getMessage()));
            return ExitCodes.CONFIG;
        }
    }

    /** {@code --size} as width and height, both above 0; anything else ends the command (exit 2) saying what to type. */
    private int[] size() {
        String[] p = size.trim().toLowerCase(Locale.ROOT).split("x", -1);
        if (p.length == 2 && p[0].trim().matches("\\d{1,5}") && p[1].trim().matches("\\d{1,5}")) {
            int w = Integer.parseInt(p[0].trim());
            int h = Integer.parseInt(p[1].trim());
            if (w > 0 && h > 0) return new int[] {w, h};
        }
        throw Flags.invalid(spec, "--size must be WIDTHxHEIGHT in pixels, e.g. --size 1920x1080 (or 1280x720, 1024x768); got " + size);
    }

    private boolean hasDisplay() {
        if ("Monocle".equals(System.getProperty("glass.platform"))) return true;
        return notBlank(env.vars().get("DISPLAY")) || notBlank(env.vars().get("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    static String noDisplay(String why) {
        return "The dashboard needs a display (" + why + ").\n"
                + "Without one, run the demo from the terminal: scripts/demo/setup.sh, then scripts/demo/load_100.sh "
                + "(or load_10/load_1000/load_10000.sh), scripts/demo/monitor.sh and scripts/demo/verify.sh - "
                + "or `event-processor run --events 1000`.\n"
                + "For a virtual display: xvfb-run -s \"-screen 0 1920x1080x24\" ./event-processor dashboard";
    }

    /** This JVM's start: the dashboard's launch, when the command runs in a process of its own as the launchers start it. */
    private static Instant launchedAt() {
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }
}
