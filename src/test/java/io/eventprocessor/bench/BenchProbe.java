package io.eventprocessor.bench;

import io.eventprocessor.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Throw-away measurement, not a test: the benchmark with a plan of one's own, for iterating on one figure
 * (for example the paced 200 events/s latency alone, after a long warm-up). Run it in a JVM with the stack's options:
 * {@code java -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=50 -cp target/classes:target/test-classes:$(cat cp.txt)
 * io.eventprocessor.bench.BenchProbe [warm-up burst] [warm-up paced] [rates, comma-separated] [seconds] [bursts, comma-separated]}
 * ({@code -DjitRounds=N}: at most N JIT-settling rounds, default 10).
 */
public final class BenchProbe {
    private BenchProbe() {}

    public static void main(String[] args) throws Exception {
        int warmBurst = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int warmPaced = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        List<Integer> rates = args.length > 2 ? ints(args[2]) : List.of(200);
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 10;
        List<Integer> bursts = args.length > 4 ? ints(args[4]) : List.of(10_000);
        BenchPlan plan = new BenchPlan("probe", warmBurst, warmPaced, 500, rates, seconds, bursts, 200, 1_000, 800, 0, 10_000,
                bursts.isEmpty() ? 0 : bursts.get(0), Integer.getInteger("jitRounds", 10));
        Path home = Files.createTempDirectory("event-processor-probe");
        try (LocalStack stack = LocalStack.start(LocalStack.Options.anyPorts(home), msg -> {})) {
            BenchResult result = new Benchmark(stack, home, plan, d -> System.out.println("[probe] " + d)).run();
            System.out.print(BenchTable.render(result));
        }
        System.exit(0);
    }

    private static List<Integer> ints(String csv) {
        return csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(Integer::parseInt).toList();
    }
}
