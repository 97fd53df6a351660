package io.eventprocessor.cli;

import io.eventprocessor.bench.BenchJson;
import io.eventprocessor.bench.BenchPlan;
import io.eventprocessor.bench.BenchResult;
import io.eventprocessor.bench.BenchTable;
import io.eventprocessor.bench.Benchmark;
import io.eventprocessor.bench.StageBench;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.stack.JavaRuntime;
import io.eventprocessor.stack.LocalStack;
import io.eventprocessor.stack.TemporaryHome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures the pipeline side by side with its own floors, in one run on one fresh embedded stack.",
            "%nStarts its own in-process stack (any free ports, a temporary state directory; it never touches a stack you have "
                + "running), warms it up, then measures: paced latency (100, 200, 500, 1,000 events/s; every stage at p50/p99/p99.9, "
                + "from the actual insert and from the intended send time), burst throughput (10,000 and 50,000 events, first insert "
                + "to last MongoDB acknowledgement), the floors (Kafka-only closed-loop latency on the same broker, the generator's "
                + "insert rate, Debezium-to-Kafka throughput with the processor stopped), their ratios, peak memory and start-up time.",
            "%nData is reset between phases. Writes the JSON (docs/benchmark.md explains every figure) and prints a fixed-format "
                + "table whose lines start with their section (paced, burst, floor, ratio, memory, startup, goal).",
            "%nExit codes: 0 every phase complete (goals met or not: see the goal lines), 3 a phase lost events or its read models "
                + "did not match, 1 the run failed."})
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "Routine check in under a minute: 200 and 1,000 events/s for 3 s, one 10k burst, smaller floors.")
    boolean quick;

    @Option(names = "--stage", description = "Only the presenter's path: a fresh background stack, the product's own warm-up (WARM_UP "
            + "events, as setup.sh and the dashboard), the 10, 100, 1,000 and 10,000 scenarios in click order, launch-to-ready time "
            + "and the idle CPU of every process over 30 s. The full run measures it too, first.")
    boolean stage;

    @Option(names = "--out", description = "Where the JSON goes (default: bench_YYYYMMDD_HHMMSS.json).")
    Path out;

    @Option(names = "--in-process", hidden = true,
            description = "Measure in this JVM as it is, instead of a child JVM with the stack's JVM options.")
    boolean inProcess;

    private final Environment env;

    /** The bench always starts its own embedded stacks; the environment is read for WARM_UP only. */
    BenchCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        Path file = out != null ? out : Path.of("bench_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + ".json");
        if (stage) return measureStage(file);
        return inProcess ? measure(file) : inChildJvm(file);
    }

    /**
     * Runs the benchmark in a child JVM on this command's Java with the same JVM options as the background stack
     * ({@link Tuning#stackJvmOptions}): the figures (GC pauses, resident memory) are then those of the stack as it is
     * deployed, whatever options this JVM was started with. Not its AOT cache: a background stack on a Java 25 starts
     * from one (and {@code --stage} measures that stack), but a JVM that runs the benchmark around its stack from the
     * same cache was still compiling after {@code --quick}'s settling rounds (docs/benchmark.md).
     */
    private int inChildJvm(Path file) throws Exception {
        JavaRuntime.Jdk java = JavaRuntime.current();
        List<String> command = new ArrayList<>();
        command.add(java.java());
        List<String> options = Tuning.stackJvmOptions(env.vars());
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of("bench", "--in-process", "--out", file.toAbsolutePath().toString()));
        if (quick) command.add("--quick");
        PrintWriter o = spec.commandLine().getOut();
        o.println("Benchmark JVM: Java " + java.version() + " (this command's), the stack's options: "
                + String.join(" ", options));
        o.flush();
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        // The progress lines say what runs; the libraries' and the processor's INFO lines would only interleave with them.
        builder.environment().putIfAbsent("LOG_LEVEL", "WARN");
        Process child = builder.start();
        Thread stopChild = new Thread(child::destroy, "bench-stop-child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            return child.waitFor();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is stopping the child
            }
        }
    }

    /** The presenter's path alone, in this process (the stack runs in its own, as a presenter's does). */
    private int measureStage(Path file) throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        long begin = System.nanoTime();
        StageBench.Result result = stage(o, begin);
        BenchJson.writeStage(result, file);
        o.print(BenchTable.renderStage(result));
        o.printf("%nJSON: %s   (total %.1f s)%n", file.toAbsolutePath(), (System.nanoTime() - begin) / 1e9);
        o.flush();
        return result.runs().stream().allMatch(StageBench.Run::complete) ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    }

    private StageBench.Result stage(PrintWriter o, long begin) throws Exception {
        return new StageBench(env.vars(), line -> {
            o.printf("[stage %5.1f s] %s%n", (System.nanoTime() - begin) / 1e9, line);
            o.flush();
        }).run();
    }

    private int measure(Path file) throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        BenchPlan plan = quick ? BenchPlan.quick() : BenchPlan.full();
        ProgressLine line = new ProgressLine(o, ProgressLine.interactiveTerminal());
        Path home = TemporaryHome.create("event-processor-bench");
        long begin = System.nanoTime();
        o.printf("Benchmark (%s): starting a fresh embedded stack in %s%n", plan.name(), home);
        o.flush();
        // The presenter's path first, on a stack of its own, before this run's stack exists.
        StageBench.Result stageResult = quick ? null : stage(o, begin);
        BenchResult result;
        try (LocalStack stack = LocalStack.start(LocalStack.Options.anyPorts(home), msg -> {
            o.println("[stack] " + msg);
            o.flush();
        })) {
            o.printf("[stack] ready in %.2f s: %s%n", stack.startupTimes().total().toNanos() / 1e9, stack.startupTimes());
            o.flush();
            result = new Benchmark(stack, home, plan, new Benchmark.Watcher() {
                private String last;

                @Override
                public void phase(String description) {
                    if (last != null) line.finish(last);
                    last = null;
                    o.printf("[bench %5.1f s] %s%n", (System.nanoTime() - begin) / 1e9, description);
                    o.flush();
                }

                @Override
                public void status(String text) {
                    last = text;
                    line.show(text);
                }
            }).run();
        } finally {
            TemporaryHome.remove(home);
        }
        if (stageResult != null) result = result.withStage(stageResult);
        BenchJson.write(result, file);
        o.println();
        o.print(BenchTable.render(result));
        o.printf("%nJSON: %s   (total %.1f s)%n", file.toAbsolutePath(), (System.nanoTime() - begin) / 1e9);
        o.flush();
        boolean complete = result.paced().stream().allMatch(BenchResult.Paced::complete)
                && result.burst().stream().allMatch(BenchResult.Burst::complete) && result.floors().debeziumOnlyEps() > 0;
        return complete ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    }
}
