package io.eventprocessor.outbox;

import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Writes outbox events to {@code activity.event_outbox}, one committed transaction per batch.
 *
 * <p>{@code created_at} is never written: its DEFAULT {@code clock_timestamp()} gives every row its own T0, taken
 * as the row is inserted ({@code now()} would give a whole batch the transaction start). Status is
 * {@value OutboxEvent#STATUS_PENDING}.
 *
 * <p>Three methods, same rows. {@link Method#UNNEST}, the default: one INSERT of the whole batch, its columns passed as
 * arrays. {@link Method#BATCHED_INSERT}: a JDBC batch, which the driver rewrites into multi-row INSERTs of 64, 32, 16...
 * rows because the connection sets {@code reWriteBatchedInserts=true}, then a COMMIT. {@link Method#COPY}:
 * {@code COPY ... FROM STDIN}, CSV. A method of one statement runs it in auto-commit, so the statement is the batch's
 * transaction and PostgreSQL commits it in the same round trip.
 *
 * <p>Why UNNEST: no row of a batch can be captured before the batch's commit is durable, so a row's {@code cdc_capture}
 * begins with the wait from its T0 to that commit. For the median row of a batch of 100, 60-80 batches 50 ms apart on a
 * running stack, alternating: 2.13-2.16 ms with UNNEST, 2.56-2.63 with the rewritten batch and its COMMIT (three
 * statements, their triggers and a second round trip); the whole call 4.2 ms against 4.7. docs/benchmark.md has the
 * figures. Not thread-safe: one writer per sending thread.
 */
public final class OutboxWriter implements BatchSink, AutoCloseable {

    public enum Method {
        BATCHED_INSERT(false), COPY(true), UNNEST(true);

        /** One statement per batch, run in auto-commit: the statement is the transaction. */
        final boolean oneStatement;

        Method(boolean oneStatement) {
            this.oneStatement = oneStatement;
        }
    }

    private static final String COLUMNS = "event_id, aggregate_id, aggregate_type, event_type, payload, status";
    private static final String INSERT_SQL = "INSERT INTO " + Names.OUTBOX_QUALIFIED + " (" + COLUMNS + ")"
            + " VALUES (?::uuid, ?::uuid, ?, ?, ?::jsonb, ?)";
    private static final String UNNEST_SQL = "INSERT INTO " + Names.OUTBOX_QUALIFIED + " (" + COLUMNS + ")"
            + " SELECT e::uuid, a::uuid, at, et, p::jsonb, s FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " AS u(e, a, at, et, p, s)";
    private static final String PRIME_SQL = "INSERT INTO " + Names.OUTBOX_QUALIFIED + " (" + COLUMNS + ")"
            + " SELECT NULL::uuid, NULL::uuid, NULL, NULL, NULL::jsonb, NULL WHERE false";
    private static final String COPY_SQL = "COPY " + Names.OUTBOX_QUALIFIED + " (" + COLUMNS + ") FROM STDIN WITH (FORMAT csv)";

    private final Connection connection;
    private final Method method;
    private PreparedStatement insert;

    /** Takes ownership of the connection (closed with the writer); auto-commit on for a method of one statement, off otherwise. */
    public OutboxWriter(Connection connection, Method method) throws SQLException {
        this.connection = connection;
        this.method = method;
        connection.setAutoCommit(method.oneStatement);
    }

    public static OutboxWriter open(Settings settings, Method method) throws SQLException {
        return new OutboxWriter(Clients.postgresForBatches(settings), method);
    }

    public static OutboxWriter open(Settings settings) throws SQLException {
        return open(settings, Method.UNNEST);
    }

    public Method method() {
        return method;
    }

    /**
     * Readies the connection for its first batch with an INSERT of no rows (a transaction that writes nothing, so no
     * change reaches the replication stream). A new PostgreSQL backend loads the outbox's catalog entries (table, indexes,
     * column types, the {@code created_at} default) on its first INSERT, and every row of that batch waits for it: the
     * first batch of a run spread its 100 rows' T0 over 4.6-7.2 ms against 1-2 ms for the batches after it; primed first,
     * 2.2-4.0 ms.
     */
    public void prime() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(PRIME_SQL);
        }
        if (!method.oneStatement) connection.commit();
    }

    /** Inserts and commits the batch with this writer's method; on failure the batch is rolled back whole. */
    @Override
    public void insert(List<OutboxEvent> batch) throws SQLException {
        if (batch.isEmpty()) return;
        if (method.oneStatement) {
            // A statement in auto-commit commits whole or not at all.
            insertRows(batch);
            return;
        }
        try {
            insertRows(batch);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed); // the insert error is the one to report (e.g. connection lost)
            }
            throw e;
        }
    }

    private void insertRows(List<OutboxEvent> batch) throws SQLException {
        switch (method) {
            case COPY -> copyRows(batch);
            case UNNEST -> unnestRows(batch);
            case BATCHED_INSERT -> batchRows(batch);
        }
    }

    private void batchRows(List<OutboxEvent> batch) throws SQLException {
        if (insert == null) insert = connection.prepareStatement(INSERT_SQL);
        for (OutboxEvent e : batch) {
            // uuids as text with a cast: the same SQL works whether or not the driver maps java.util.UUID
            insert.setString(1, e.eventId().toString());
            insert.setString(2, e.aggregateId().toString());
            insert.setString(3, e.aggregateType());
            insert.setString(4, e.eventType());
            insert.setString(5, e.payload());
            insert.setString(6, OutboxEvent.STATUS_PENDING);
            insert.addBatch();
        }
        insert.executeBatch();
    }

    private void unnestRows(List<OutboxEvent> batch) throws SQLException {
        if (insert == null) insert = connection.prepareStatement(UNNEST_SQL);
        int n = batch.size();
        String[][] columns = new String[6][n];
        for (int i = 0; i < n; i++) {
            OutboxEvent e = batch.get(i);
            columns[0][i] = e.eventId().toString();
            columns[1][i] = e.aggregateId().toString();
            columns[2][i] = e.aggregateType();
            columns[3][i] = e.eventType();
            columns[4][i] = e.payload();
            columns[5][i] = OutboxEvent.STATUS_PENDING;
        }
        for (int c = 0; c < 6; c++) insert.setArray(c + 1, connection.createArrayOf("text", columns[c]));
        insert.executeUpdate();
    }

    private void copyRows(List<OutboxEvent> batch) throws SQLException {
        StringBuilder csv = new StringBuilder(batch.size() * 400);
        for (OutboxEvent e : batch) {
            csv.append(e.eventId()).append(',').append(e.aggregateId()).append(',');
            quote(csv, e.aggregateType()).append(',');
            quote(csv, e.eventType()).append(',');
            quote(csv, e.payload()).append(',');
            quote(csv, OutboxEvent.STATUS_PENDING).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL, new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new SQLException("COPY into " + Names.OUTBOX_QUALIFIED + " failed", e);
        }
    }

    /** CSV quoting: always quoted (so an empty string is not NULL), inner quotes doubled. */
    private static StringBuilder quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') out.append('"');
            out.append(c);
        }
        return out.append('"');
    }

    @Override
    public void close() throws SQLException {
        try {
            if (insert != null) insert.close();
        } finally {
            connection.close();
        }
    }
}
