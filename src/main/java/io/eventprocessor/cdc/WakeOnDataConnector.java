package io.eventprocessor.cdc;

import io.debezium.config.Configuration;
import io.debezium.connector.postgresql.PostgresConnector;
import io.debezium.connector.postgresql.PostgresConnectorTask;
import io.debezium.connector.postgresql.PostgresOffsetContext;
import io.debezium.connector.postgresql.PostgresPartition;
import io.debezium.pipeline.ChangeEventSourceCoordinator;
import io.debezium.pipeline.ErrorHandler;
import io.eventprocessor.config.Tuning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Debezium's PostgreSQL connector whose task hands change events over as soon as they stop coming (a lone event after
 * {@link Tuning#HANDOVER_QUIET_MICROS}, a burst in batches of up to {@link Tuning#DEBEZIUM_MAX_BATCH_SIZE}), instead
 * of when a full batch has formed or the poll interval has passed.
 *
 * <p>Debezium's queue poll returns early only once {@code max.batch.size} events are queued; otherwise it waits out
 * {@code poll.interval.ms}, and its millisecond timer spins through the last millisecond of that wait holding the
 * queue's lock, which the streaming thread needs for every event it adds. Between the batches of a run the engine
 * polls again and again, so that spin took a quarter of a core while events flowed, and a batch's last events waited
 * for the timer. This task waits on {@link WakingQueue} instead and then takes every queued event through Debezium's
 * own poll, configured to return as soon as one event is there ({@code max.batch.size=1}): no timer, no spin, and
 * Debezium's queue keeps its bounds and its error reporting. Before it takes them, it lets a burst gather
 * ({@link WakingQueue#gather}): handed over a few at a time as they were decoded, a batch of rows went to the broker as
 * dozens of small requests and to the processor as as many polls, each with a fixed cost. The embedded relay uses it;
 * Kafka Connect runs the stock connector.
 */
public final class WakeOnDataConnector extends PostgresConnector {
    /** Connector properties that select this connector and its queue, on top of {@link DebeziumConfig}'s. */
    static void configure(Properties props, String relayId) {
        props.put("connector.class", WakeOnDataConnector.class.getName());
        props.put("queue.provider.type", WakingQueue.NAME);
        props.put(WakingQueue.RELAY_KEY, relayId);
        props.put("max.batch.size", "1");
        ReplicationSockets.configure(props, relayId);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return WakeOnDataTask.class;
    }

    /** The task; public with a public constructor, because the engine creates it by reflection. */
    public static final class WakeOnDataTask extends PostgresConnectorTask {
        /**
         * Longest wait for an event before the poll returns empty: bounds how long a stopping engine or a failed
         * streaming thread waits to be noticed. The engine's thread rests in the relay's doorbell wait once the
         * database has been quiet, so this costs wake-ups only in the seconds after a run.
         */
        static final Duration WAIT = Duration.ofMillis(100);
        private static final long QUIET_NANOS = TimeUnit.MICROSECONDS.toNanos(Tuning.HANDOVER_QUIET_MICROS);
        private static final long MAX_GATHER_NANOS = TimeUnit.MICROSECONDS.toNanos(Tuning.HANDOVER_MAX_WAIT_MICROS);

        private volatile WakingQueue<?> queue;
        private volatile ChangeEventSourceCoordinator<PostgresPartition, PostgresOffsetContext> coordinator;
        private volatile String relay;
        /**
         * The streaming source's pause is a {@link DataWait} and its metrics {@link LeanStreamingMetrics}: set by
         * the first poll after the source exists.
         */
        private volatile boolean sourceAdjusted;

        @Override
        public ChangeEventSourceCoordinator<PostgresPartition, PostgresOffsetContext> start(Configuration config) {
            coordinator = super.start(config);
            relay = config.getString(WakingQueue.RELAY_KEY);
            queue = WakingQueue.of(relay);
            sourceAdjusted = false;
            return coordinator;
        }

        @Override
        public List<SourceRecord> doPoll() throws InterruptedException {
            if (!sourceAdjusted && relay != null && DataWait.install(coordinator, relay)) {
                sourceAdjusted = true;
                LeanStreamingMetrics.install(coordinator);
            }
            WakingQueue<?> q = queue;
            if (q == null) return super.doPoll(); // started without the waking queue: Debezium's own poll
            boolean arrived = q.awaitEvents(WAIT);
            if (!arrived && !streamingFailed()) return List.of();
            q.gather(QUIET_NANOS, MAX_GATHER_NANOS, Tuning.DEBEZIUM_MAX_BATCH_SIZE);
            // Each call below returns one queued event at once (max.batch.size=1), or, with a failed streaming
            // thread, throws its error, which restarts or stops the task as Debezium decides.
            List<SourceRecord> batch = new ArrayList<>(super.doPoll());
            while (batch.size() < Tuning.DEBEZIUM_MAX_BATCH_SIZE && q.size() > 0) batch.addAll(super.doPoll());
            return batch;
        }

        private boolean streamingFailed() {
            return getErrorHandler().map(ErrorHandler::getProducerThrowable).isPresent();
        }
    }
}
