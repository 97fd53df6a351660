-- The outbox the application writes and Debezium captures (docs/architecture.md).
-- created_at uses clock_timestamp(): now() is the transaction start and would give a whole batch one T0.
CREATE SCHEMA IF NOT EXISTS activity;

CREATE TABLE IF NOT EXISTS activity.event_outbox (
    event_id       uuid        PRIMARY KEY,
    aggregate_id   uuid        NOT NULL,
    aggregate_type text        NOT NULL,
    event_type     text        NOT NULL,
    payload        jsonb       NOT NULL,
    status         text        NOT NULL DEFAULT 'pending',
    created_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX IF NOT EXISTS event_outbox_created_at_idx ON activity.event_outbox (created_at);
