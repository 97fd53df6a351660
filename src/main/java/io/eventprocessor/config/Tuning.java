package io.eventprocessor.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Every latency and throughput knob of the pipeline, in one place, each with the reason for its value.
 * The embedded stack, the processor, the load generator and docker-compose.yml use these same values
 * (a test checks the compose file against them).
 */
public final class Tuning {
    private Tuning() {}

    /**
     * Debezium: how long the streaming thread sleeps once five 1 ms reads of the replication stream found nothing, and the
     * timer of Debezium's own queue poll. The default 500 ms dominated latency (p50 300-400 ms). The embedded relay waits
     * on neither: its task wakes when an event is queued ({@code WakeOnDataConnector}) and its streaming thread when the
     * server sends ({@link #REPLICATION_IDLE_WAIT_MS}); there it is only the sleep before the replication connection
     * exists. Kafka Connect's stock connector uses it for both: a lone event waits at most 2 ms there, and the idle
     * streaming thread costs about 3% of a core.
     */
    public static final int DEBEZIUM_POLL_INTERVAL_MS = 2;
    /**
     * The embedded relay: the longest the streaming thread's pause waits on the replication socket for the server's next
     * bytes ({@code DataWait}, in place of Debezium's {@link #DEBEZIUM_POLL_INTERVAL_MS} sleep). Data ends the wait at
     * once, so it costs no latency; it bounds how long a stopping connector waits for the thread. The idle connector's
     * threads wake about 11 times a second (with 100 ms: about 60; with Debezium's own sleep: about 900). On a machine where a wake-up costs about 0.1 ms of CPU, its
     * idle cost fell from 5-6 ms to 1 ms a second; {@code stack down} took 4.1 s against 3.7.
     */
    public static final int REPLICATION_IDLE_WAIT_MS = 1000;
    /**
     * Debezium: most change events handed over per poll. The embedded relay's task hands over whatever is queued when
     * it wakes, up to this many; Kafka Connect's stock connector returns early once this many are queued, else when its
     * timer ends. 1 in the stock connector handed each event over alone: a batch of 100 rows then went through the
     * engine one by one and the Debezium-only ceiling fell from 14,000-22,000 to 5,000 events/s. 64 lets a burst go
     * over in a few large batches.
     */
    public static final int DEBEZIUM_MAX_BATCH_SIZE = 64;
    /**
     * The embedded relay's hand-over ({@code WakeOnDataConnector}): once an event is queued, the engine waits while more
     * keep coming, each within this many microseconds of the last look, before it takes them. Taken a few at a time as
     * they were decoded, a batch of 100 rows reached the broker as dozens of small produce requests and the processor as
     * as many polls, each with a fixed cost of 1-2 ms. A lone event waits this once.
     */
    public static final int HANDOVER_QUIET_MICROS = 250;
    /**
     * ...and at most this long: a burst goes over in batches of what 2 ms decode (about 30 events here), or of
     * {@link #DEBEZIUM_MAX_BATCH_SIZE}. Measured against the same batching done by the relay's producer instead
     * ({@code linger.ms} 2; docs/benchmark.md): the scenarios' medians alike, the paced 200/s p50 2.6 ms against 4.4.
     */
    public static final int HANDOVER_MAX_WAIT_MICROS = 2_000;
    /** Debezium: queue between the decoder and the engine; several batches deep so decoding never waits on the relay. */
    public static final int DEBEZIUM_MAX_QUEUE_SIZE = 16384;
    /**
     * Debezium: heartbeats keep the slot's confirmed LSN moving on a quiet database, so WAL does not grow; they are also
     * how the embedded relay learns that the database has been quiet for a whole interval, after which it sleeps until
     * the next write (2 s: asleep within 2-4 s of the last event).
     */
    public static final int DEBEZIUM_HEARTBEAT_INTERVAL_MS = 2_000;
    /**
     * Debezium: how long the connector waits before it reconnects after a retriable error (its replication connection
     * lost, PostgreSQL restarting). The default 10 s was most of the recovery after a PostgreSQL restart; 2 s still
     * leaves a restarting server time to come up without a storm of attempts.
     */
    public static final int DEBEZIUM_RETRIABLE_RESTART_WAIT_MS = 2_000;
    /** Debezium: how often source offsets are flushed to the offset store; a restart replays at most this much. */
    public static final int DEBEZIUM_OFFSET_FLUSH_INTERVAL_MS = 1_000;

    /** Producer: send at once; batching by waiting would add up to linger.ms to every event. */
    public static final int PRODUCER_LINGER_MS = 0;
    /** Producer: the broker has the record in its log before it counts as sent (durability is part of the measurement). */
    public static final String PRODUCER_ACKS = "all";
    /** Producer: batches still form under load (whatever queued while a request was in flight). */
    public static final int PRODUCER_BATCH_SIZE = 256 * 1024;

