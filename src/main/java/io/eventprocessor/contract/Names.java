package io.eventprocessor.contract;

import java.util.List;

/** The names every part of the pipeline shares: tables, topics, groups, collections, event types. */
public final class Names {
    private Names() {}

    public static final String DATABASE = "activity_db";
    public static final String SCHEMA = "activity";
    public static final String OUTBOX_TABLE = "event_outbox";
    public static final String OUTBOX_QUALIFIED = SCHEMA + "." + OUTBOX_TABLE;
    /** Which versioned migrations (db/migration/V<n>__<name>.sql) have been applied. */
    public static final String SCHEMA_VERSION_QUALIFIED = SCHEMA + ".schema_version";

    /** Debezium's topic.prefix; the change topic is prefix.schema.table. */
    public static final String TOPIC_PREFIX = "postgres";
    public static final String OUTBOX_TOPIC = TOPIC_PREFIX + "." + OUTBOX_QUALIFIED;
    public static final String HEARTBEAT_TOPIC = "__debezium-heartbeat." + TOPIC_PREFIX;
    public static final String METRICS_TOPIC = "event-processor.metrics";
    public static final String DLQ_TOPIC = "event-processor.dlq";
    public static final String CONSUMER_GROUP = "event-processor-group";

    /** Debezium's replication slot and publication. */
    public static final String REPLICATION_SLOT = "event_processor_slot";
    public static final String PUBLICATION = "event_processor_pub";
    public static final String CONNECTOR_NAME = "event-outbox-connector";
    /** PostgreSQL notification channel a write to the outbox rings, so that an idle relay wakes on data. */
    public static final String DOORBELL_CHANNEL = "event_outbox_doorbell";

    public static final String MONGO_DATABASE = "activity_read";
    public static final String USERS = "users";
    public static final String ACTIVITIES = "activities";
    public static final String STATISTICS = "statistics";
    public static final List<String> READ_MODEL_COLLECTIONS = List.of(USERS, ACTIVITIES, STATISTICS);

    public static final String USER_CREATED = "UserCreated";
    public static final String ACTIVITY_CREATED = "ActivityCreated";
    public static final String PARTICIPANT_JOINED = "ParticipantJoined";
    public static final List<String> EVENT_TYPES = List.of(USER_CREATED, ACTIVITY_CREATED, PARTICIPANT_JOINED);
}
