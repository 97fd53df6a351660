package io.eventprocessor.stack;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoded documents a {@link DiskCollection} used last, by slot, up to a budget of their encoded bytes: the least
 * recently used go first. A budget in bytes rather than a count, because a document can grow without bound (an activity's
 * participants); decoded, a document takes about four times its encoded size on the heap. Thread-safe.
 */
final class RecentDocuments {
    private record Kept(Document document, int bytes) {}

    private final long budget;
    private final LinkedHashMap<Integer, Kept> kept = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    /** @param budget encoded bytes kept at most (a document larger than this is not kept) */
    RecentDocuments(long budget) {
        this.budget = budget;
    }

    synchronized Document get(int slot) {
        Kept k = kept.get(slot);
        return k == null ? null : k.document();
    }

    /** Keeps {@code document}, whose encoding is {@code encodedBytes} long, as the one in {@code slot}. */
    synchronized void put(int slot, Document document, int encodedBytes) {
        forget(slot);
        if (encodedBytes > budget) return;
        kept.put(slot, new Kept(document, encodedBytes));
        bytes += encodedBytes;
        for (Iterator<Map.Entry<Integer, Kept>> eldest = kept.entrySet().iterator(); bytes > budget; ) {
            bytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
    }

    synchronized void forget(int slot) {
        Kept k = kept.remove(slot);
        if (k != null) bytes -= k.bytes();
    }

    synchronized void clear() {
        kept.clear();
        bytes = 0;
    }

    /** Encoded bytes of the documents kept. */
    synchronized long bytes() {
        return bytes;
    }
}
