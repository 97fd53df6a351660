package io.eventprocessor.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WakingQueueTest {

    @Test
    void eventsComeOutInTheOrderTheyWentIn() {
        WakingQueue<String> queue = new WakingQueue<>();
        queue.enqueue("a");
        queue.enqueue("b");
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.poll()).isEqualTo("a");
        assertThat(queue.poll()).isEqualTo("b");
        assertThat(queue.poll()).isNull();
        assertThat(queue.size()).isZero();
    }

    @Test
    @Timeout(30)
    void aWaitEndsWhenAnEventIsQueuedFromAnotherThread() throws Exception {
        WakingQueue<String> queue = new WakingQueue<>();
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.awaitEvents(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertThat(waited).isNotDone();
        queue.enqueue("a");
        // Without the wake-up the wait would last its whole minute and the test time out.
        assertThat(waited.get(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aWaitWithAnEventAlreadyQueuedReturnsAtOnceAndAnEmptyQueueTimesOut() throws Exception {
        WakingQueue<String> queue = new WakingQueue<>();
        assertThat(queue.awaitEvents(Duration.ofMillis(20))).isFalse();
        queue.enqueue("a");
        assertThat(queue.awaitEvents(Duration.ofSeconds(60))).isTrue();
    }

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    @Test
    @Timeout(30)
    void aBurstGathersUntilItStopsAndNoLongerThanEnough() throws Exception {
        WakingQueue<Integer> queue = new WakingQueue<>();
        queue.enqueue(0);
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            for (int i = 1; i < 10; i++) {
                queue.enqueue(i);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        // Each event comes well within the quiet period of the one before: the gathering lasts the whole burst.
        queue.gather(TimeUnit.SECONDS.toNanos(1), HOUR, 100);
        assertThat(queue.size()).isEqualTo(10);
        burst.get(20, TimeUnit.SECONDS);

        // Enough queued already, or nothing queued: no wait at all (with an hour's limit the test would time out).
        queue.gather(HOUR, HOUR, 10);
        new WakingQueue<Integer>().gather(HOUR, HOUR, 10);
    }

    @Test
    @Timeout(30)
    void aLoneEventGathersForOneQuietPeriodOnly() {
        WakingQueue<String> queue = new WakingQueue<>();
        queue.enqueue("a");
        queue.gather(TimeUnit.MILLISECONDS.toNanos(50), HOUR, 100);
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void aTaskFindsTheQueueOfItsRelayUntilTheQueueCloses() {
        WakingQueue<String> first = new WakingQueue<>();
        WakingQueue<String> second = new WakingQueue<>();
        first.configure(Map.of(WakingQueue.RELAY_KEY, "relay-1"));
        assertThat(WakingQueue.of("relay-1")).isSameAs(first);
        // A restarted connector creates a new queue: the task finds that one, and closing the old one leaves it.
        second.configure(Map.of(WakingQueue.RELAY_KEY, "relay-1"));
        first.close();
        assertThat(WakingQueue.of("relay-1")).isSameAs(second);
        second.close();
        assertThat(WakingQueue.of("relay-1")).isNull();
        assertThat(WakingQueue.of(null)).isNull();
    }
}
