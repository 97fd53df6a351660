package io.eventprocessor.outbox;

import io.eventprocessor.contract.Names;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the versioned SQL files {@code db/migration/V<n>__<name>.sql} in version order, each once, recording
 * them in {@link Names#SCHEMA_VERSION_QUALIFIED}. Rerunning applies only what is new.
 *
 * <p>The files are listed in {@code db/migration/index.txt} (one file name a line) because listing a classpath
 * directory does not work reliably inside a jar. A new migration = a new file plus a line in the index.
 */
public final class Migrations {
    public static final String LOCATION = "db/migration/";
    public static final String INDEX = LOCATION + "index.txt";
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
    /** Arbitrary constant: the advisory lock that serialises concurrent migrators (two CLI commands at once). */
    private static final long LOCK_KEY = 0x6576_656e_7450_726fL;

    /** One migration file. */
    public record Migration(int version, String name, String resource) {}

    private final ClassLoader loader;

    public Migrations() {
        this(Migrations.class.getClassLoader());
    }

    public Migrations(ClassLoader loader) {
        this.loader = loader;
    }

    /** The migrations the index names, in version order. */
    public List<Migration> list() {
        List<Migration> migrations = new ArrayList<>();
        try (InputStream in = open(INDEX);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                Matcher m = FILE_NAME.matcher(line);
                if (!m.matches()) throw new IllegalStateException(INDEX + ": '" + line + "' is not V<n>__<name>.sql");
                migrations.add(new Migration(Integer.parseInt(m.group(1)), m.group(2), LOCATION + line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        migrations.sort(Comparator.comparingInt(Migration::version));
        for (int i = 1; i < migrations.size(); i++) {
            if (migrations.get(i).version() == migrations.get(i - 1).version()) {
                throw new IllegalStateException(INDEX + ": version " + migrations.get(i).version() + " appears twice");
            }
        }
        return migrations;
    }

    /**
     * Applies every migration not yet recorded, each in its own transaction together with its record, so a
     * failing migration leaves neither half-applied DDL nor a record. Returns the versions applied by this call.
     * The connection's auto-commit setting is restored afterwards.
     */
    public List<Integer> apply(Connection connection) throws SQLException {
        List<Migration> migrations = list();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement st = connection.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                st.execute("CREATE SCHEMA IF NOT EXISTS " + Names.SCHEMA);
                st.execute("CREATE TABLE IF NOT EXISTS " + Names.SCHEMA_VERSION_QUALIFIED + " ("
                        + "version int PRIMARY KEY, name text NOT NULL, "
                        + "applied_at timestamptz NOT NULL DEFAULT clock_timestamp())");
            }
            connection.commit();
            List<Integer> applied = new ArrayList<>();
            for (Migration migration : migrations) {
                try (Statement st = connection.createStatement()) {
                    // The lock is re-taken per transaction; checking inside it means a concurrent migrator that
                    // got there first is seen, never repeated.
                    st.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                    if (appliedVersions(connection).containsKey(migration.version())) {
                        connection.commit();
                        continue;
                    }
                    st.execute(read(migration.resource()));
                }
                try (PreparedStatement ps = connection.prepareStatement(
                        "INSERT INTO " + Names.SCHEMA_VERSION_QUALIFIED + " (version, name) VALUES (?, ?)")) {
                    ps.setInt(1, migration.version());
                    ps.setString(2, migration.name());
                    ps.executeUpdate();
                }
                connection.commit();
                applied.add(migration.version());
            }
            return applied;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Version -> name of every recorded migration (empty if the version table does not exist yet). */
    public Map<Integer, String> appliedVersions(Connection connection) throws SQLException {
        Map<Integer, String> versions = new HashMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT to_regclass('" + Names.SCHEMA_VERSION_QUALIFIED + "')")) {
            if (!rs.next() || rs.getString(1) == null) return versions;
        }
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, name FROM " + Names.SCHEMA_VERSION_QUALIFIED)) {
            while (rs.next()) versions.put(rs.getInt(1), rs.getString(2));
        }
        return versions;
    }

    private String read(String resource) {
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InputStream open(String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) throw new IllegalStateException("missing classpath resource " + resource);
        return in;
    }
}
