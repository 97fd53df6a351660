package io.eventprocessor.ui.model;

import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.measure.PartitionLag;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.measure.StageSummary;
import io.eventprocessor.scenario.Progress;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Turns the run's progress into {@link PipelineFigures}, tick by tick. Rates are counters over time, each from where
 * it is counted: rows inserted into the outbox (the load generator), records appended to the outbox topic and offsets
 * committed by the processor group (log end and committed offsets, which the run's collector reads once a second),
 * events written to MongoDB (their T5, the collector's current rate). A counter's rate is its rise over the last
 * {@link #WINDOW}. Hop latencies are medians of the newest events' own stage durations while the run goes, and the
 * run's medians once it is over. Not thread-safe: the UI clock feeds it.
 */
public final class PipelineMeter {
    /** The time over which a counter's rise is a rate. */
    static final Duration WINDOW = Duration.ofSeconds(2);
    /** The hops in the pipeline's order, between the five parts. */
    static final List<Stage> HOPS = List.of(Stage.CDC_CAPTURE, Stage.KAFKA_DELIVERY, Stage.CONSUMER_WAIT, Stage.PROCESSING);

    private enum Counter { INSERTED, APPENDED, COMMITTED }

    private record Sample(Instant at, long value) {}

    private final Map<Counter, Deque<Sample>> samples = new EnumMap<>(Counter.class);
    private int run = -1;

    public PipelineMeter() {
        for (Counter c : Counter.values()) samples.put(c, new ArrayDeque<>());
    }

    /** The figures for this tick; {@code run} is null before the first run. */
    public PipelineFigures update(RunState run, List<Health> health) {
        if (run != null && run.number() != this.run) {
            this.run = run.number();
            samples.values().forEach(Deque::clear);
        }
        Progress p = run == null ? null : run.progress();
        Snapshot s = run == null ? null : run.snapshot();
        boolean live = run != null && run.running();
        if (live && p != null) {
            Instant at = p.snapshot().takenAt();
            add(Counter.INSERTED, at, p.sent());
            List<PartitionLag> outbox = outboxPartitions(p.snapshot());
            if (!outbox.isEmpty()) {
                add(Counter.APPENDED, at, outbox.stream().mapToLong(PartitionLag::end).sum());
                add(Counter.COMMITTED, at, outbox.stream().mapToLong(PartitionLag::committed).sum());
            }
        }
        OptionalDouble inserted = live ? rate(Counter.INSERTED) : OptionalDouble.empty();
        OptionalDouble captured = live ? rate(Counter.APPENDED) : OptionalDouble.empty();
        OptionalDouble polled = live ? rate(Counter.COMMITTED) : OptionalDouble.empty();
        OptionalDouble written = live && s != null ? OptionalDouble.of(s.throughput().currentEps()) : OptionalDouble.empty();

        List<PipelineFigures.Node> nodes = new ArrayList<>();
        for (Connectivity.Service service : Connectivity.Service.values()) {
            Health h = health.stream().filter(x -> x.service() == service).findFirst().orElse(null);
            PipelineFigures.State state = h == null ? PipelineFigures.State.UNKNOWN : h.ok() ? PipelineFigures.State.UP : PipelineFigures.State.DOWN;
            nodes.add(new PipelineFigures.Node(service, state, h == null ? "checking..." : h.address(), h == null ? "" : h.problem(),
                    figure(service, run, live, inserted, captured, polled, written)));
        }
        boolean[] flowing = {positive(captured), positive(captured), positive(polled), positive(written)};
        List<PipelineFigures.Hop> hops = new ArrayList<>();
        Map<Stage, OptionalDouble> medians = live ? recentMedians(s) : runMedians(s);
        for (int i = 0; i < HOPS.size(); i++) {
            Stage stage = HOPS.get(i);
            OptionalDouble m = medians.getOrDefault(stage, OptionalDouble.empty());
            String what = run == null ? "" : live ? "live median" : "run median";
            hops.add(new PipelineFigures.Hop(stage, m.isPresent() ? new Headline(Format.ms(m.getAsDouble()), stage.label(), what, LatencyLevel.NONE)
                    : Headline.none(stage.label(), what), flowing[i]));
        }
        return new PipelineFigures(nodes, hops, live);
    }

    private static Headline figure(Connectivity.Service service, RunState run, boolean live, OptionalDouble inserted,
            OptionalDouble captured, OptionalDouble polled, OptionalDouble written) {
        Snapshot s = run == null ? null : run.snapshot();
        Progress p = run == null ? null : run.progress();
        String between = run == null ? Headlines.NO_RUN : "between runs";
        switch (service) {
            case POSTGRESQL: {
                if (live) return rate(inserted, "inserted/s", p == null ? "outbox rows" : Format.count(p.sent()) + " rows this run");
                if (run != null && run.result() != null) {
                    return new Headline(Format.count(run.result().load().eventsSent()), "inserted", "rows, by the last run", LatencyLevel.NONE);
                }
                return Headline.none("inserted/s", between);
            }
            case DEBEZIUM:
                return live ? rate(captured, "captured/s", "into the outbox topic") : Headline.none("captured/s", between);
            case KAFKA: {
                // The lag is read once a second: after the run its last reading is stale, so it is not shown then.
                if (!live) return Headline.none("waiting", between);
                List<PartitionLag> outbox = s == null ? List.of() : outboxPartitions(s);
                if (outbox.isEmpty()) return Headline.none("waiting", "lag not measured yet");
                long lag = outbox.stream().mapToLong(PartitionLag::lag).sum();
                return new Headline(Format.count(lag), "waiting", "in " + outbox.size() + (outbox.size() == 1 ? " partition" : " partitions"),
                        LatencyLevel.NONE);
            }
            case PROCESSOR:
                return live ? rate(polled, "polled/s", "offsets committed") : Headline.none("polled/s", between);
            case MONGODB: {
                if (live) return rate(written, "written/s", s == null ? "events written" : Format.count(s.processed()) + " events written");
                if (s != null) return new Headline(Format.count(s.processed()), "written", "events, by the last run", LatencyLevel.NONE);
                return Headline.none("written/s", between);
            }
            default:
                throw new IllegalStateException(service.name());
        }
    }

    private static Headline rate(OptionalDouble r, String unit, String caption) {
        return r.isPresent() ? new Headline(Format.rate(r.getAsDouble()), unit, caption, LatencyLevel.NONE) : Headline.none(unit, caption);
    }

    private static boolean positive(OptionalDouble r) {
        return r.isPresent() && r.getAsDouble() >= 0.5;
    }

    private static List<PartitionLag> outboxPartitions(Snapshot s) {
        return s.lag().stream().filter(l -> Names.OUTBOX_TOPIC.equals(l.topic())).toList();
    }

    private void add(Counter c, Instant at, long value) {
        Deque<Sample> d = samples.get(c);
        Sample last = d.peekLast();
        if (last != null && !at.isAfter(last.at())) return;
        if (last != null && last.value() == value && Duration.between(last.at(), at).compareTo(Duration.ofSeconds(1)) < 0) return;
        d.addLast(new Sample(at, value));
        while (d.size() > 2 && Duration.between(d.peekFirst().at(), at).compareTo(WINDOW) > 0) d.removeFirst();
    }

    /** The rise over the window; empty until two samples half a second apart exist. */
    private OptionalDouble rate(Counter c) {
        Deque<Sample> d = samples.get(c);
        if (d.size() < 2) return OptionalDouble.empty();
        Sample first = d.peekFirst();
        Sample last = d.peekLast();
        double seconds = Duration.between(first.at(), last.at()).toNanos() / 1e9;
        if (seconds < 0.5) return OptionalDouble.empty();
        return OptionalDouble.of(Math.max(0, last.value() - first.value()) / seconds);
    }

    /** The median of each stage over the newest processed events the snapshot holds. */
    static Map<Stage, OptionalDouble> recentMedians(Snapshot s) {
        Map<Stage, OptionalDouble> out = new EnumMap<>(Stage.class);
        if (s == null) return out;
        List<MetricRecord> timed = s.recent().stream().filter(r -> r.processed() && r.timing() != null).toList();
        if (timed.isEmpty()) return out;
        for (Stage stage : HOPS) {
            double[] v = timed.stream().mapToDouble(r -> stage.of(r.timing()) / 1000.0).sorted().toArray();
            out.put(stage, OptionalDouble.of(median(v)));
        }
        return out;
    }

    private static Map<Stage, OptionalDouble> runMedians(Snapshot s) {
        Map<Stage, OptionalDouble> out = new EnumMap<>(Stage.class);
        if (s == null) return out;
        for (Stage stage : HOPS) {
            StageSummary sum = s.latency().get(stage);
            if (sum != null && !sum.isEmpty()) out.put(stage, OptionalDouble.of(sum.p50()));
        }
        return out;
    }

    /** The middle value of sorted {@code v} (the mean of the two middle ones for an even count). */
    static double median(double[] v) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
