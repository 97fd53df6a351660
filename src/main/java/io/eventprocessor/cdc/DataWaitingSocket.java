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
 *
 * <p>One read is answered at once: pgjdbc's peek for a pending message ({@code PGStream.hasMessagePending}), a read
 * with a {@value #PEEK_TIMEOUT_MILLIS} ms timeout. When no byte has arrived it times out without waiting, with an
 * exception that carries no stack trace. Debezium's streaming thread peeks five times each time it has read all that
 * was sent, before it waits in {@link #awaitData}; the socket's own timed read made each peek a millisecond of waiting
 * and a {@link SocketTimeoutException} filled with a 40-frame stack: a third of Debezium's CPU during a run
 * (docs/benchmark.md). A byte that arrives just after such a peek is read by the next one, or ends the wait that
 * follows.
 */
final class DataWaitingSocket extends Socket {
    /** The read timeout of pgjdbc's peek for a pending message. */
    static final int PEEK_TIMEOUT_MILLIS = 1;

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

    /** A timed-out peek; without a stack trace, since pgjdbc only catches it. */
    private static final class NothingYet extends SocketTimeoutException {
        NothingYet() {
            super("no byte pending");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** The socket's input: the bytes read ahead first, then the socket's own stream. */
    private final class ReadAhead extends InputStream {
        /** Called under the lock with nothing read ahead and the stream not ended: a peek that finds no byte fails now. */
        private void peekFailsAtOnce() throws IOException {
            if (getSoTimeout() == PEEK_TIMEOUT_MILLIS && raw.available() == 0) throw new NothingYet();
        }

        @Override
        public int read() throws IOException {
            lock.lock();
            try {
                if (end > start) return ahead[start++] & 0xff;
                if (eof) return -1;
                peekFailsAtOnce();
                return raw.read();
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
                if (eof) return -1;
                peekFailsAtOnce();
                return raw.read(b, off, len);
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
