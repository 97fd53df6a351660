package io.eventprocessor.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A JVM whose compilers were asked to yield runs them at nice 19, and every other thread as before (0); once its optimizing
 * compiler is closed, a method that becomes hot is compiled by the quick compiler only.
 */
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

    /** The child: closes the optimizing compiler when asked (prints whether it could), then makes {@link #hot} hot. */
    public static final class Hot {
        public static void main(String[] args) throws Exception {
            if (args.length > 0) System.out.println("closed " + CompilerThreads.closeOptimizingCompiler());
            long sum = 0;
            for (int i = 0; i < 300_000; i++) sum += hot(i);
            Thread.sleep(500); // the compile queue drains
            System.out.println("sum " + sum);
        }

        static long hot(long x) {
            long s = x;
            for (int i = 0; i < 20; i++) s = s * 31 + i;
            return s;
        }
    }

    /** The tiers {@link Hot#hot} was compiled at in a child JVM that prints its compilations (a line per compilation task). */
    private static List<Integer> tiersOfHot(boolean close) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-XX:+PrintCompilation", "-cp", System.getProperty("java.class.path"), Hot.class.getName()));
        if (close) command.add("close");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(out).isZero();
        if (close) assertThat(out).contains("closed true");
        List<Integer> tiers = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*\\d+\\s+\\d+\\s[%sbn! ]*(\\d)\\s+" + Pattern.quote(Hot.class.getName() + "::hot ")).matcher(out);
        while (m.find()) tiers.add(Integer.parseInt(m.group(1)));
        return tiers;
    }

    @Test
    void aClosedOptimizingCompilerLeavesHotMethodsToTheQuickOne() throws Exception {
        List<Integer> open = tiersOfHot(false);
        assumeTrue(open.contains(4), "this JVM has the optimizing compiler (tier 4); compiled here at " + open);

        List<Integer> closed = tiersOfHot(true);
        assertThat(closed).as("tiers of the hot method once C2 was closed").contains(1).doesNotContain(4);
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
