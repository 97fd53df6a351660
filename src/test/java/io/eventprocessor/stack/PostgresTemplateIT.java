package io.eventprocessor.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventprocessor.contract.Names;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresTemplateIT {

    @Test
    void aNewDataDirectoryIsACopyOfTheTemplateTheFirstKeptWithItsSuperuserGivenItsOwnPassword(@TempDir Path dir) throws Exception {
        PostgresTemplate template = PostgresTemplate.forPackagedBinaries(dir.resolve("cache")).orElseThrow();
        long first = firstStart(template, dir);
        assertThat(template.directory().resolve("data/PG_VERSION")).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(template.directory().resolve("password"))))
                .isEqualTo("rw-------");
        String templatePassword = Files.readString(template.directory().resolve("password"), StandardCharsets.UTF_8).trim();

        Path data = dir.resolve("b/postgres");
        try (EmbeddedPostgresServer b = EmbeddedPostgresServer.start(0, data, Optional.of(template))) {
            // initdb gives every cluster an identifier of its own: the same one is the template's copy.
            assertThat(systemIdentifier(b.port(), b.password())).isEqualTo(first);
            assertThat(b.password()).isNotEqualTo(templatePassword);
            assertThatThrownBy(() -> connect(b.port(), templatePassword)).isInstanceOf(SQLException.class);
        }
        // Started again on its own directory, with no template at hand: its own password still logs in.
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(0, data, Optional.empty())) {
            assertThat(systemIdentifier(again.port(), again.password())).isEqualTo(first);
        }
    }

    @Test
    void aCopyWhoseFirstStartWasCutShortBeforeItsPasswordWasWrittenStartsAndGetsOneOfItsOwn(@TempDir Path dir) throws Exception {
        PostgresTemplate template = PostgresTemplate.forPackagedBinaries(dir.resolve("cache")).orElseThrow();
        long first = firstStart(template, dir);
        String templatePassword = Files.readString(template.directory().resolve("password"), StandardCharsets.UTF_8).trim();
        // What a stack killed after the copy, before its superuser's password was replaced, leaves.
        Path data = dir.resolve("b/postgres");
        Files.createDirectories(data.getParent());
        assertThat(template.copyTo(data)).contains(templatePassword);
        try (EmbeddedPostgresServer b = EmbeddedPostgresServer.start(0, data, Optional.of(template))) {
            assertThat(systemIdentifier(b.port(), b.password())).isEqualTo(first);
            assertThat(Files.readString(EmbeddedPostgresServer.passwordFile(data)).trim()).isEqualTo(b.password());
            assertThatThrownBy(() -> connect(b.port(), templatePassword)).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aTemplateTheServerCannotStartFromIsDiscardedAndInitdbMakesTheDirectory(@TempDir Path dir) throws Exception {
        PostgresTemplate template = PostgresTemplate.forPackagedBinaries(dir.resolve("cache")).orElseThrow();
        long first = firstStart(template, dir);
        // A directory where zonky makes its lock file: the start fails at once (other damage, such as files of another
        // major version, fails the same way after zonky's whole wait for the server, a minute).
        Files.createDirectories(template.directory().resolve("data/epg-lock/in-the-way"));
        try (EmbeddedPostgresServer b = EmbeddedPostgresServer.start(0, dir.resolve("b/postgres"), Optional.of(template))) {
            assertThat(systemIdentifier(b.port(), b.password())).isNotEqualTo(first);
        }
        assertThat(template.directory()).doesNotExist();
    }

    /** Starts a first new data directory, which keeps the template; returns its cluster's identifier. */
    private static long firstStart(PostgresTemplate template, Path dir) throws Exception {
        try (EmbeddedPostgresServer a = EmbeddedPostgresServer.start(0, dir.resolve("a/postgres"), Optional.of(template))) {
            return systemIdentifier(a.port(), a.password());
        }
    }

    private static long systemIdentifier(int port, String password) throws SQLException {
        try (Connection c = connect(port, password); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT system_identifier FROM pg_control_system()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect(int port, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + Names.DATABASE, EmbeddedPostgresServer.SUPERUSER, password);
    }
}