    /** Consumer: answer a fetch as soon as one byte is there; waiting for more would add latency. */
    public static final int CONSUMER_FETCH_MIN_BYTES = 1;
    /**
     * Consumer: upper bound of a fetch wait when the topic is idle. It costs no latency (with fetch.min.bytes 1 the broker
     * answers the moment a record lands) and sets how often an idle consumer's fetch is answered empty: 500 ms instead of
     * 100 ms cut an idle consumer's and the broker's wake-ups about five times, 2,000 instead of 500 the broker's network
     * threads' from 34 to 29 a second and its purgatory reapers' from 47 to 42 (the stack's JVM at rest, with this and
     * {@link #REPLICATION_IDLE_WAIT_MS}: 253-257 wake-ups a second against 318-322, 0.025-0.026 of a core against
     * 0.030-0.040). A poll still returns after {@link #CONSUMER_POLL_TIMEOUT_MS}; the fetch stays pending meanwhile.
     */
    public static final int CONSUMER_FETCH_MAX_WAIT_MS = 2000;
    /**
     * The metrics collector (the screen's and the report's reader of the metrics topic): after a read that found
     * records, it lets the next ones gather this long before it reads again. Read at once, it took a fetch round trip
     * for every few metrics the processor sent, each one work for the broker on the same two cores as the pipeline.
     * With 40 ms (warm 10,000 runs, two each, alternating, CPU per half second while events flowed): the run's JVM
     * 7.7 and 8.7 -> 6.5 and 7.2 ticks, the stack's 31.0 and 28.4 -> 25.6 and 27.6 (the broker answers fewer fetches).
     * The same gathering asked of the broker instead (fetch.min.bytes 64 KB, fetch.max.wait.ms 40) did as well, but an
     * idle collector would then have fetched 25 times a second. The screen refreshes every 250 ms. A collector with
     * nothing to read waits on the broker as before.
     */
    public static final int METRICS_READER_GATHER_MS = 40;
    /** Consumers: how long one poll waits when nothing comes; as the fetch wait, it only bounds idle wake-ups. */
    public static final int CONSUMER_POLL_TIMEOUT_MS = 500;
    /** Consumer: records per poll; one poll becomes one MongoDB bulk write. */
    public static final int CONSUMER_MAX_POLL_RECORDS = 1000;

    /**
     * Consumer: a processor that dies without leaving the group (kill -9, lost host) keeps its partitions until this
     * runs out; 10 s instead of the default 45 s moves them to the surviving processors quickly.
     */
    public static final int CONSUMER_SESSION_TIMEOUT_MS = 10_000;
    /** Consumer: a third of the session timeout, as Kafka recommends. */
    public static final int CONSUMER_HEARTBEAT_INTERVAL_MS = 3_000;

    /**
     * Processor: polls whose metrics (and dead letters) may still await Kafka's acknowledgement while the next polls are
     * processed; their offsets are committed once acknowledged, and beyond this many the processor waits. Waiting for
     * each poll's acknowledgements before the next (acks=all, about a millisecond here) held every event that arrived
     * meanwhile: paced 200 events/s consumer_wait p50 went from 6.6 to 2.2 ms without it. 64, not 8: with the metrics'
     * {@link #PROCESSOR_METRICS_LINGER_MS} a poll is acknowledged that long after it at the earliest, and the polls of one
     * batch could reach 8 within it and then wait.
     */
    public static final int PROCESSOR_MAX_POLLS_IN_FLIGHT = 64;

    /**
     * Processor: how long its producer lets metrics and dead letters gather before it sends them. They are not on the
     * measured path (an event's T5 is MongoDB's acknowledgement, taken before its metric is sent), and with linger 0 a
     * poll's metrics went out as several small requests, each one the broker's work on the same two cores as the
     * pipeline. With 5 ms (10,000 runs on a warm stack, two each, alternating): the stack's CPU per run 4.07-4.27 -> 3.67-3.90 s
     * (the broker's network and request threads 0.95 -> 0.71 s in one run each), the run's end-to-end p50 18.6-19.0 ->
     * 16.4-17.5 ms. With 20 ms the metrics of a whole batch (a scenario sends 100 events every 50 ms) go in about one
     * request, once the batch has passed the processor, instead of a few while it passes. {@code stack up}, {@code warm-up},
     * three {@code run -n 1000}, five stacks each, alternating with 5 ms: the stack's CPU over the three runs median 1.56 ->
     * 1.34 s, the fifteen runs' end-to-end p50 median 16.7 -> 15.5 ms. The metrics reach the screen (which refreshes
     * every 250 ms) and the offsets are committed at most 20 ms later.
     */
    public static final int PROCESSOR_METRICS_LINGER_MS = 20;

