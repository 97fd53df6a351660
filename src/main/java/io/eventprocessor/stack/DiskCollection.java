package io.eventprocessor.stack;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A collection of the MongoDB stand-in whose documents live BSON-encoded in a {@link DocumentFile}; a document's position
 * is its slot there. Every change is written back through {@link #handleUpdate}.
 *
 * <p>The documents used last stay decoded ({@link RecentDocuments}, up to {@link #RECENT_BYTES} of them as encoded),
 * and are handed to mongo-java-server as its memory backend hands out the documents it keeps: it changes one in place
 * only as an update, which it then reports through {@link #handleUpdate}. A read of a document written or read shortly
 * before (a join reads its activity, then updates it) then costs neither the file nor a decode; a scan of the whole
 * collection (the statistics) decodes what is not among them without keeping it, so it does not push the recent ones
 * out.
 *
 * <p>An aggregation over the whole collection (the processor's statistics, the driver's {@code countDocuments}) gets its
 * documents one at a time ({@link #queryAllAsStream}): mongo-java-server would first run a query for all of them, which
 * holds every one decoded at once, so that each statistics recompute kept the whole collection on the heap.
 *
 * <p>The collection's data size (collStats) is the file's count of live bytes, so mongo-java-server need not encode
 * every document once more to measure it ({@link #tracksDataSize()}).
 *
 * <p>A query that names one {@code _id} among other conditions is answered from the {@code _id} index, as MongoDB does
 * ({@link #queryDocuments}); mongo-java-server uses an index only for a query on exactly its keys, so a version-fenced
 * write ({@code _id} and {@code metadata.version}) would otherwise need an index of its own.
 */
final class DiskCollection extends AbstractSynchronizedMongoCollection<Integer> {
    /**
     * Encoded bytes of the decoded documents kept per collection: about 280 of the demo's activities (934 bytes each on
     * average) or 500 of its users (520), decoded about 1.2 MB of heap. Not more: with 3 MB (a 10,000 run's 3,000
     * activities, 14 MB decoded per collection) the kept documents lived just long enough to be copied by a young
     * collection and promoted: more collections, with longer pauses, for no CPU saved that a run showed (a join's
     * activity is picked at random among those created before it, so a join now mostly decodes it).
     */
    static final long RECENT_BYTES = 256L << 10;

    private final DocumentFile file;
    private final Consumer<DocumentFile> dropped;
    private final RecentDocuments recent = new RecentDocuments(RECENT_BYTES);

    DiskCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors, DocumentFile file,
                   Consumer<DocumentFile> dropped) {
        super(database, name, options, cursors);
        this.file = file;
        this.dropped = dropped;
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        String idField = getIdField();
        Object id = idField == null ? null : query.get(idField);
        if (query.size() > 1 && isPlainValue(id)) {
            for (Index<Integer> index : getIndexes()) {
                List<IndexKey> keys = index.getKeys();
                if (keys.size() == 1 && idField.equals(keys.get(0).getKey())) {
                    Iterable<Integer> positions = index.getPositions(new Document(idField, id));
                    return matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                }
            }
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /** A value an {@code _id} equals, as opposed to operators, a pattern, an array (which matches its elements) or null. */
    private static boolean isPlainValue(Object value) {
        return value != null && !(value instanceof Document) && !(value instanceof Collection<?>)
                && !(value instanceof Pattern) && !(value instanceof BsonRegularExpression) && !(value instanceof Missing);
    }

    @Override
    protected Integer addDocumentInternal(Document document) {
        byte[] bytes = encode(document);
        int slot = file.add(bytes);
        recent.put(slot, document, bytes.length);
        return slot;
    }

    @Override
    protected Document getDocument(Integer position) {
        Document document = recent.get(position);
        if (document != null) return document;
        byte[] bytes = file.read(position);
        document = decode(bytes);
        recent.put(position, document, bytes.length);
        return document;
    }

    /** A document of a scan: decoded if it is not among the recent ones, and not kept. */
    private Document scanned(int slot) {
        Document document = recent.get(slot);
        return document != null ? document : decode(file.read(slot));
    }

    @Override
    protected void removeDocument(Integer position) {
        recent.forget(position);
        file.remove(position);
    }

    @Override
    protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
        // newDocument is the kept one, changed in place; if the file cannot take it, the file's version is the truth.
        byte[] bytes = encode(newDocument);
        try {
            file.replace(position, bytes);
        } catch (RuntimeException e) {
            recent.forget(position);
            throw e;
        }
        recent.put(position, newDocument, bytes.length);
    }

    @Override
    protected Stream<DocumentWithPosition<Integer>> streamAllDocumentsWithPosition() {
        return Arrays.stream(file.slots()).mapToObj(slot -> new DocumentWithPosition<>(scanned(slot), slot));
    }

    /**
     * Every document, decoded as the stream reaches it and not kept: the live slots when it was asked for, less those
     * removed before the stream got to them. Each read is atomic with the collection's writes, the whole is not (as a
     * MongoDB's scan that yields).
     */
    @Override
    public Stream<Document> queryAllAsStream() {
        int[] slots;
        synchronized (this) {
            slots = file.slots();
        }
        return Arrays.stream(slots).mapToObj(this::scannedIfLive).filter(Objects::nonNull);
    }

    /** {@link #scanned} when the slot still holds a document, else null. */
    private synchronized Document scannedIfLive(int slot) {
        return file.isLive(slot) ? scanned(slot) : null;
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        int[] slots = file.slots();
        if (isNaturalDescending(orderBy)) {
            for (int i = 0, j = slots.length - 1; i < j; i++, j--) {
                int s = slots[i];
                slots[i] = slots[j];
                slots[j] = s;
            }
        }
        Stream<Document> documents = Arrays.stream(slots).mapToObj(this::scanned);
        return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    public synchronized int count() {
        return file.count();
    }

    @Override
    public synchronized boolean isEmpty() {
        return file.count() == 0;
    }

    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected void updateDataSize(int sizeDelta) {
        // not called: the file counts its bytes
    }

    @Override
    protected int getDataSize() {
        return (int) Math.min(Integer.MAX_VALUE, file.liveBytes());
    }

    @Override
    public synchronized void drop() {
        super.drop();
        recent.clear();
        dropped.accept(file);
    }

    private static byte[] encode(Document document) {
        ByteBuf buffer = Unpooled.buffer(512);
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }

    private static Document decode(byte[] bytes) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }
}
