package io.eventprocessor.cdc;

import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.contract.Names;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Debezium PostgreSQL connector's configuration: the same keys and values serve the embedded engine and
 * the Kafka Connect registration in docker-compose (a test keeps the two equal). The embedded relay adds only what
 * selects its own task ({@link WakeOnDataConnector#configure}).
 */
public final class DebeziumConfig {
    private DebeziumConfig() {}

    public static final String CONNECTOR_CLASS = "io.debezium.connector.postgresql.PostgresConnector";

    /** Connector properties for the outbox table; database coordinates from {@code settings}. */
    public static Map<String, String> connectorProperties(Settings settings) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("connector.class", CONNECTOR_CLASS);
        p.put("plugin.name", "pgoutput");
        p.put("database.hostname", settings.postgresHost());
        p.put("database.port", Integer.toString(settings.postgresPort()));
        p.put("database.user", settings.postgresUser());
        p.put("database.password", settings.postgresPassword());
        p.put("database.dbname", settings.postgresDb());
        p.put("topic.prefix", Names.TOPIC_PREFIX);
        p.put("table.include.list", Names.OUTBOX_QUALIFIED);
        // Key by aggregate: all events of one aggregate land on one partition, in order.
        p.put("message.key.columns", Names.OUTBOX_QUALIFIED + ":aggregate_id");
        p.put("slot.name", Names.REPLICATION_SLOT);
        p.put("publication.name", Names.PUBLICATION);
        p.put("publication.autocreate.mode", "filtered");
        // Only changes from now on: the outbox is a stream, not a table to copy.
        p.put("snapshot.mode", "no_data");
        // Keep created_at as an ISO string with microseconds, uuid as text, jsonb as JSON text.
        p.put("time.precision.mode", "adaptive_time_microseconds");
        p.put("decimal.handling.mode", "string");
        p.put("tombstones.on.delete", "false");
        // The outbox is append-only: truncates and deletes (the demo's reset) are no events.
        p.put("skipped.operations", "t,d");
        p.put("poll.interval.ms", Integer.toString(Tuning.DEBEZIUM_POLL_INTERVAL_MS));
        p.put("max.batch.size", Integer.toString(Tuning.DEBEZIUM_MAX_BATCH_SIZE));
        p.put("max.queue.size", Integer.toString(Tuning.DEBEZIUM_MAX_QUEUE_SIZE));
        p.put("heartbeat.interval.ms", Integer.toString(Tuning.DEBEZIUM_HEARTBEAT_INTERVAL_MS));
        p.put("retriable.restart.connector.wait.ms", Integer.toString(Tuning.DEBEZIUM_RETRIABLE_RESTART_WAIT_MS));
        // A write on a quiet database lets the slot's confirmed position advance, so WAL is released.
        p.put("heartbeat.action.query", "SELECT pg_logical_emit_message(false, 'heartbeat', now()::text)");
        // ...and that WAL message is not itself relayed (it would land on a topic postgres.message).
        p.put("message.prefix.exclude.list", "heartbeat");
        return p;
    }
}
