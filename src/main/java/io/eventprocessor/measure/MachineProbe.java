package io.eventprocessor.measure;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.SynchronousQueue;

/**
 * What this machine charges for the two things the pipeline does at every hand-over between its stages: waking another
 * thread, and entering the kernel (every socket read and write, every poll). The pipeline's latency is a chain of such
 * hand-overs, so the same build can be several times slower on a machine where they cost more (a virtual machine
 * whose system calls trap to the host, say) even when its arithmetic is as fast. The third figure is what every batch
 * pays before any of its rows can be captured: PostgreSQL makes a commit durable by writing its log and syncing it to
 * the disk, and a scenario commits once per batch, after a pause. A benchmark carries these figures so that two of its
 * runs on different machines can be told apart.
 *
 * <p>Each figure is the median of {@link #ROUNDS} rounds, so that one round that met other work on a shared machine
 * does not set it.
 */
public final class MachineProbe {
    static final int ROUNDS = 5;
    static final int ROUND_TRIPS = 2_000;
    static final int SYSTEM_CALLS = 20_000;
    /** A scenario's pause between two batches, and so between two commits. */
    static final long PAUSE_MILLIS = 50;
    static final int DURABLE_WRITE_BYTES = 8192;

    /**
     * @param cpuModel the processor as the operating system names it ({@code os.arch} where it does not say)
     * @param threadRoundTripMicros one value passed to another thread and back, both of them asleep in between: two
     *                              wake-ups
     * @param systemCallMicros one cheap system call (the position of an open file), from Java
     * @param durableWriteMicros one 8 KB write made durable ({@code fdatasync}) after a pause as long as a scenario's between
     *                           two batches, in the temporary directory, where the benchmarks' stacks keep their
     *                           PostgreSQL data: what the log flush of a batch's commit costs
     */
    public record Machine(String cpuModel, double threadRoundTripMicros, double systemCallMicros, double durableWriteMicros) {}

    private MachineProbe() {}

    /** Measures this machine: about a second on a slow one, most of it the pauses before the durable writes. */
    public static Machine probe() {
        return new Machine(cpuModel(), median(MachineProbe::threadRoundTripMicros), median(MachineProbe::systemCallMicros),
                median(MachineProbe::durableWriteMicros));
    }

    static String cpuModel() {
        try {
            Optional<String> model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .filter(s -> !s.isEmpty())
                    .findFirst();
            if (model.isPresent()) return model.get();
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: say what Java knows.
        }
        return System.getProperty("os.arch", "unknown");
    }

    /** A round's figure, or NaN when this machine cannot give it. */
    @FunctionalInterface
    interface Round {
        double micros() throws Exception;
    }

    static double median(Round round) {
        double[] rounds = new double[ROUNDS];
        try {
            for (int i = 0; i < ROUNDS; i++) rounds[i] = round.micros();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
        Arrays.sort(rounds);
        return rounds[ROUNDS / 2];
    }

    static double threadRoundTripMicros() throws InterruptedException {
        SynchronousQueue<Integer> there = new SynchronousQueue<>();
        SynchronousQueue<Integer> back = new SynchronousQueue<>();
        Thread echo = new Thread(() -> {
            try {
                for (int i = 0; i < ROUND_TRIPS; i++) back.put(there.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "machine-probe-echo");
        echo.setDaemon(true);
        echo.start();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < ROUND_TRIPS; i++) {
                there.put(i);
                back.take();
            }
            return (System.nanoTime() - start) / 1e3 / ROUND_TRIPS;
        } finally {
            echo.interrupt();
            echo.join();
        }
    }

    static double systemCallMicros() throws IOException {
        Path file = Files.createTempFile("machine-probe", ".tmp");
        try (FileChannel channel = FileChannel.open(file)) {
            long sum = 0;
            long start = System.nanoTime();
            for (int i = 0; i < SYSTEM_CALLS; i++) sum += channel.position();
            long nanos = System.nanoTime() - start;
            if (sum != 0) throw new IOException("an unread file's position moved");
            return nanos / 1e3 / SYSTEM_CALLS;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * One round: a write of {@link #DURABLE_WRITE_BYTES} into a file whose blocks already exist (as PostgreSQL's log
     * segments do), synced without its metadata, after a pause of {@link #PAUSE_MILLIS}. Back to back the same write
     * costs a fraction of that on some machines; a batch's commit meets the paused one.
     */
    static double durableWriteMicros() throws IOException, InterruptedException {
        Path file = Files.createTempFile("machine-probe", ".sync");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer page = ByteBuffer.allocate(DURABLE_WRITE_BYTES);
            channel.write(page, 0);
            channel.force(true);
            Thread.sleep(PAUSE_MILLIS);
            long start = System.nanoTime();
            channel.write(page.clear().put(0, (byte) 1), 0);
            channel.force(false);
            return (System.nanoTime() - start) / 1e3;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
