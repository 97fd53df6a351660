package io.eventprocessor.contract;

/**
 * Field names of the read-model documents, shared by the handlers, the statistics and whoever verifies the
 * read models, so that no one re-types them.
 */
public final class ReadModel {
    private ReadModel() {}

    public static final String ID = "_id";
    public static final String METADATA = "metadata";
    /** The event that created the document (for a placeholder activity: the first participant's event). */
    public static final String SOURCE_EVENT_ID = "metadata.source_event_id";
    /** Every event id that touched the document, so each outbox event can be found in MongoDB. */
    public static final String EVENT_IDS = "metadata.event_ids";
    /** T0 of the source event, as a date. */
    public static final String CREATED_AT = "metadata.created_at";
    /** When the processor first wrote the document; never changed afterwards, so redelivery is a no-op. */
    public static final String PROCESSED_AT = "metadata.processed_at";
    /**
     * Counts the writes to the document (0 when inserted): every later write names the version it read and sets the
     * next one, so a writer that read stale state (a zombie processor) is refused instead of overwriting newer state.
     */
    public static final String VERSION = "metadata.version";

    public static final String PARTICIPANTS = "participants";
    public static final String PARTICIPANT_COUNT = "participants.count";
    public static final String PARTICIPANT_LIST = "participants.list";
    public static final String PARTICIPANT_USER_IDS = "participants.list.user_id";

    /** Activity lifecycle: a participant may arrive before its ActivityCreated and makes a placeholder. */
    public static final String STATE = "state";
    public static final String STATE_CREATED = "created";
    public static final String STATE_PLACEHOLDER = "placeholder";

    /** The single statistics document. */
    public static final String STATISTICS_ID = "global";
}
