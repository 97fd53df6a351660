package io.eventprocessor.cdc;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A client socket that can wait for the server's next bytes without taking them from its reader: {@link #awaitData}
 * blocks until bytes arrive (or a timeout passes) and keeps them, and the socket's input stream hands them out first.
 * pgjdbc reads it as any socket, with the timeouts it sets.
 */
final class DataWaitingSocket extends Socket {
    private final Consumer<DataWaitingSocket> closed;
    private final ReentrantLock lock = new ReentrantLock();
    /** Bytes read ahead by {@link #awaitData}, not yet read through the input stream: {@code ahead[start, end)}. */
    private final byte[] ahead = new byte[8192];
    private int start;
    private int end;
    private boolean eof;
    private InputStream raw;
    private InputStream in;

    /** @param closed told once the socket is closed (by pgjdbc, or through its input stream) */
    DataWaitingSocket(Consumer<DataWaitingSocket> closed) {
        this.closed = closed;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            super.close();
        } finally {
            closed.accept(this);
        }
    }

    @Override
    public InputStream getInputStream() throws IOException {
        lock.lock();
        try {
            if (in == null) {
                raw = super.getInputStream();
                in = new ReadAhead();
            }
            return in;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for bytes from the server; true when some arrived (or were already waiting), false
     * once the timeout passed. The bytes stay for the input stream's reader. Once the server has closed the connection
     * (which the reader learns from its next read) it waits the whole timeout and returns false, so that a caller
     * looping on it does not spin.
     */
    boolean awaitData(int timeoutMillis) throws IOException {
        getInputStream(); // opens the stream the bytes are kept for
        lock.lock();
        try {
            if (end > start) return true;
            if (!eof) {
                int previous = getSoTimeout();
                setSoTimeout(timeoutMillis);
                try {
                    int n = raw.read(ahead, 0, ahead.length);
                    if (n > 0) {
                        start = 0;
                        end = n;
                        return true;
                    }
                    eof = n < 0;
                } catch (SocketTimeoutException e) {
                    return false;
                } finally {
                    setSoTimeout(previous);
                }
            }
        } finally {
            lock.unlock();
        }
        try {
            Thread.sleep(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** The socket's input: the bytes read ahead first, then the socket's own stream. */
    private final class ReadAhead extends InputStream {
        @Override
        public int read() throws IOException {
            lock.lock();
            try {
                if (end > start) return ahead[start++] & 0xff;
                return eof ? -1 : raw.read();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            lock.lock();
            try {
                if (len == 0) return 0;
                if (end > start) {
                    int n = Math.min(len, end - start);
                    System.arraycopy(ahead, start, b, off, n);
                    start += n;
                    return n;
                }
                return eof ? -1 : raw.read(b, off, len);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int available() throws IOException {
            lock.lock();
            try {
                if (end > start) return end - start;
                return eof ? 0 : raw.available();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() throws IOException {
            raw.close();
        }
    }
}
