package io.eventprocessor.stack;

import io.eventprocessor.contract.Names;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's packaged binaries) with logical decoding on, holding {@code activity_db}.
 * Durability is left on: zonky turns fsync and synchronous_commit off by default, which flatters latency
 * (with synchronous_commit off the slot-to-Debezium step alone took p50 174 ms here) and is not what
 * production runs.
 *
 * <p>Every connection logs in with a password (SCRAM over loopback TCP; no Unix socket, no trust): the superuser's
 * password is generated when the data directory is created and kept beside it ({@link #passwordFile}, mode 0600),
 * so a restart on the same directory logs in again. A new data directory is a copy of the {@link PostgresTemplate}
 * when there is one (initdb otherwise, which keeps one); its superuser's password is replaced with the directory's own
 * as the server comes up. Before starting, a server that a killed stack left running on the same directory is stopped
 * ({@link PostgresOrphans}).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    public static final String SUPERUSER = "postgres";
    private static final String HBA = """
            # Written by the event processor's embedded stack on every start: a password (SCRAM) over loopback TCP, nothing else.
            host    all            all    127.0.0.1/32    scram-sha-256
            host    all            all    ::1/128         scram-sha-256
            host    replication    all    127.0.0.1/32    scram-sha-256
            host    replication    all    ::1/128         scram-sha-256
            """;
    private static final String HBA_UNTIL_PASSWORD_SET = """
            # Written by the event processor's embedded stack for one start, until the superuser's password is set.
            host    all            all    127.0.0.1/32    trust
            host    replication    all    127.0.0.1/32    trust
            """;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String password;
    /** The postmaster (zonky starts it through a launcher that exits at once), when the data directory is known. */
    private final ProcessHandle postmaster;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, String password) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.password = password;
        this.postmaster = dataDirectory == null ? null
                : postmasterPid(dataDirectory).flatMap(ProcessHandle::of).orElse(null);
    }

    /**
     * Starts PostgreSQL on loopback.
     *
     * @param dataDirectory kept between starts when not null (a stack that outlives one command); a fresh temporary one otherwise
     */
    public static EmbeddedPostgresServer start(int port, Path dataDirectory) throws IOException, SQLException {
        Optional<PostgresTemplate> template = dataDirectory == null ? Optional.empty()
                : PostgresTemplate.forPackagedBinaries(StackAotCache.directory(System.getenv()));
        return start(port, dataDirectory, template);
    }

    /** As {@link #start(int, Path)}, a new data directory made from {@code template} when there is one. */
    static EmbeddedPostgresServer start(int port, Path dataDirectory, Optional<PostgresTemplate> template) throws IOException, SQLException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                // Stopped by whoever started it (LocalStack, in order, also from its own shutdown hook): the library's hook
                // stopped the server while Debezium still read from it, which logged its heartbeat's failure as an ERROR.
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "8")
                .setServerConfig("max_wal_senders", "8")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .setServerConfig("timezone", "UTC")
                // Its analyze of the outbox, a minute after a run, made the next run's first batch wait for Debezium to
                // read the table's description again; the demo's reset vacuums the outbox itself (DemoData.emptyOutbox).
                .setServerConfig("autovacuum", "off");
        boolean initialised = false;
        boolean passwordKnown = false;
        String password;
        if (dataDirectory != null) {
            Files.createDirectories(dataDirectory);
            try {
                PostgresOrphans.stopLeftovers(dataDirectory).ifPresent(done -> log.warn("Before starting PostgreSQL: {}", done));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping a PostgreSQL server left running on " + dataDirectory, e);
            }
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            initialised = Files.exists(dataDirectory.resolve("postgresql.conf"));
            passwordKnown = Files.exists(passwordFile(dataDirectory));
            // A new password is written down once the superuser has it (below): a start cut short before that leaves a
            // directory whose next start sets one as a directory from before passwords does.
            password = passwordKnown ? PrivateFiles.readSecret(passwordFile(dataDirectory)) : PrivateFiles.newSecret(24);
        } else {
            password = PrivateFiles.newSecret(24);
        }
        // The server would exit at once on a taken port, and zonky would wait its whole start-up time for it.
        if (port > 0 && !Ports.isFree(port)) {
            throw new IOException("PostgreSQL cannot listen on 127.0.0.1:" + port + ": another program holds that port");
        }
        // A directory made before passwords were set has a superuser without one: one start trusts loopback, sets it, then stops trusting.
        boolean setPasswordAfterStart = initialised && !passwordKnown;
        // The superuser's password as the server comes up: a template's own, until replaced.
        String initial = password;
        boolean copied = false;
        Path pwfile = null;
        if (!initialised) {
            Optional<String> templatePassword = template.isPresent() ? template.get().copyTo(dataDirectory) : Optional.empty();
            copied = templatePassword.isPresent();
            if (copied) {
                initial = templatePassword.get();
            } else {
                if (template.isPresent()) initial = PrivateFiles.newSecret(24);
                pwfile = Files.createTempFile("event-processor-pg", ".pw",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(pwfile, initial + "\n");
                builder.setLocaleConfig("pwfile", pwfile.toString());
            }
        }
        builder.setConnectConfig("password", initial);
        // Called once, between initdb (when it ran) and the server's start.
        boolean keep = !initialised && !copied && template.isPresent();
        String kept = initial;
        builder.setDataDirectoryCustomizer(dir -> {
            if (keep) template.get().keep(dir.toPath(), kept);
            writeHba(dir.toPath(), setPasswordAfterStart ? HBA_UNTIL_PASSWORD_SET : HBA);
        });
        EmbeddedPostgres started;
        try {
            started = builder.start();
        } catch (IOException | RuntimeException e) {
            if (!copied) throw e;
            log.warn("PostgreSQL did not start from the template in {} ({}); running initdb instead", template.get().directory(),
                    e.getMessage());
            template.get().discard();
            startAfresh(dataDirectory);
            return start(port, dataDirectory, Optional.empty());
        } finally {
            if (pwfile != null) Files.deleteIfExists(pwfile);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(started, dataDirectory, password);
        try {
            if (setPasswordAfterStart || !initial.equals(password)) server.setPassword(setPasswordAfterStart);
            if (dataDirectory != null && !passwordKnown) PrivateFiles.writeSecret(passwordFile(dataDirectory), password);
            server.createDatabase();
        } catch (SQLException | IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Where the superuser's password of a kept data directory lives: beside it, since initdb wants the directory empty. */
    static Path passwordFile(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".password");
    }

    private static void writeHba(Path dataDirectory, String hba) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), hba);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pg_hba.conf in " + dataDirectory, e);
        }
    }

    /**
     * Logged in as the server came up (trusting loopback, or with a template's password), gives the superuser this
     * directory's own password; with {@code stopTrusting}, loopback asks for it from now on.
     */
    private void setPassword(boolean stopTrusting) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password.replace("'", "''") + "'");
            if (!stopTrusting) return;
            writeHba(dataDirectory, HBA);
            s.execute("SELECT pg_reload_conf()");
        }
        log.info("PostgreSQL in {} now asks for the password kept in {}", dataDirectory, passwordFile(dataDirectory));
    }

    /** A connection to the {@code postgres} database with the superuser's password. */
    private Connection connection() throws SQLException {
        return postgres.getDatabase(SUPERUSER, "postgres", Map.of("password", password)).getConnection();
    }

    /** Stops a server left on {@code dataDirectory} and empties it, for initdb. */
    private static void startAfresh(Path dataDirectory) throws IOException {
        try {
            PostgresOrphans.stopLeftovers(dataDirectory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the PostgreSQL server on " + dataDirectory, e);
        }
        TemporaryHome.remove(dataDirectory);
        Files.createDirectories(dataDirectory);
    }

    /** The superuser's password: it goes to stack.env (mode 0600) and never to a terminal or a log. */
    public String password() {
        return password;
    }

    /** True while the server process runs (always true for a temporary data directory, whose postmaster is not known). */
    public boolean isAlive() {
        return postmaster == null || postmaster.isAlive();
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
        try (Connection c = connection();
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
