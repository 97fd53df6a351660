package io.eventprocessor.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.FailureKind;
import io.eventprocessor.contract.StackMode;
import io.eventprocessor.loadgen.EventOrder;
import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.report.FaultOutcome;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.EmbeddedPostgresServer;
import io.eventprocessor.stack.Fault;
import io.eventprocessor.stack.Health;
import io.eventprocessor.stack.LocalStack;
import io.eventprocessor.stack.StackControl;
import io.eventprocessor.stack.StackLauncher;
import io.eventprocessor.stack.StackState;
import io.eventprocessor.stack.StackStatus;
import io.eventprocessor.stack.TemporaryHome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Each fault of the resilience table, injected into a real embedded stack in the middle of a run: the run ends with
 * every event in MongoDB exactly once (counted per event: the verifier finds each id listed once per application) and
 * nobody helped. A stack of its own, in its own JVM as `stack up` runs it (two Debezium engines cannot share a JVM:
 * their JMX names collide), its faults injected through its control channel, as `run --fault` does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
    private static final int EVENTS = 2_000;

    private static Path home;
    private static StackState.Running stack;
    private static StackControl control;
    private static Settings settings;

    @BeforeAll
    static void start() throws Exception {
        home = TemporaryHome.create("event-processor-faults");
        StackState state = new StackState(home);
        stack = StackLauncher.startBackground(state, LocalStack.Options.anyPorts(home), 180, CacheTraining::run, line -> {});
        control = StackControl.of(state);
        settings = stack.settings();
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null && stack.process().isAlive()) {
            stack.process().destroy();
            try {
                stack.process().onExit().get(60, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                stack.process().destroyForcibly();
            }
        }
        TemporaryHome.remove(home);
    }

    /**
     * 2,000 mixed events in batches of 50, 120 ms apart (about 5 s of sending), the fault one second in. A fault is
     * stamped once it has taken effect, and stopping the broker can take a second or more: with 40 ms (1.6 s of
     * sending) a kafka-restart once took effect after the last insert, and its recovery could not be measured; with
     * 60 ms (2.5 s) it did again on a slower machine.
     */
    private static ScenarioRun.Result runWith(PlannedFault fault) throws Exception {
        Scenario scenario = Scenario.custom(EVENTS).withBatchSize(50).withDelay(Duration.ofMillis(120));
        ScenarioRun.Request plain = ScenarioRun.Request.of(scenario, StackMode.EMBEDDED).withTimeout(Duration.ofSeconds(180));
        ScenarioRun.Request request = new ScenarioRun.Request(scenario, plain.plan(), plain.seed(), EventOrder.INTERLEAVED,
                plain.timeout(), plain.stackMode());
        return new ScenarioRun(settings).withFaults(control, List.of(fault)).run(request, new ScenarioRun.Listener() {});
    }

    /** Nothing lost, nothing applied twice, every event accounted for, and the fault's figures say so. */
    private static FaultOutcome assertWhole(ScenarioRun.Result r, Fault fault) {
        assertThat(r.load().completed()).as("every batch was inserted").isTrue();
        assertThat(r.outcome().missing()).as("events without an outcome").isEmpty();
        assertThat(r.integrity().missingEventCount()).as("events in no read model").isZero();
        assertThat(r.integrity().duplicatedEventCount()).as("events applied twice").isZero();
        assertThat(r.integrity().referentialIssues()).isEmpty();
        assertThat(r.integrity().match()).isTrue();
        assertThat(r.report().faults()).hasSize(1);
        FaultOutcome f = r.report().faults().get(0);
        assertThat(f.kind()).isEqualTo(fault.key());
        assertThat(f.detail()).doesNotStartWith("not injected");
        assertThat(f.eventsLost()).isZero();
        assertThat(f.eventsDuplicated()).isZero();
        assertThat(f.recoveredAfterMs()).as("an event inserted after the fault reached MongoDB").isNotNull();
        return f;
    }

    private static void assertAllProcessed(ScenarioRun.Result r) {
        assertThat(r.report().events().processed()).isEqualTo(EVENTS);
        assertThat(r.report().events().deadLettered()).isZero();
    }

    @Test
    @Order(1)
    void theProcessorThreadDiesMidPollAndIsRestartedHealthRedThenGreen() throws Exception {
        int restartsBefore = part("Processor").restarts();
        List<Boolean> processorHealth = new CopyOnWriteArrayList<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                for (Health h : Connectivity.pipeline(settings)) {
                    if (h.service() == Connectivity.Service.PROCESSOR) processorHealth.add(h.ok());
                }
            }
        }, "it-health");
        watcher.start();
        ScenarioRun.Result r;
        try {
            r = runWith(PlannedFault.parse("processor-crash@1s"));
        } finally {
            watching.set(false);
            watcher.join();
        }

        assertWhole(r, Fault.PROCESSOR_CRASH);
        assertAllProcessed(r);
        assertThat(part("Processor").restarts()).as("restarted by the supervisor").isGreaterThan(restartsBefore);
        int firstRed = processorHealth.indexOf(false);
        assertThat(firstRed).as("health showed the processor down").isGreaterThanOrEqualTo(0);
        assertThat(processorHealth.subList(firstRed, processorHealth.size())).as("and up again").contains(true);
        assertThat(processorHealth.get(processorHealth.size() - 1)).isTrue();
    }

    @Test
    @Order(2)
    void mongoDbUnreachableForTenSecondsLosesNothing() throws Exception {
        long retriesBefore = part("Processor").retriedPolls();
        ScenarioRun.Result r = runWith(PlannedFault.parse("mongodb-pause@1s/10s"));

        FaultOutcome f = assertWhole(r, Fault.MONGODB_PAUSE);
        assertAllProcessed(r);
        assertThat(part("Processor").retriedPolls()).as("the polls were retried, not committed").isGreaterThan(retriesBefore);
        assertThat(f.eventsDelayed()).as("the events held up while MongoDB was away").isPositive();
    }

    @Test
    @Order(3)
    void theKafkaBrokerRestartsAndProducersAndConsumersReconnect() throws Exception {
        ScenarioRun.Result r = runWith(PlannedFault.parse("kafka-restart@1s/2s"));

        assertWhole(r, Fault.KAFKA_RESTART);
        assertAllProcessed(r);
        assertThat(part("Kafka").restarts()).isPositive();
    }

    @Test
    @Order(4)
    void debeziumLosesItsReplicationConnectionAndResumesFromItsOffsets() throws Exception {
        ScenarioRun.Result r = runWith(PlannedFault.parse("debezium-crash@1s"));

        FaultOutcome f = assertWhole(r, Fault.DEBEZIUM_CRASH);
        assertAllProcessed(r);
        assertThat(f.detail()).isEqualTo("PostgreSQL cut Debezium's replication connection");
        await().atMost(Duration.ofSeconds(60)).until(() -> health(Connectivity.Service.DEBEZIUM).ok());
    }

    @Test
    @Order(5)
    void postgreSqlRestartsTheSlotSurvivesAndCaptureResumes() throws Exception {
        ScenarioRun.Result r = runWith(PlannedFault.parse("postgres-restart@1s/1s"));

        assertWhole(r, Fault.POSTGRES_RESTART);
        assertAllProcessed(r);
        await().atMost(Duration.ofSeconds(60)).until(() -> health(Connectivity.Service.DEBEZIUM).ok());
    }

    @Test
    @Order(6)
    void poisonOfEveryKindEndsInTheDeadLetterTopicExactlyAsInjected() throws Exception {
        ScenarioRun.Result r = runWith(PlannedFault.parse("poison@1s"));

        FaultOutcome f = assertWhole(r, Fault.POISON);
        assertThat(f.poison().keySet()).containsExactlyInAnyOrder(Arrays.stream(FailureKind.values()).map(FailureKind::key).toArray(String[]::new));
        f.poison().forEach((kind, count) -> assertThat(count.deadLettered()).as(kind).isEqualTo(count.injected()));
        long viaOutbox = f.poison().entrySet().stream()
                .filter(e -> !e.getKey().equals(FailureKind.UNPARSEABLE_JSON.key()) && !e.getKey().equals(FailureKind.INVALID_ENVELOPE.key()))
                .mapToLong(e -> e.getValue().injected()).sum();
        assertThat(r.report().events().processed()).isEqualTo(EVENTS);
        assertThat(r.report().events().deadLettered()).isEqualTo(viaOutbox);
        assertThat(r.report().events().generated()).isEqualTo(EVENTS + viaOutbox);
        assertThat(r.report().successRate()).isEqualTo(100.0 * EVENTS / (EVENTS + viaOutbox));
    }

    /**
     * Last: PostgreSQL dies and cannot come back (another program took its port): the stack says so and exits instead
     * of limping on.
     */
    @Test
    @Order(7)
    void postgreSqlGoneForGoodEndsTheStackLoudly() throws Exception {
        int port = settings.postgresPort();
        long postmaster = EmbeddedPostgresServer.postmasterPid(home.resolve("data/postgres")).orElseThrow();
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.setReuseAddress(true);
            new ProcessBuilder("kill", "-KILL", Long.toString(postmaster)).start().waitFor();
            // The supervisor waits a second before its first restart: take the port in between.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).ignoreExceptions().until(() -> {
                squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return true;
            });
            await().atMost(Duration.ofSeconds(120)).until(() -> !stack.process().isAlive());
        }
        String log = Files.readString(home.resolve(StackState.LOG_FILE));
        assertThat(log).contains(StackLauncher.PROGRESS + "FATAL: PostgreSQL is gone and could not be started again")
                .contains("another program holds that port");
        assertThat(new StackState(home).running()).as("stack.env is removed on the way out").isEmpty();
    }

    private static StackStatus.Part part(String name) throws Exception {
        return control.status().parts().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static Health health(Connectivity.Service service) {
        return Connectivity.pipeline(settings).stream().filter(h -> h.service() == service).findFirst().orElseThrow();
    }
}
