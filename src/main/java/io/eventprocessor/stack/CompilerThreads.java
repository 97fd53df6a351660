package io.eventprocessor.stack;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This JVM's JIT compilers, made to yield once a warm-up has made the pipeline's code hot and the compilers have compiled
 * it ({@code WarmUp.settle}, so that the warm-up's own compiling is not held back and the stack is ready as soon as
 * before). Measured in docs/benchmark.md.
 *
 * <p>Their threads go to the lowest scheduling priority (nice 19), so that a pipeline thread that wakes while a compiler
 * holds one of the cores runs at once, and the compilers take the time the pipeline leaves. Linux only: the threads are
 * listed in {@code /proc/self/task}, and {@code renice} sets a thread's nice value by its id, which needs no privilege
 * when it lowers it. A compiler thread HotSpot starts later is started by a compiler thread and inherits its nice value.
 * Elsewhere nothing changes.
 *
 * <p>And the optimizing compiler (C2) takes no new method ({@link #closeOptimizingCompiler}): a method that becomes hot
 * later, or whose optimized code is thrown away, is compiled by the quick compiler's optimizing tier instead. At nice 19
 * C2 still took 0.3-0.8 s of the stack's CPU over the three 1,000 scenarios after a warm-up, a third of the stack's, on
 * the two cores the pipeline runs on, and the scenarios ran slower for it.
 */
public final class CompilerThreads {
    private CompilerThreads() {}

    private static final Logger log = LoggerFactory.getLogger(CompilerThreads.class);

    public static final int NICE = 19;
    private static final Path TASKS = Path.of("/proc/self/task");

    /** HotSpot's compiler threads by their name as Linux keeps it (15 characters), with Java 17's code cache sweeper. */
    public static boolean isCompiler(String threadName) {
        return threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")
                || threadName.equals("Sweeper thread");
    }

    /** Whether {@link #closeOptimizingCompiler} closed this JVM's optimizing compiler already. */
    private static boolean optimizingClosed;

    /** A compiler directive: C2 compiles no method from now on; what it compiled already stays. */
    static final String C2_CLOSED = "[{ match: \"*.*\", c2: { Exclude: true } }]";

    /**
     * Closes the optimizing compiler (C2) to new work with a compiler directive, added through the JVM's diagnostic
     * command (as {@code jcmd PID Compiler.directives_add} would). HotSpot then marks a method C2 may not compile as
     * such, and its tiered policy compiles it at the quick compiler's optimizing tier (level 1) instead of leaving it in
     * the profiling tier. False, with nothing changed, where the JVM has no such command or refuses the directive (logged).
     */
    static synchronized boolean closeOptimizingCompiler() throws IOException {
        if (optimizingClosed) return true; // a second settle adds no second directive
        Path directive = Files.createTempFile("event-processor-c2-closed", ".json");
        try {
            Files.writeString(directive, C2_CLOSED);
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerDirectivesAdd", new Object[] {new String[] {directive.toString()}}, new String[] {String[].class.getName()});
            if (!String.valueOf(answer).contains("1 compiler directives added")) {
                // The compiler threads were lowered already: the rest of the yield stands, and says C2 stays open.
                log.warn("the JVM did not take the compiler directive {}: {}", C2_CLOSED, String.valueOf(answer).strip());
                return false;
            }
            optimizingClosed = true;
            return true;
        } catch (JMException | UnsupportedOperationException e) {
            return false;
        } finally {
            Files.deleteIfExists(directive);
        }
    }

    /** Lowers every compiler thread of this JVM to {@link #NICE}; how many there were (0 where threads are not listed). */
    static int yieldToThePipeline() throws IOException, InterruptedException {
        if (!Files.isDirectory(TASKS)) return 0;
        List<String> compilers = new ArrayList<>();
        ProcStat.threads(TASKS).forEach((task, name) -> {
            if (isCompiler(name)) compilers.add(task.getFileName().toString());
        });
        if (compilers.isEmpty()) return 0;
        List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(NICE), "-p"));
        command.addAll(compilers);
        Process renice = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(renice.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!renice.waitFor(5, TimeUnit.SECONDS)) {
            renice.destroyForcibly();
            throw new IOException("renice did not finish within 5 s");
        }
        if (renice.exitValue() != 0) throw new IOException("renice -n " + NICE + " failed (exit " + renice.exitValue() + "): " + output);
        return compilers.size();
    }
}
