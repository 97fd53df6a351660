package io.eventprocessor.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** TEMPORARY: replaced by the versioned migrator from the loadgen branch. */
public final class Migrations {
    private Migrations() {}

    public static void apply(Connection c) throws SQLException {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/V1__event_outbox.sql");
                Statement s = c.createStatement()) {
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SQLException(e);
        }
    }
}
