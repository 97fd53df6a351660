package io.eventprocessor.bench;

import io.eventprocessor.config.Tuning;
import io.eventprocessor.stack.JavaRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Kafka's own {@code org.apache.kafka.tools.EndToEndLatency} (kafka-tools, same Kafka version as the broker), run as
 * it is in a child JVM against the stack's broker, as a cross-check of {@link KafkaLatencyFloor}. The tool prints
 * its figures and keeps its percentiles in whole milliseconds, so its output is parsed here; a child JVM because
 * the tool calls {@code Exit} when it ends.
 */
public final class KafkaTool {
    public static final String MAIN_CLASS = "org.apache.kafka.tools.EndToEndLatency";
    public static final String TOPIC = "bench.kafka-tool-latency";

    private static final Pattern AVG = Pattern.compile("Avg latency: ([0-9.]+) ms");
    private static final Pattern PERCENTILES = Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99\\.9th = (\\d+)");

    /** The tool's figures: milliseconds, the percentiles truncated to whole ms by the tool. */
    public record Result(double avgMs, double p50Ms, double p99Ms, double p999Ms, long records, String status) {
        public static Result failed(String why) {
            return new Result(0, 0, 0, 0, 0, why);
        }

        public boolean ok() {
            return records > 0;
        }
    }

    private KafkaTool() {}

    public static Result run(String bootstrapServers, int records, int recordBytes) {
        if (records <= 0) return Result.failed("not run");
        List<String> command = new ArrayList<>();
        command.add(JavaRuntime.executable());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN_CLASS);
        command.addAll(List.of("--bootstrap-server", bootstrapServers, "--topic", TOPIC, "--num-records", Integer.toString(records),
                "--producer-acks", Tuning.PRODUCER_ACKS, "--record-size", Integer.toString(recordBytes)));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes(); // ends when the tool exits
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Result.failed("the tool did not finish within 300 s");
            }
            return parse(new String(out, StandardCharsets.UTF_8), records, recordBytes, p.exitValue());
        } catch (IOException | RuntimeException e) {
            return Result.failed("the tool could not run: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted");
        }
    }

    /** The figures of the tool's output, or a failed result saying why. */
    static Result parse(String output, long records, int recordBytes, int exitCode) {
        Matcher avg = AVG.matcher(output);
        Matcher pct = PERCENTILES.matcher(output);
        if (exitCode != 0 || !avg.find() || !pct.find()) {
            String tail = output.strip();
            if (tail.length() > 300) tail = tail.substring(tail.length() - 300);
            return Result.failed("the tool failed (exit " + exitCode + "): " + tail.replace('\n', ' '));
        }
        return new Result(Double.parseDouble(avg.group(1)), Double.parseDouble(pct.group(1)), Double.parseDouble(pct.group(2)),
                Double.parseDouble(pct.group(3)), records, String.format(Locale.ROOT,
                        "Kafka's %s (kafka-tools %s) in a child JVM: %d records of %d B, acks=%s; percentiles truncated to whole ms by the tool",
                        MAIN_CLASS, AppInfoParser.getVersion(), records,
                        recordBytes, Tuning.PRODUCER_ACKS));
    }
}
