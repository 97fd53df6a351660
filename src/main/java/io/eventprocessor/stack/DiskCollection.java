package io.eventprocessor.stack;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A collection of the MongoDB stand-in whose documents live BSON-encoded in a {@link DocumentFile}; a document's position
 * is its slot there. Every read decodes a fresh copy, and every change is written back through {@link #handleUpdate}, as
 * mongo-java-server expects of a backend that does not keep its documents as objects.
 */
final class DiskCollection extends AbstractSynchronizedMongoCollection<Integer> {
    private final DocumentFile file;
    private final Consumer<DocumentFile> dropped;
    private final AtomicInteger dataSize = new AtomicInteger();

    DiskCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors, DocumentFile file,
                   Consumer<DocumentFile> dropped) {
        super(database, name, options, cursors);
        this.file = file;
        this.dropped = dropped;
    }

    @Override
    protected Integer addDocumentInternal(Document document) {
        return file.add(encode(document));
    }

    @Override
    protected Document getDocument(Integer position) {
        return decode(file.read(position));
    }

    @Override
    protected void removeDocument(Integer position) {
        file.remove(position);
    }

    @Override
    protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
        file.replace(position, encode(newDocument));
    }

    @Override
    protected Stream<DocumentWithPosition<Integer>> streamAllDocumentsWithPosition() {
        return Arrays.stream(file.slots()).mapToObj(slot -> new DocumentWithPosition<>(getDocument(slot), slot));
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
        Stream<Document> documents = Arrays.stream(slots).mapToObj(this::getDocument);
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
    protected void updateDataSize(int sizeDelta) {
        dataSize.addAndGet(sizeDelta);
    }

    @Override
    protected int getDataSize() {
        return dataSize.get();
    }

    @Override
    public synchronized void drop() {
        super.drop();
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
