package io.eventprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A JVM started with {@link Tuning#COMPILERS_YIELD} runs its compiler threads at nice 19 and every other thread at 0. */
class CompilersYieldTest {

    /** The child: threads at the lowest and the highest Java priority, then it waits for its input to close. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            for (int priority : new int[] {Thread.MIN_PRIORITY, Thread.MAX_PRIORITY}) {
                Thread t = new Thread(() -> {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        // exits with the JVM
                    }
                }, "priority-" + priority);
                t.setDaemon(true);
                t.setPriority(priority);
                t.start();
            }
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes the pipe
            }
        }
    }

    @Test
    void onlyTheCompilerThreadsYield() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "reads thread priorities from Linux's /proc");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m"));
        command.addAll(Tuning.COMPILERS_YIELD);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName()));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            List<Map.Entry<String, Integer>> threads = niceOfThreads(child.pid());

            assertThat(threads).extracting(Map.Entry::getKey)
                    .contains("priority-1", "priority-10", "Reference Handl", "VM Thread", "C1 CompilerThre");
            threads.forEach(thread -> assertThat(thread.getValue())
                    .as("nice value of thread %s", thread.getKey())
                    .isEqualTo(isCompiler(thread.getKey()) ? 19 : 0));
        } finally {
            child.getOutputStream().close();
            child.destroy();
            child.waitFor();
        }
    }

    /** The compiler threads, and Java 17's code cache sweeper, which HotSpot starts at the compilers' priority. */
    private static boolean isCompiler(String thread) {
        return thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre") || thread.equals("Sweeper thread");
    }

    /** Each thread's name as Linux keeps it (its first 15 characters) and its nice value. */
    private static List<Map.Entry<String, Integer>> niceOfThreads(long pid) throws IOException {
        List<Map.Entry<String, Integer>> nice = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                nice.add(Map.entry(name, Integer.parseInt(fields[16]))); // field 19 of stat; the list starts at field 3
            }
        }
        return nice;
    }
}
