package io.eventprocessor.cdc;

import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rings when the outbox is written. A statement trigger on the outbox notifies channel {@link Names#DOORBELL_CHANNEL}
 * at commit ({@link ReplicationSetup#ensureDoorbell}); a daemon thread listening on its own connection counts the
 * notifications, so that an idle relay can wait for data rather than poll for it. While it cannot listen (the
 * connection is lost, PostgreSQL restarts), {@link #listening()} is false and nobody should wait on it; it
 * reconnects by itself.
 */
final class Doorbell implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Doorbell.class);
    /** How long one wait for notifications blocks: bounds how late the thread notices it is closed. */
    private static final int WAIT_MS = 5_000;
    private static final long RECONNECT_MS = 5_000;

    private final Settings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition rang = lock.newCondition();
    private final Thread thread;
    private volatile boolean open = true;
    private volatile boolean listening;
    private long rings;
    private volatile long lastRingNanos = System.nanoTime();

    private Doorbell(Settings settings) {
        this.settings = settings;
        this.thread = new Thread(this::run, "outbox-doorbell");
        this.thread.setDaemon(true);
    }

    static Doorbell listen(Settings settings) {
        Doorbell d = new Doorbell(settings);
        d.thread.start();
        return d;
    }

    /** Notifications counted so far. */
    long rings() {
        lock.lock();
        try {
            return rings;
        } finally {
            lock.unlock();
        }
    }

    /** How long ago the last ring was (or the doorbell started). */
    Duration sinceLastRing() {
        return Duration.ofNanos(System.nanoTime() - lastRingNanos);
    }

    /** True while a ring is sure to come with the next write. */
    boolean listening() {
        return listening;
    }

    /** Waits until more than {@code seen} rings were counted, the doorbell stops listening or closes, or {@code max} passed. */
    void awaitRingAfter(long seen, Duration max) throws InterruptedException {
        long nanos = max.toNanos();
        lock.lock();
        try {
            while (rings <= seen && listening && open && nanos > 0) nanos = rang.awaitNanos(nanos);
        } finally {
            lock.unlock();
        }
    }

    private void ring() {
        lock.lock();
        try {
            rings++;
            lastRingNanos = System.nanoTime();
            rang.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (open) {
            try (Connection c = Clients.postgres(settings)) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + Names.DOORBELL_CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                // Without the trigger nothing would ring, and the outbox may be created anew: the trigger is looked for
                // before the first wait and after every wait that heard nothing. A ring is the trigger's own doing, so
                // none is looked for after one: that was a catalog query at every commit, on the cores the batch needs.
                boolean heard = false;
                while (open && (heard || triggerInstalled(c))) {
                    if (!listening) {
                        listening = true;
                        ring(); // writes made while it was not listening must not wait for the next one
                    }
                    var notifications = pg.getNotifications(WAIT_MS);
                    heard = notifications != null && notifications.length > 0;
                    if (heard) ring();
                }
            } catch (SQLException e) {
                if (open) log.debug("outbox doorbell not listening: {}", e.toString());
            } finally {
                if (listening) {
                    listening = false;
                    ring(); // wakes a waiter: without the doorbell it must poll
                }
            }
            sleep();
        }
    }

    private static boolean triggerInstalled(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_trigger WHERE tgname = ? AND tgenabled <> 'D'"
                + " AND tgrelid = to_regclass(?)")) {
            ps.setString(1, Names.DOORBELL_CHANNEL);
            ps.setString(2, Names.OUTBOX_QUALIFIED);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void sleep() {
        try {
            TimeUnit.MILLISECONDS.sleep(RECONNECT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            open = false;
        }
    }

    @Override
    public void close() {
        open = false;
        ring();
        thread.interrupt();
    }
}
