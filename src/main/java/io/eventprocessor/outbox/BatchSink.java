package io.eventprocessor.outbox;

import java.sql.SQLException;
import java.util.List;

/** Where the load runner sends events: one call = one committed batch. Tests substitute a recording fake. */
@FunctionalInterface
public interface BatchSink {
    /** Writes and commits the batch; returns only once the rows are committed. */
    void insert(List<OutboxEvent> batch) throws SQLException;
}
