package io.eventprocessor.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import io.eventprocessor.loadgen.EventGenerator;
import io.eventprocessor.loadgen.EventMix;
import io.eventprocessor.loadgen.EventOrder;
import io.eventprocessor.outbox.OutboxEvent;
import io.eventprocessor.outbox.OutboxWriter;
import io.eventprocessor.verify.IntegrityResult;
import io.eventprocessor.verify.Scope;
import io.eventprocessor.verify.Verifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background stack's JVM killed with -9 in the middle of a run, then started again in the same state directory,
 * as a presenter would: it starts (the PostgreSQL server it left running and the dead member of the consumer group are
 * dealt with), and every outbox event ends in MongoDB exactly once, including those inserted while it was dead.
 */
class StackRestartIT {
    private static final Duration START = Duration.ofSeconds(180);
    /** From class directories a stack never records an AOT cache, so none is trained. */
    private static final StackLauncher.Training NO_TRAINING = (settings, progress) -> {};

    @Test
    void aStackKilledMidRunStartsAgainAndEveryEventEndsInMongoDbOnce(@TempDir Path home) throws Exception {
        StackState state = new StackState(home);
        LocalStack.Options options = LocalStack.Options.anyPorts(home);
        List<OutboxEvent> events = new EventGenerator(EventGenerator.randomSeed()).generate(EventMix.mixed(3_000), EventOrder.INTERLEAVED);
        List<String> ids = events.stream().map(e -> e.eventId().toString()).toList();
        int third = events.size() / 3;
        StackState.Running first = StackLauncher.startBackground(state, options, (int) START.toSeconds(), NO_TRAINING, line -> {});
        StackState.Running second = null;
        try {
            insert(first.settings(), events.subList(0, third));
            try (Verifier verifier = new Verifier(first.settings())) {
                // Killed while processing: some of the first third is in MongoDB.
                await().atMost(Duration.ofSeconds(120)).until(() -> verifier.verify(Scope.events(ids.subList(0, third))).missingEventCount() < third);
            }
            long postmaster = EmbeddedPostgresServer.postmasterPid(home.resolve("data/postgres")).orElseThrow();
            first.process().destroyForcibly();
            first.process().onExit().get(60, TimeUnit.SECONDS);
            assertThat(state.running()).as("a dead stack's stack.env names no running stack").isEmpty();

            // The server the dead stack left running still takes writes: a run's writer would go on inserting.
            List<OutboxEvent> whileDead = events.subList(third, 2 * third);
            boolean insertedWhileDead = ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false) && tryInsert(first.settings(), whileDead);

            // As `stack up` does without port flags: the ports the dead stack left, so its clients find the new one.
            StackState.PortsLeft left = state.portsLeft().orElseThrow();
            assertThat(left.postgres()).isEqualTo(first.settings().postgresPort());
            second = StackLauncher.startBackground(state, new LocalStack.Options(home, left.postgres(), left.kafka(), left.mongo(), true),
                    (int) START.toSeconds(), NO_TRAINING, line -> {});
            assertThat(second.settings().kafkaBootstrapServers()).isEqualTo(first.settings().kafkaBootstrapServers());
            assertThat(second.settings().mongoUri()).isEqualTo(first.settings().mongoUri());
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).as("the orphaned PostgreSQL was stopped").isFalse();
            if (!insertedWhileDead) insert(second.settings(), whileDead);
            insert(second.settings(), events.subList(2 * third, events.size()));

            try (Verifier verifier = new Verifier(second.settings())) {
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> verifier.verify(Scope.events(ids)).missingEventCount() == 0);
                IntegrityResult integrity = verifier.verify(Scope.events(ids));
                assertThat(integrity.postgresEvents()).isEqualTo(events.size());
                assertThat(integrity.duplicatedEventCount()).as("events applied twice").isZero();
                assertThat(integrity.referentialIssues()).isEmpty();
                assertThat(integrity.match()).isTrue();
                assertThat(integrity.mongoDocuments().get(Names.USERS)).isEqualTo(events.stream()
                        .filter(e -> e.eventType().equals(Names.USER_CREATED)).count());
            }
        } finally {
            stop(first);
            stop(second);
        }
    }

    private static void insert(Settings settings, List<OutboxEvent> events) throws Exception {
        try (OutboxWriter writer = OutboxWriter.open(settings)) {
            for (int i = 0; i < events.size(); i += 100) writer.insert(events.subList(i, Math.min(events.size(), i + 100)));
        }
    }

    private static boolean tryInsert(Settings settings, List<OutboxEvent> events) {
        try (OutboxWriter writer = OutboxWriter.open(settings)) {
            // One transaction: either all of them are in the outbox, or none (then they go to the restarted stack).
            writer.insert(events);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static void stop(StackState.Running running) throws Exception {
        if (running == null || !running.process().isAlive()) return;
        running.process().destroy();
        try {
            running.process().onExit().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            running.process().destroyForcibly();
        }
    }
}
