package io.eventprocessor.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The documents of one collection of the MongoDB stand-in, as encoded bytes in a scratch file; only a slot table (where
 * each document's bytes are) stays on the heap, so the stand-in's memory does not grow with its data.
 *
 * <p>A document is found by its slot, a small int that never changes while the document lives. Each slot owns a region
 * of the file with room to spare; a document rewritten larger than its region moves to a new one at the end, with twice
 * the room, so what moved leaves at most as many dead bytes as live ones. A removed slot keeps its region for the next
 * document that fits. When the last document goes, the file is cut back to nothing.
 *
 * <p>Bytes written sit in the operating system's page cache, not in the process. Nothing is synced: the file is rebuilt
 * from scratch whenever the stack starts.
 */
final class DocumentFile implements AutoCloseable {
    private static final int ALIGN = 64;

    private final Path path;
    private final FileChannel channel;
    private long[] offsets = new long[1024];
    private int[] lengths = new int[1024];
    private int[] capacities = new int[1024];
    private final BitSet live = new BitSet();
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private int slots;
    private long end;
    private long liveBytes;

    DocumentFile(Path path) {
        this.path = path;
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the MongoDB stand-in's data file " + path, e);
        }
    }

    /** Stores a new document; returns its slot. */
    synchronized int add(byte[] bytes) {
        Integer reused = free.poll();
        int slot = reused != null ? reused : newSlot();
        live.set(slot);
        liveBytes += bytes.length;
        write(slot, bytes);
        return slot;
    }

    /** Replaces the bytes of a live document. */
    synchronized void replace(int slot, byte[] bytes) {
        checkLive(slot);
        liveBytes += bytes.length - lengths[slot];
        write(slot, bytes);
    }

    synchronized byte[] read(int slot) {
        checkLive(slot);
        ByteBuffer buffer = ByteBuffer.allocate(lengths[slot]);
        long at = offsets[slot];
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, at + buffer.position());
                if (n < 0) throw new IOException("unexpected end of file at " + (at + buffer.position()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the MongoDB stand-in's data file " + path, e);
        }
        return buffer.array();
    }

    synchronized void remove(int slot) {
        checkLive(slot);
        live.clear(slot);
        liveBytes -= lengths[slot];
        if (live.isEmpty()) {
            clear();
        } else {
            free.add(slot);
        }
    }

    /** Whether {@code slot} holds a document now. */
    synchronized boolean isLive(int slot) {
        return slot >= 0 && slot < slots && live.get(slot);
    }

    synchronized int count() {
        return live.cardinality();
    }

    /** The live slots, in the order their documents were first stored (a reused slot counts where it was first made). */
    synchronized int[] slots() {
        return live.stream().toArray();
    }

    /** Bytes the file takes. */
    synchronized long size() {
        return end;
    }

    /** Bytes of the live documents (their encoded length, without the room to spare). */
    synchronized long liveBytes() {
        return liveBytes;
    }

    private void write(int slot, byte[] bytes) {
        if (bytes.length > capacities[slot]) {
            capacities[slot] = room(bytes.length);
            offsets[slot] = end;
            end += capacities[slot];
        }
        lengths[slot] = bytes.length;
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            while (buffer.hasRemaining()) channel.write(buffer, offsets[slot] + buffer.position());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the MongoDB stand-in's data file " + path
                    + " (is the disk full?)", e);
        }
    }

    /** Twice the length, aligned: a document that keeps growing moves a logarithmic number of times. */
    private static int room(int length) {
        long doubled = 2L * length;
        return (int) Math.min(Integer.MAX_VALUE - ALIGN, (doubled + ALIGN - 1) / ALIGN * ALIGN);
    }

    private int newSlot() {
        if (slots == offsets.length) {
            int n = slots * 2;
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            capacities = Arrays.copyOf(capacities, n);
        }
        return slots++;
    }

    private void clear() {
        free.clear();
        Arrays.fill(capacities, 0, slots, 0);
        slots = 0;
        end = 0;
        liveBytes = 0;
        try {
            channel.truncate(0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot truncate the MongoDB stand-in's data file " + path, e);
        }
    }

    private void checkLive(int slot) {
        if (slot < 0 || slot >= slots || !live.get(slot)) throw new IllegalArgumentException("no document in slot " + slot);
    }

    /** Closes the file and deletes it. */
    @Override
    public synchronized void close() {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the MongoDB stand-in's data file " + path, e);
        }
    }
}
