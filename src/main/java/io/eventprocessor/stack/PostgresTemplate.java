package io.eventprocessor.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL data directory as initdb left it, kept in the cache directory for the packaged binaries that made it: a
 * fresh state directory starts from a copy of it (0.2 s here, forced to the disk) instead of running initdb (0.8-0.9 s
 * here, on the stack's critical path). Its superuser has a password of its own, kept with it (mode 0600); a server
 * started from a copy replaces it with its state directory's own before anything else connects.
 *
 * <p>Keyed by the binaries' archive (its name, size and time), so other binaries never meet it. Written under a
 * temporary name and renamed, so a reader finds a whole template or none; the one a server could not start from is
 * discarded, and the next fresh start runs initdb and keeps a new one.
 */
final class PostgresTemplate {
    private static final Logger log = LoggerFactory.getLogger(PostgresTemplate.class);
    private static final String PREFIX = "postgres-";
    private static final String SUFFIX = ".template";
    /** zonky's lock file in a data directory it runs: not part of what initdb made. */
    private static final String ZONKY_LOCK = "epg-lock";
    private static final int FORCING_THREADS = 16;

    private final Path directory;

    private PostgresTemplate(Path directory) {
        this.directory = directory;
    }

    /** The template for the binaries on this class path, in {@code cacheDirectory}; empty when they cannot be named. */
    static Optional<PostgresTemplate> forPackagedBinaries(Path cacheDirectory) {
        return binariesKey().map(key -> new PostgresTemplate(cacheDirectory.resolve(PREFIX + key + SUFFIX)));
    }

    Path directory() {
        return directory;
    }

    /** Where the template's data directory is, beside the file with its superuser's password: renamed in as one. */
    private Path data() {
        return directory.resolve("data");
    }

    private Path passwordFile() {
        return directory.resolve("password");
    }

    /**
     * Makes {@code dataDirectory} (absent or empty) a copy of the template and returns its superuser's password; empty,
     * doing nothing, when there is no whole template. The copy is made beside it and renamed, so a process killed
     * meanwhile leaves no half data directory to start from.
     */
    Optional<String> copyTo(Path dataDirectory) throws IOException {
        if (!Files.isRegularFile(data().resolve("PG_VERSION")) || !Files.isRegularFile(passwordFile())) return Optional.empty();
        String password = PrivateFiles.readSecret(passwordFile());
        Path part = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".part");
        TemporaryHome.remove(part);
        copyTree(data(), part);
        Files.deleteIfExists(dataDirectory);
        Files.move(part, dataDirectory, StandardCopyOption.ATOMIC_MOVE);
        force(dataDirectory.getParent());
        return Optional.of(password);
    }

    /**
     * Keeps {@code dataDirectory}, just made by initdb with {@code password} for its superuser, as the template, unless
     * one is there already; templates of other binaries go. A failure only costs the next fresh start its initdb.
     */
    void keep(Path dataDirectory, String password) {
        if (Files.exists(directory)) return;
        Path parent = directory.getParent();
        Path part = parent.resolve(directory.getFileName() + ".part-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(parent);
            TemporaryHome.remove(part);
            Files.createDirectory(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            copyTree(dataDirectory, part.resolve("data"));
            PrivateFiles.writeSecret(part.resolve("password"), password);
            forceAll(List.of(part.resolve("password"), part));
            Files.move(part, directory, StandardCopyOption.ATOMIC_MOVE);
            pruneOthers();
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            // Another stack kept one at the same moment: theirs serves.
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not keep a PostgreSQL template in {} ({}); fresh starts run initdb", parent, e.getMessage());
        } finally {
            TemporaryHome.remove(part);
        }
    }

    /** Deletes the template (a server could not start from it). */
    void discard() {
        TemporaryHome.remove(directory);
    }

    private void pruneOthers() throws IOException {
        try (DirectoryStream<Path> others = Files.newDirectoryStream(directory.getParent(), PREFIX + "*" + SUFFIX)) {
            for (Path other : others) {
                if (!other.equals(directory)) TemporaryHome.remove(other);
            }
        }
    }

    /**
     * The packaged binaries' archive, as zonky's resolver names it for this system, by its name, size and time: the
     * same archive in two places (the build's lib folder, the Maven repository the tests run from) has one key.
     */
    static Optional<String> binariesKey() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String system = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "darwin" : os.startsWith("windows") ? "windows" : null;
        if (system == null) return Optional.empty();
        String arch = System.getProperty("os.arch", "");
        arch = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch.equals("aarch64") ? "arm_64" : arch;
        String name = "postgres-" + system + "-" + arch + ".txz";
        URL archive = EmbeddedPostgres.class.getClassLoader().getResource(name);
        if (archive == null) return Optional.empty();
        try {
            URLConnection c = archive.openConnection();
            c.setUseCaches(false);
            String identity = name + " " + c.getContentLengthLong() + " " + c.getLastModified();
            c.getInputStream().close();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return Optional.of(HexFormat.of().formatHex(digest, 0, 8));
        } catch (IOException | NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    /** Copies {@code from} to {@code to} (absent) with each file's mode, and forces every file and directory to the disk. */
    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> copied = new ArrayList<>();
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : (Iterable<Path>) tree::iterator) {
                if (source.getFileName().toString().equals(ZONKY_LOCK) && Files.isRegularFile(source)) continue;
                Path target = to.resolve(from.relativize(source).toString());
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                copied.add(target);
            }
        }
        forceAll(copied);
    }

    /**
     * Forces {@code paths} to the disk, many at a time: the disk then writes them together (about 0.1 s for a data
     * directory's thousand files here, against 0.25-0.4 s one after another).
     */
    private static void forceAll(List<Path> paths) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(FORCING_THREADS, r -> {
            Thread t = new Thread(r, "postgres-template-force");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> forced = new ArrayList<>();
            for (Path path : paths) forced.add(pool.submit(() -> {
                force(path);
                return null;
            }));
            for (Future<?> f : forced) f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forcing a PostgreSQL data directory to the disk", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not every system opens a directory as a file; its entries are forced with the files' own.
            if (!Files.isDirectory(path)) throw e;
        }
    }
}