    /**
     * Processor: the shortest time between two commits of its offsets; what settles meanwhile goes in the next one, and
     * when the records stop the last commit follows within this time. Committed after every settled poll, the commits
     * (the consumer's requests, the broker's handling and its group coordinator thread) were about 4% of the stack's
     * CPU in a 10,000 run, at several a batch. A commit later by this much only means up to this much more redelivered
     * after a crash, which the idempotent handlers absorb.
     */
    public static final int PROCESSOR_COMMIT_INTERVAL_MS = 100;

    /** Load generator: rows per batch, each one INSERT and one transaction (BATCH_SIZE of the demo scripts). */
    public static final int INSERT_BATCH_SIZE = 100;

    /** Partitions of the outbox topic in the embedded stack: room for a consumer group of up to this many processors. */
    public static final int OUTBOX_TOPIC_PARTITIONS = 3;

    /**
     * JVM of the stack (and of the benchmark, which measures in a JVM started with these same options).
     * <ul>
     *   <li>A bounded heap keeps the whole stack (broker, engine, processor, MongoDB stand-in) under 1 GB resident with
     *       PostgreSQL: 512 MB, since the broker no longer keeps a 128 MB log-cleaner map (EmbeddedKafkaBroker); a
     *       50,000-event burst runs in it without a full collection. It is fixed and touched at start (initial =
     *       maximum, pre-touched): the stack takes its whole budget when it starts rather than creeping up to it through
     *       the first runs, and no first run pays the page faults of a heap being touched for the first time. What the
     *       stack keeps is bounded apart from the stand-in's in-heap indexes (its documents are in files). With an
     *       initial 256 MB, 100,000 events at 500/s took the committed heap from 317 to 512 MB and resident memory 45%
     *       up after the first 20,000 events; fixed but untouched, resident memory still rose 12% after 20,000 events
     *       while G1 first used the rest of the heap, and was flat from 30,000 on. The heap is backed by transparent huge
     *       pages where the system offers them (Linux's "madvise" or "always"; elsewhere the JVM goes on without them and says
     *       so in stack.log): touching 512 MB in 4 KB pages took 1.0-1.1 s of the stack's start and 2 s of CPU on a machine
     *       whose page faults cost about 15 us, in 2 MB pages 0.1-0.5 s ({@code java -version} with the stack's heap
     *       options; `stack up` 6.3-8.6 s against 8.1-8.8).</li>
     *   <li>G1's pause goal is 50 ms. With 10 ms, G1 shrank the young generation to a few tens of MB to meet it, so under
     *       a burst it collected every 40 ms, a fifth of the wall time was stop-the-world and the 10k burst ran at
     *       5,400-7,200 events/s; with 50 ms it ran at 8,500-11,600 events/s, the longest pause of a whole benchmark was
     *       47 ms and paced latency did not get worse.</li>
     *   <li>A JVM out of memory exits rather than limping on with a stalled pipeline.</li>
     *   <li>{@link #STAGE_JVM_OPTIONS}: the quick compiler only.</li>
     * </ul>
     * Figures and how they were measured: docs/benchmark.md.
     */
    public static final List<String> STACK_JVM_OPTIONS;

    /**
     * JVMs the audience waits on: the stack, and every command the launchers start (the dashboard, run, the demo
     * scripts; {@code event-processor} and the packaged app's {@code bin/event-processor} pass these, a test keeps them
     * equal). Only the quick compiler (C1): with the optimizing one (C2), its compiler threads took 0.45 of a core in
     * the dashboard's JVM and more in the stack's through the first minutes, on two cores shared with the pipeline.
     * With C1 only, on the presenter's path (bench --stage): launch to ready 15.0 -> 10.7 s, the 1,000 scenario p50/p99
     * 40/76 -> 30-33/50-54 ms, the 10,000 one 26/90 -> 20-22/51-63 ms; the dashboard's first 10,000 click p95 193 ->
     * 58 ms, its CPU 0.94 -> 0.44 of a core, its longest pulse gap 117 -> 70 ms. The price is steady-state peak: C2's
     * code, once settled after minutes of load, carries a burst 10-40% faster (docs/benchmark.md).
     */
    public static final List<String> STAGE_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    /**
     * Options added after {@link #STACK_JVM_OPTIONS} for the stack's JVM and the benchmark's, separated by spaces; a later
     * option wins, so {@code -XX:TieredStopAtLevel=4} gives them the optimizing compiler back for a steady-state measurement.
     */
    public static final String STACK_JAVA_OPTS_VARIABLE = "EVENT_PROCESSOR_STACK_JAVA_OPTS";

