package io.eventprocessor.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventprocessor.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PipelineStartTest {

    @Test
    void whoeverWaitsLaterHearsTheLinesSaidBeforeThenEachLaterOneInOrder() throws Exception {
        CountDownLatch firstSaid = new CountDownLatch(1);
        CountDownLatch waiting = new CountDownLatch(1);
        PipelineStart start = PipelineStart.begin(progress -> {
            progress.accept("one");
            progress.accept("two");
            firstSaid.countDown();
            waiting.await(10, TimeUnit.SECONDS);
            progress.accept("three");
            return null;
        });
        assertThat(firstSaid.await(10, TimeUnit.SECONDS)).isTrue();
        List<String> heard = new CopyOnWriteArrayList<>();
        start.await(line -> {
            heard.add(line);
            if (line.equals("two")) waiting.countDown();
        });
        assertThat(heard).containsExactly("one", "two", "three");
    }

    @Test
    void theStartsOwnFailureReachesWhoeverWaitsAsItWasThrown() {
        // POSTGRES_HOST alone: external services half named, which the start refuses.
        PipelineStart start = PipelineStart.begin(Map.of("POSTGRES_HOST", "127.0.0.1"), 0);
        assertThatThrownBy(() -> start.await(line -> {})).isInstanceOf(ConfigException.class)
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS, MONGODB_URI");
    }
}
