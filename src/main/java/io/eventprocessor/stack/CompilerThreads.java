package io.eventprocessor.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * This JVM's JIT compiler threads, made to yield: at the lowest scheduling priority (nice 19), so that a pipeline thread
 * that wakes while a compiler holds one of the cores runs at once, and the compilers take the time the pipeline leaves.
 * The stack's compilers still work in the first scenario after the warm-up (0.5-1 s of their CPU in a 1,000 run); asked
 * after the warm-up ({@code WarmUp.settle}), so that the warm-up's own compiling is not held back and the stack is ready
 * as soon as before. Measured in docs/benchmark.md.
 *
 * <p>Linux only: the threads are listed in {@code /proc/self/task}, and {@code renice} sets a thread's nice value by its
 * id, which needs no privilege when it lowers it. A compiler thread HotSpot starts later is started by a compiler thread
 * and inherits its nice value. Elsewhere nothing changes.
 */
public final class CompilerThreads {
    private CompilerThreads() {}

    public static final int NICE = 19;
    private static final Path TASKS = Path.of("/proc/self/task");

    /** HotSpot's compiler threads by their name as Linux keeps it (15 characters), with Java 17's code cache sweeper. */
    public static boolean isCompiler(String threadName) {
        return threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")
                || threadName.equals("Sweeper thread");
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
