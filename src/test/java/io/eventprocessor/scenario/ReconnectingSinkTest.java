package io.eventprocessor.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ReconnectingSinkTest {
    @Test
    void aLostBatchIsToldByItsCauseNotByItsStatement() {
        String statement = "Batch entry 0 INSERT INTO activity.event_outbox VALUES " + "('row'),".repeat(5_000) + " was aborted";
        BatchUpdateException batch = new BatchUpdateException(statement, "08006", new int[0]);
        batch.setNextException(new SQLException("An I/O error occurred while sending to the backend.", "08006"));

        assertThat(ReconnectingSink.why(batch)).isEqualTo("An I/O error occurred while sending to the backend.");
    }

    @Test
    void aLongReasonIsCutToOneShortLine() {
        String why = ReconnectingSink.why(new SQLException("x".repeat(1_000) + "\nsecond line"));
        assertThat(why).hasSize(ReconnectingSink.WHY_CHARS + 3).endsWith("...").doesNotContain("\n");
    }
}
