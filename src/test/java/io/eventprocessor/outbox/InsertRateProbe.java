package io.eventprocessor.outbox;

import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.contract.Names;
import io.eventprocessor.loadgen.EventGenerator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Throw-away measurement, not a test: rows/s into embedded PostgreSQL for batched INSERT vs COPY.
 * Events are generated before the clock starts; each timed run starts from an empty (truncated) table; the
 * server runs with fsync and synchronous_commit on, as the stack does. Run it with the test classpath:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.eventprocessor.outbox.InsertRateProbe}.
 *
 * <p>Measured 2026-11-28 on the 2-core build machine while other builds ran (load average 4-6), PostgreSQL 18.4,
 * median of 5 rounds, rows/s: batch 100 - BATCHED_INSERT 24k-59k, COPY 27k-48k, UNNEST 29k-52k; batch 1,000 -
 * BATCHED_INSERT 50k-73k, COPY 50k-82k, UNNEST 61k-82k. At batch 100 the per-commit WAL flush dominates and the
 * methods are within the noise of each other; COPY and UNNEST pull ahead only with larger batches.
 */
public final class InsertRateProbe {
    private InsertRateProbe() {}

    public static void main(String[] args) throws Exception {
        int[] sizes = {10_000, 50_000};
        int[] batchSizes = {Tuning.INSERT_BATCH_SIZE, 1_000};
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .start()) {
            Settings url = new Settings("127.0.0.1", pg.getPort(), "postgres", "postgres", "postgres", "", "", "", Optional.empty());
            try (Connection c = Clients.postgres(url)) {
                new Migrations().apply(c);
            }
            List<OutboxEvent> all = new EventGenerator(1, Instant.now()).mixed(50_000);
            // warm-up: JIT, server caches, prepared statement
            for (OutboxWriter.Method m : OutboxWriter.Method.values()) run(url, m, all.subList(0, 5_000), 100);
            // Methods alternate within each round so that load from other processes on this shared machine
            // hits all of them alike; the median of the rounds is the figure to quote.
            System.out.printf("%-15s %7s %6s %10s %10s   %s%n", "method", "rows", "batch", "median", "best", "rows/s per round");
            for (int n : sizes) {
                for (int batch : batchSizes) {
                    OutboxWriter.Method[] methods = OutboxWriter.Method.values();
                    double[][] rates = new double[methods.length][repeats];
                    for (int r = 0; r < repeats; r++) {
                        for (int m = 0; m < methods.length; m++) rates[m][r] = run(url, methods[m], all.subList(0, n), batch);
                    }
                    for (int m = 0; m < methods.length; m++) {
                        StringBuilder each = new StringBuilder();
                        for (double rate : rates[m]) each.append(String.format("%,9.0f", rate));
                        double[] sorted = rates[m].clone();
                        Arrays.sort(sorted);
                        System.out.printf("%-15s %,7d %6d %,10.0f %,10.0f   %s%n", methods[m], n, batch,
                                sorted[repeats / 2], sorted[repeats - 1], each);
                    }
                }
            }
        }
    }

    private static double run(Settings url, OutboxWriter.Method method, List<OutboxEvent> events, int batch) throws Exception {
        try (Connection c = Clients.postgres(url); Statement st = c.createStatement()) {
            st.execute("TRUNCATE " + Names.OUTBOX_QUALIFIED);
            st.execute("CHECKPOINT");
        }
        try (OutboxWriter writer = OutboxWriter.open(url, method)) {
            long start = System.nanoTime();
            for (int i = 0; i < events.size(); i += batch) {
                writer.insert(events.subList(i, Math.min(events.size(), i + batch)));
            }
            return events.size() / ((System.nanoTime() - start) / 1e9);
        }
    }
}
