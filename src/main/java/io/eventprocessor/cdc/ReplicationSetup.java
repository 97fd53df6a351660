package io.eventprocessor.cdc;

import io.eventprocessor.contract.Names;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The publication and the logical replication slot Debezium reads, created before anyone may write to the
 * outbox. Rows committed before a slot exists are never captured; once the slot exists, PostgreSQL keeps
 * every later change for it, even while Debezium is not yet (or no longer) connected.
 */
public final class ReplicationSetup {
    private ReplicationSetup() {}

    public static void ensurePublicationAndSlot(Connection c) throws SQLException {
        if (!exists(c, "SELECT 1 FROM pg_publication WHERE pubname = ?", Names.PUBLICATION)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE PUBLICATION " + Names.PUBLICATION + " FOR TABLE " + Names.OUTBOX_QUALIFIED);
            }
        }
        if (!exists(c, "SELECT 1 FROM pg_replication_slots WHERE slot_name = ?", Names.REPLICATION_SLOT)) {
            try (PreparedStatement s = c.prepareStatement("SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
                s.setString(1, Names.REPLICATION_SLOT);
                s.execute();
            }
        }
    }

    /**
     * The outbox's doorbell: every statement that writes the outbox notifies {@link Names#DOORBELL_CHANNEL} when it commits
     * (one notification per transaction: PostgreSQL folds equal ones), so that the embedded relay sleeps while nothing is
     * written and wakes on the next write. A notifying commit takes a brief global lock, so it is installed only where the
     * embedded relay captures, not by the outbox's migrations.
     */
    public static void ensureDoorbell(Connection c) throws SQLException {
        String function = Names.SCHEMA + "." + Names.DOORBELL_CHANNEL;
        try (Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN PERFORM pg_notify('" + Names.DOORBELL_CHANNEL + "', ''); RETURN NULL; END $$");
            s.execute("CREATE OR REPLACE TRIGGER " + Names.DOORBELL_CHANNEL + " AFTER INSERT OR UPDATE OR DELETE ON "
                    + Names.OUTBOX_QUALIFIED + " FOR EACH STATEMENT EXECUTE FUNCTION " + function + "()");
        }
    }

    /** Waits until a walsender (Debezium) is streaming from the slot. */
    public static void awaitSlotActive(Connection c, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!exists(c, "SELECT 1 FROM pg_replication_slots WHERE slot_name = ? AND active", Names.REPLICATION_SLOT)) {
            if (System.nanoTime() > deadline) {
                throw new SQLException("Replication slot " + Names.REPLICATION_SLOT + " did not become active within "
                        + timeout.toSeconds() + " s: Debezium is not streaming.");
            }
            Thread.sleep(20);
        }
    }

    /** Waits until no walsender streams from the slot any more (a stopped connector's server process has exited). */
    public static void awaitSlotInactive(Connection c, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (exists(c, "SELECT 1 FROM pg_replication_slots WHERE slot_name = ? AND active", Names.REPLICATION_SLOT)) {
            if (System.nanoTime() > deadline) {
                throw new SQLException("Replication slot " + Names.REPLICATION_SLOT + " is still in use " + timeout.toSeconds()
                        + " s after Debezium stopped.");
            }
            Thread.sleep(20);
        }
    }

    /** Bytes of WAL the slot still holds back: how far Debezium's confirmed position is behind the database. */
    public static long slotLagBytes(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn) FROM pg_replication_slots WHERE slot_name = ?")) {
            s.setString(1, Names.REPLICATION_SLOT);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
