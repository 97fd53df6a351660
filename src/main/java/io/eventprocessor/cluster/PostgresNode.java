package io.eventprocessor.cluster;

import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import io.eventprocessor.outbox.Migrations;
import io.eventprocessor.stack.EmbeddedPostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's PostgreSQL: a standalone server from zonky's packaged binaries (PostgreSQL 18, the major of compose's
 * postgres:18 image, fetched by Maven, so no system package is needed), in its own data directory. zonky only prepares
 * and launches it ({@code pg_ctl start}); nothing stops it when this JVM exits, so it runs on by itself like any server.
 * Then the outbox migrations are applied, as compose's image applies them on an empty data directory.
 */
public record PostgresNode(ClusterHome home, int port) {
    static final String NAME = "postgres";

    /** The server settings of docker-compose.yml's postgres command (ComposeFileTest holds them equal). */
    public static final Map<String, String> SERVER_SETTINGS = orderedMap(
            "wal_level", "logical", "max_replication_slots", "4", "max_wal_senders", "4", "fsync", "on", "synchronous_commit", "on");
    /** The postgres image's defaults, where zonky's differ, and loopback only. */
    public static final Map<String, String> HOST_SETTINGS = orderedMap(
            "listen_addresses", "127.0.0.1", "max_connections", "100", "timezone", "UTC");

    Path dataDir() {
        return home.data().resolve(NAME);
    }

    /** The postmaster's pid while it runs. */
    Optional<Long> pid() {
        return EmbeddedPostgresServer.postmasterPid(dataDir())
                .filter(pid -> NodeProcesses.ours(pid, home.root()));
    }

    /** Starts the server (initdb on first use) and returns the postmaster's pid once it accepts connections. */
    long start() throws Exception {
        Files.createDirectories(dataDir());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir())
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(home.log(NAME).toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(home.log(NAME).toFile()));
        Files.createDirectories(home.logs());
        SERVER_SETTINGS.forEach(builder::setServerConfig);
        HOST_SETTINGS.forEach(builder::setServerConfig);
        builder.start();
        return pid().orElseThrow(() -> new IllegalStateException("PostgreSQL started but wrote no postmaster.pid in " + dataDir()));
    }

    /** The database and the outbox table (the versioned migrations); idempotent. */
    static void prepare(Settings settings) throws Exception {
        Settings postgres = new Settings(settings.postgresHost(), settings.postgresPort(), "postgres", settings.postgresUser(),
                settings.postgresPassword(), settings.kafkaBootstrapServers(), settings.mongoUri(), settings.mongoDatabase(), Optional.empty());
        try (Connection c = Clients.postgres(postgres);
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, settings.postgresDb());
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE DATABASE " + Names.DATABASE);
                    }
                }
            }
        }
        try (Connection c = Clients.postgres(settings)) {
            new Migrations().apply(c);
        }
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return Collections.unmodifiableMap(m);
    }
}
