package io.eventprocessor.cdc;

import io.debezium.pipeline.ChangeEventSourceCoordinator;
import io.debezium.pipeline.source.spi.StreamingChangeEventSource;
import io.debezium.util.DelayStrategy;
import io.eventprocessor.config.Tuning;
import java.io.IOException;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pause of Debezium's streaming thread once five reads of the replication stream found nothing, made to end when
 * the server sends something, instead of after {@code poll.interval.ms}: the thread then waits on the replication
 * socket ({@link DataWaitingSocket}) for up to {@link Tuning#REPLICATION_IDLE_WAIT_MS}. The idle thread wakes about
 * sixty times a second (the five reads, then the wait) instead of about 900, and a change that arrives during the
 * pause is read at once.
 *
 * <p>The wait happens where Debezium sleeps, outside pgjdbc's connection lock, so the offset commits that confirm the
 * stream's position to the server (from the engine's thread) are never held up by it. Without a replication socket of
 * its relay (not yet connected) it sleeps {@code poll.interval.ms} as Debezium does.
 */
final class DataWait implements DelayStrategy {
    private static final Logger log = LoggerFactory.getLogger(DataWait.class);
    /** PostgresStreamingChangeEventSource's pause; it has no setting for it. */
    static final String FIELD = "pauseNoMessage";

    private final String relay;

    DataWait(String relay) {
        this.relay = relay;
    }

    @Override
    public boolean sleepWhen(boolean criteria) {
        if (!criteria) return false;
        DataWaitingSocket socket = ReplicationSockets.of(relay);
        try {
            if (socket != null && socket.isConnected() && !socket.isClosed()) {
                socket.awaitData(Tuning.REPLICATION_IDLE_WAIT_MS);
                return true;
            }
        } catch (IOException e) {
            // The stream's next read meets the same failure and reports it through Debezium.
        }
        try {
            Thread.sleep(Tuning.DEBEZIUM_POLL_INTERVAL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /**
     * Puts this wait in place of the pause of {@code coordinator}'s streaming source, once that source exists; true
     * once done (or impossible: Debezium's pause then stays, with a warning).
     */
    static boolean install(ChangeEventSourceCoordinator<?, ?> coordinator, String relay) {
        StreamingChangeEventSource<?, ?> source = coordinator.getStreamingSource().orElse(null);
        if (source == null) return false;
        try {
            Field pause = source.getClass().getDeclaredField(FIELD);
            pause.setAccessible(true);
            if (!(pause.get(source) instanceof DataWait)) pause.set(source, new DataWait(relay));
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Debezium's streaming pause stays a {} ms sleep ({}): the idle relay wakes more often",
                    Tuning.DEBEZIUM_POLL_INTERVAL_MS, e.toString());
        }
        return true;
    }
}
