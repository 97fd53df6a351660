package io.eventprocessor.cdc;

import io.debezium.connector.base.QueueProvider;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The queue between Debezium's streaming thread and the engine's poll ({@code queue.provider.type=} {@value #NAME}),
 * with what Debezium's own queue lacks: a wait that ends the moment a change event arrives. Debezium's
 * {@code ChangeEventQueue} keeps its size limit and its lock; this class only holds the events and wakes
 * {@link WakeOnDataConnector.WakeOnDataTask}, which waits here instead of inside the engine's timed poll.
 *
 * <p>Debezium creates providers by {@link java.util.ServiceLoader}, one per connector start; the task finds the one
 * its start created through {@link #RELAY_KEY}, a property its relay sets to an identifier of its own.
 */
public final class WakingQueue<T> implements QueueProvider<T> {
    /** The value of {@code queue.provider.type} that selects this provider. */
    public static final String NAME = "event-processor-waking";
    /** Connector property naming the relay whose task waits on this queue. */
    public static final String RELAY_KEY = "event-processor.relay.id";

    private static final Map<String, WakingQueue<?>> BY_RELAY = new ConcurrentHashMap<>();

    private final Queue<T> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private volatile Thread waiter;
    private String relay;

    /** The queue the newest start of {@code relay}'s connector created, if it has started. */
    static WakingQueue<?> of(String relay) {
        return relay == null ? null : BY_RELAY.get(relay);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void configure(Map<String, ?> properties) {
        Object id = properties.get(RELAY_KEY);
        if (id != null) {
            relay = id.toString();
            BY_RELAY.put(relay, this);
        }
    }

    @Override
    public void enqueue(T event) {
        events.add(event);
        if (size.getAndIncrement() == 0) {
            Thread w = waiter;
            if (w != null) LockSupport.unpark(w);
        }
    }

    @Override
    public T poll() {
        T event = events.poll();
        if (event != null) size.decrementAndGet();
        return event;
    }

    @Override
    public int size() {
        return size.get();
    }

    /**
     * Waits until an event is queued; true at once when one is, false once {@code timeout} passed without one. One
     * thread waits at a time (the engine's poll).
     */
    boolean awaitEvents(Duration timeout) throws InterruptedException {
        if (size.get() > 0) return true;
        long deadline = System.nanoTime() + timeout.toNanos();
        waiter = Thread.currentThread();
        try {
            while (size.get() == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) throw new InterruptedException();
            }
            return true;
        } finally {
            waiter = null;
        }
    }

    /**
     * After an event arrived, lets a burst gather: waits while more keep coming, each within {@code quietNanos} of the
     * previous look, until {@code enough} are queued or {@code maxNanos} have passed. A lone event waits one quiet period.
     */
    void gather(long quietNanos, long maxNanos, int enough) {
        long end = System.nanoTime() + maxNanos;
        int seen = size.get();
        while (seen > 0 && seen < enough) {
            long left = end - System.nanoTime();
            if (left <= 0) return;
            LockSupport.parkNanos(this, Math.min(quietNanos, left));
            int now = size.get();
            if (now == seen) return;
            seen = now;
        }
    }

    @Override
    public void close() {
        if (relay != null) BY_RELAY.remove(relay, this);
    }
}
