package io.eventprocessor.stack;

import io.eventprocessor.contract.Names;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * A real PostgreSQL server (zonky's packaged binaries) with logical decoding on, holding {@code activity_db}.
 * Durability is left on: zonky turns fsync and synchronous_commit off by default, which flatters latency
 * (with synchronous_commit off the slot-to-Debezium step alone took p50 174 ms here) and is not what
 * production runs.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on loopback.
     *
     * @param dataDirectory kept between starts when not null (a stack that outlives one command); a fresh temporary one otherwise
     */
    public static EmbeddedPostgresServer start(int port, Path dataDirectory) throws IOException, SQLException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "8")
                .setServerConfig("max_wal_senders", "8")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .setServerConfig("timezone", "UTC");
        if (dataDirectory != null) {
            Files.createDirectories(dataDirectory);
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start());
        server.createDatabase();
        return server;
    }

    /** The postmaster's pid, from {@code postmaster.pid} in the data directory, while the server runs. */
    public static Optional<Long> postmasterPid(Path dataDirectory) {
        try {
            String first = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public int port() {
        return postgres.getPort();
    }

    private void createDatabase() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, Names.DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + Names.DATABASE);
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
