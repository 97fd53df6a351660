package io.eventprocessor.scenario;

import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import io.eventprocessor.outbox.BatchSink;
import io.eventprocessor.outbox.OutboxEvent;
import io.eventprocessor.outbox.OutboxWriter;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox writer of a run, surviving PostgreSQL going away (a restart, a failover): when the connection breaks,
 * it connects again and asks whether the batch in flight committed before the break (its event ids are in the outbox:
 * all or none, one transaction per batch), then sends it again only if it did not. So a restart neither loses nor
 * doubles a batch. It gives up after {@link #RECONNECT_FOR}; any other SQL error is the caller's.
 */
final class ReconnectingSink implements BatchSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReconnectingSink.class);
    /** How long a batch waits for PostgreSQL to come back before the run fails with the last error. */
    static final Duration RECONNECT_FOR = Duration.ofSeconds(120);
    private static final long PAUSE_MS = 500;

    /** Characters of a lost connection's reason kept in the log line. */
    static final int WHY_CHARS = 200;

    private final Settings settings;
    private OutboxWriter writer;

    ReconnectingSink(Settings settings) {
        this.settings = settings;
    }

    /**
     * Connects now and readies the connection ({@link OutboxWriter#prime}), so that the first batch finds it warm. A
     * failure here is only logged: the first batch connects again and reports what is wrong, as it would have anyway.
     */
    void connect() {
        try {
            if (writer == null) writer = OutboxWriter.open(settings);
            writer.prime();
        } catch (SQLException | RuntimeException e) {
            log.debug("outbox connection not ready ahead of the first batch ({}); the first batch connects",
                    e instanceof SQLException sql ? why(sql) : e.toString());
            if (writer != null) closeQuietly();
        }
    }

    @Override
    public void insert(List<OutboxEvent> batch) throws SQLException {
        long deadline = System.nanoTime() + RECONNECT_FOR.toNanos();
        boolean mayHaveCommitted = false;
        while (true) {
            boolean connected = writer != null;
            try {
                if (writer == null) {
                    writer = OutboxWriter.open(settings);
                    if (mayHaveCommitted && committed(batch)) {
                        log.info("PostgreSQL is back; the batch of {} in flight had committed before the connection broke", batch.size());
                        return;
                    }
                }
                writer.insert(batch);
                return;
            } catch (SQLException e) {
                if (!connectionLost(e) || System.nanoTime() > deadline) throw e;
                mayHaveCommitted |= connected;
                reconnectLater(why(e));
            } catch (RuntimeException | AssertionError e) {
                // The driver, run with assertions on, fails an internal assertion when the server goes away mid-batch.
                if (!connected || System.nanoTime() > deadline) throw e;
                mayHaveCommitted = true;
                reconnectLater(e.toString());
            }
        }
    }

    private void reconnectLater(String why) throws SQLException {
        if (writer != null) {
            log.warn("PostgreSQL connection lost while inserting ({}); reconnecting", why);
            closeQuietly();
        }
        try {
            Thread.sleep(PAUSE_MS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for PostgreSQL to come back", ie);
        }
    }

    /**
     * Why a connection was lost, in one short line: a batch's exception names its whole statement (every row of the
     * batch), so the cause the driver chained to it is told instead.
     */
    static String why(SQLException e) {
        SQLException cause = e instanceof BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
        String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        return message.length() <= WHY_CHARS ? message : message.substring(0, WHY_CHARS) + "...";
    }

    /** True when every event of the batch is in the outbox (none: it did not commit; the batch is one transaction). */
    private boolean committed(List<OutboxEvent> batch) throws SQLException {
        String[] ids = batch.stream().map(e -> e.eventId().toString()).toArray(String[]::new);
        try (Connection c = Clients.postgres(settings);
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + Names.OUTBOX_QUALIFIED + " WHERE event_id = ANY(?::uuid[])")) {
            ps.setArray(1, c.createArrayOf("text", ids));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == ids.length;
            }
        }
    }

    /** SQLState class 08 (connection exception) or 57P0x (the server is shutting down, or starting). */
    static boolean connectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    private void closeQuietly() {
        try {
            writer.close();
        } catch (SQLException | RuntimeException ignored) {
            // the connection is gone already
        }
        writer = null;
    }

    /** Closes the connection; one that broke meanwhile has nothing left to close. */
    @Override
    public void close() {
        if (writer != null) closeQuietly();
    }
}