    /**
     * The stack's compiler when its JVM starts from an ahead-of-time cache with a session's method profiles (JDK 25+,
     * stack.StackAotCache), and when it records one: both compilers, C2 included, since the profiles let C2 compile the
     * hot paths from the first events. {@code bench --stage} on Temurin 25, same hour: the 1,000 scenario p50 / p95 14.4-14.5
     * / 22.4-23.2 ms and the 10,000 one 11.1-11.8 / 18.9-19.5 from the cache, against 18.9 / 26.8 and 17.1 / 26.4 with
     * the quick compiler only and 20.5 / 36.8 and 15.4 / 27.2 with both compilers and no cache; stack start 3.0 s
     * against 4.0-4.8. Recording with C1's profiling tier only ({@code -XX:TieredStopAtLevel=3}) spares C2's work in
     * the recording session but runs it slower (1,000 p50 30.2 ms, against 24.2 with both compilers).
     *
     * <p>Two C2 threads, not the one a two-core machine gets by default ({@code -XX:CICompilerCount=3}: one C1 and two C2
     * threads). The profiles queue more for C2 than one thread compiles during a warm-up, and after it that thread
     * compiled alone on one core while the other idled: {@code bench --stage}, three runs each alternating, the compilers
     * went quiet 0.9-2.2 s after the warm-up against 4.0 s, 4.6 s and still busy at the 6 s limit, with the scenarios'
     * figures within the hour's spread.
     *
     * <p>Methods the recorded session compiled with C2 are compiled again as soon as the classes they depend on are
     * initialized ({@code -XX:+AOTCompileEagerly}, experimental in some JDK 25 builds and diagnostic in others, hence
     * both unlocks), not when their counters next call for it. Without it, code the warm-up ran thousands of times waited
     * at C1's counting tier until the first scenario's events, which then shared the two cores with C2 (1.0 s of compiler
     * CPU in a 1,000 run right after the warm-up, 0.2 s in the next) and ran slower than every later run. Measured in
     * docs/benchmark.md.
     */
    public static final List<String> AOT_STACK_COMPILER = List.of("-XX:TieredStopAtLevel=4", "-XX:CICompilerCount=3",
            "-XX:+UnlockDiagnosticVMOptions", "-XX:+UnlockExperimentalVMOptions", "-XX:+AOTCompileEagerly");

    /** {@link #STACK_JVM_OPTIONS}, then what {@link #STACK_JAVA_OPTS_VARIABLE} adds in {@code env}. */
    public static List<String> stackJvmOptions(Map<String, String> env) {
        return stackJvmOptions(env, List.of());
    }

    /** {@link #STACK_JVM_OPTIONS}, then {@code added}, then what {@link #STACK_JAVA_OPTS_VARIABLE} adds (a later option wins). */
    public static List<String> stackJvmOptions(Map<String, String> env, List<String> added) {
        List<String> options = new ArrayList<>(STACK_JVM_OPTIONS);
        options.addAll(added);
        String extra = env.getOrDefault(STACK_JAVA_OPTS_VARIABLE, "").trim();
        if (!extra.isEmpty()) options.addAll(List.of(extra.split("\\s+")));
        return List.copyOf(options);
    }

    /**
     * JVM of a processor on its own (the docker-compose service, as JAVA_TOOL_OPTIONS): the stack's collector settings
     * without its heap bound, which was sized for the whole stack in one JVM; the container's memory limit sizes the heap.
     */
    public static final List<String> PROCESSOR_JVM_OPTIONS =
            List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=50", "-XX:+ExitOnOutOfMemoryError");

    static {
        List<String> stack = new ArrayList<>(List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch", "-XX:+UseTransparentHugePages"));
        stack.addAll(PROCESSOR_JVM_OPTIONS);
        stack.addAll(STAGE_JVM_OPTIONS);
        STACK_JVM_OPTIONS = List.copyOf(stack);
    }

    public static Properties producerDefaults() {
        Properties p = new Properties();
        p.putAll(Map.of(
                "linger.ms", Integer.toString(PRODUCER_LINGER_MS),
                "acks", PRODUCER_ACKS,
                "batch.size", Integer.toString(PRODUCER_BATCH_SIZE),
                "enable.idempotence", "true",
                "compression.type", "none"));
        return p;
    }

    public static Properties consumerDefaults() {
        Properties p = new Properties();
        p.putAll(Map.of(
                "fetch.min.bytes", Integer.toString(CONSUMER_FETCH_MIN_BYTES),
                "fetch.max.wait.ms", Integer.toString(CONSUMER_FETCH_MAX_WAIT_MS),
                "max.poll.records", Integer.toString(CONSUMER_MAX_POLL_RECORDS),
                "session.timeout.ms", Integer.toString(CONSUMER_SESSION_TIMEOUT_MS),
                "heartbeat.interval.ms", Integer.toString(CONSUMER_HEARTBEAT_INTERVAL_MS)));
        return p;
    }
}
