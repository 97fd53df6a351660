package io.eventprocessor.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A JVM whose compilers were asked to yield runs them at nice 19, and every other thread as before (0). */
class CompilerThreadsTest {

    /** The child: a thread at the highest Java priority, then the compilers yield; prints how many, waits for its input to close. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    // exits with the JVM
                }
            }, "priority-10");
            t.setDaemon(true);
            t.setPriority(Thread.MAX_PRIORITY);
            t.start();
            System.out.println(CompilerThreads.yieldToThePipeline());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes the pipe
            }
        }
    }

    @Test
    void onlyTheCompilerThreadsYield() throws Exception {
        assumeTrue(ThreadNice.readable(), "reads thread priorities from Linux's /proc");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), Child.class.getName());
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int yielded = Integer.parseInt(out.readLine().trim());
            List<Map.Entry<String, Integer>> threads = ThreadNice.of(child.pid());

            assertThat(threads).extracting(Map.Entry::getKey).contains("priority-10", "VM Thread", "C1 CompilerThre");
            assertThat(yielded).isPositive().isLessThanOrEqualTo((int) threads.stream().filter(e -> CompilerThreads.isCompiler(e.getKey())).count());
            threads.forEach(thread -> assertThat(thread.getValue())
                    .as("nice value of thread %s", thread.getKey())
                    .isEqualTo(CompilerThreads.isCompiler(thread.getKey()) ? CompilerThreads.NICE : 0));
        } finally {
            child.getOutputStream().close();
            child.destroy();
            child.waitFor();
        }
    }

    @Test
    void compilerThreadsAreKnownByTheirNames() {
        assertThat(CompilerThreads.isCompiler("C1 CompilerThre")).isTrue();
        assertThat(CompilerThreads.isCompiler("C2 CompilerThre")).isTrue();
        assertThat(CompilerThreads.isCompiler("Sweeper thread")).isTrue();
        assertThat(CompilerThreads.isCompiler("event-processor")).isFalse();
        assertThat(CompilerThreads.isCompiler("VM Thread")).isFalse();
    }
}
