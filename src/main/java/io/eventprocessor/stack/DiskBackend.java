package io.eventprocessor.stack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * mongo-java-server's backend for the embedded stack: documents in scratch files under one directory
 * ({@link DiskCollection}), unique indexes in memory. The files are the stand-in's working storage, not a database to
 * keep: they are made anew when the backend starts and deleted when it closes for good.
 */
class DiskBackend extends AbstractMongoBackend {
    private final Path directory;
    private final AtomicLong files = new AtomicLong();
    private final Set<DocumentFile> opened = ConcurrentHashMap.newKeySet();

    /** Over {@code directory}, emptied of the files a stand-in killed without closing left there. */
    DiskBackend(Path directory) {
        this.directory = directory;
        try (DirectoryStream<Path> left = Files.newDirectoryStream(directory, "*.bson")) {
            for (Path p : left) Files.delete(p);
        } catch (NoSuchFileException e) {
            // nothing was left
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear the MongoDB stand-in's directory " + directory, e);
        }
    }

    @Override
    protected Database openOrCreateDatabase(String name) {
        return new Database(name, getCursorRegistry());
    }

    /** Closes and deletes every file. */
    void deleteFiles() {
        opened.forEach(this::delete);
    }

    private void delete(DocumentFile file) {
        opened.remove(file);
        file.close();
    }

    private DocumentFile newFile() {
        DocumentFile file = new DocumentFile(directory.resolve(files.incrementAndGet() + ".bson"));
        opened.add(file);
        return file;
    }

    private final class Database extends AbstractSynchronizedMongoDatabase<Integer> {
        Database(String name, CursorRegistry cursors) {
            super(name, cursors);
            initializeNamespacesAndIndexes();
        }

        @Override
        protected MongoCollection<Integer> openOrCreateCollection(String name, CollectionOptions options) {
            return new DiskCollection(this, name, options, cursorRegistry, newFile(), DiskBackend.this::delete);
        }

        @Override
        protected Index<Integer> openOrCreateUniqueIndex(String collection, String name, List<IndexKey> keys, boolean sparse) {
            return new MemoryUniqueIndex(name, keys, sparse);
        }

        @Override
        protected long getStorageSize() {
            return 0;
        }

        @Override
        protected long getFileSize() {
            return 0;
        }
    }
}
