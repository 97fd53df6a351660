package io.eventprocessor.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.report.FaultOutcome;
import io.eventprocessor.report.Report;
import io.eventprocessor.scenario.ScenarioRun;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.Fault;
import io.eventprocessor.stack.Health;
import io.eventprocessor.stack.Injection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A fault injected from the dashboard, as it plays out: when it is over, what the banner says, what is refused. */
class FaultStateTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private static Instant at(double seconds) {
        return T.plusMillis(Math.round(seconds * 1000));
    }

    /** Every part healthy but {@code down}. */
    private static List<Health> health(Connectivity.Service... down) {
        List<Health> out = new ArrayList<>();
        for (Connectivity.Service s : Connectivity.Service.values()) {
            boolean ok = !List.of(down).contains(s);
            out.add(new Health(s, "127.0.0.1:1", ok, ok ? "" : "not answering"));
        }
        return out;
    }

    private static FaultState pausedMongo() {
        return FaultState.requested(Fault.MONGODB_PAUSE, at(0))
                .injected(new Injection(Fault.MONGODB_PAUSE, at(0.1), Duration.ofSeconds(10), "MongoDB port and connections closed for 10000 ms"));
    }

    @Test
    void mongoDbPausedIsOverOnlyWhenACheckStartedAfterItsTenSecondsFindsEveryPartHealthy() {
        FaultState s = pausedMongo();
        assertThat(s.active(at(1))).isTrue();
        assertThat(s.banner(at(1), 2_310)).isEqualTo("MongoDB paused for 10 s: the processor waits, nothing is committed, nothing is lost. "
                + "2,310 events waiting.");

        s = s.checked(health(Connectivity.Service.MONGODB), at(1), at(1.2), 2_000);
        assertThat(s.seenDown()).isTrue();
        // A check that started inside the ten seconds proves nothing, even when it finds MongoDB answering.
        FaultState early = s.checked(health(), at(9.9), at(10.3), 4_000);
        assertThat(early.backAt()).isNull();
        assertThat(early.active(at(10.3))).isTrue();

        FaultState back = s.checked(health(), at(10.6), at(10.9), 4_726);
        assertThat(back.backAt()).isEqualTo(at(10.9));
        assertThat(back.active(at(10.9))).isFalse();
        assertThat(back.backAfterSeconds()).isEqualTo(10.8);
        assertThat(back.banner(at(11), -99)).isEqualTo("MongoDB is back by itself: every part healthy 10.8 s after the fault; 4,726 waiting events "
                + "flow again. Lost and applied twice are counted when the run ends.");
        assertThat(back.banner(at(10.9).plus(FaultState.LINGER).plusMillis(1), 0)).as("the run's own line returns").isNull();
        // Once it is over, further checks change nothing.
        assertThat(back.checked(health(Connectivity.Service.MONGODB), at(12), at(12.1), 0)).isSameAs(back);
    }

    @Test
    void aRestartQuickerThanTheChecksIsOverAfterTheGraceWithoutBeingSeenDown() {
        FaultState s = FaultState.requested(Fault.DEBEZIUM_RESTART, at(0))
                .injected(new Injection(Fault.DEBEZIUM_RESTART, at(0.2), Duration.ZERO, "Debezium engine stopped"));
        assertThat(s.checked(health(), at(1.2), at(1.3), 0).backAt()).as("within the grace: not yet").isNull();
        FaultState back = s.checked(health(), at(0.2).plus(FaultState.GRACE), at(3.4), -1);
        assertThat(back.backAt()).isEqualTo(at(3.4));
        assertThat(back.seenDown()).isFalse();
        assertThat(back.banner(at(3.5), -1)).isEqualTo("Debezium is back by itself: every part healthy 3.2 s after the fault.");
    }

    @Test
    void aCheckStartedBeforeTheInjectionTookEffectIsIgnoredAndADownPartKeepsItGoing() {
        FaultState s = FaultState.requested(Fault.PROCESSOR_CRASH, at(0))
                .injected(new Injection(Fault.PROCESSOR_CRASH, at(0.5), Duration.ZERO, "processor thread crashed mid-poll"));
        assertThat(s.checked(health(Connectivity.Service.PROCESSOR), at(0.4), at(0.6), 0)).isSameAs(s);
        s = s.checked(health(Connectivity.Service.PROCESSOR, Connectivity.Service.MONGODB), at(1), at(1.1), 0);
        assertThat(s.seenDown()).isTrue();
        assertThat(s.checked(health(Connectivity.Service.MONGODB), at(5), at(5.1), 0).backAt()).as("another part still down").isNull();
        assertThat(s.checked(health(), at(2), at(2.1), 312).banner(at(2.2), 312)).startsWith("The processor is back by itself: every part healthy 1.6 s");
    }

    @Test
    void aPartThatNeverComesBackIsGivenUpOnAndTheBannerLeavesItToTheHealthLines() {
        FaultState s = pausedMongo().checked(health(Connectivity.Service.MONGODB), at(1), at(1.1), -1);
        Instant late = at(0.1).plusSeconds(10).plus(FaultState.GIVE_UP).plusMillis(1);
        assertThat(s.active(late.minusMillis(2))).isTrue();
        assertThat(s.active(late)).isFalse();
        assertThat(s.banner(late, -1)).isNull();
    }

    @Test
    void poisonBreaksNoPartItsStoryIsToldOnceWritten() {
        FaultState s = FaultState.requested(Fault.POISON, at(0));
        assertThat(s.banner(at(0), 0)).isEqualTo("Resilience: inject poison events...");
        assertThat(s.active(at(0))).isTrue();
        s = s.injected(new Injection(Fault.POISON, at(0.3), Duration.ZERO, "100 poison events of 7 kinds, 70 through the outbox and 30 straight to the topic"));
        assertThat(s.active(at(0.4))).isFalse();
        assertThat(s.banner(at(0.4), 500)).isEqualTo("Poison injected: 100 poison events of 7 kinds, 70 through the outbox and 30 straight to the topic. "
                + "Each goes to the dead-letter topic with its reason, and the processor goes on.");
        assertThat(FaultState.part(Fault.POISON)).isNull();
    }

    @Test
    void aFaultThePipelineRefusedIsNotActiveAndTheBannerLeavesItToTheErrorLine() {
        FaultState s = FaultState.requested(Fault.KAFKA_RESTART, at(0)).failed("No local stack is running");
        assertThat(s.active(at(0.1))).isFalse();
        assertThat(s.banner(at(0.1), 10)).isNull();
    }

    @Test
    void whenItsRunEndsTheBannerIsTheRunsResultButTheFaultStillPlaysOut() {
        FaultState s = pausedMongo().quieted();
        assertThat(s.banner(at(1), 10)).isNull();
        assertThat(s.active(at(1))).isTrue();
    }

    @Test
    void externalServicesTakeOnlyPoisonAndOneFaultPlaysOutAtATime() {
        List<Fault> all = List.of(Fault.values());
        List<Fault> external = List.of(Fault.POISON);
        assertThat(FaultState.refusal(Fault.POISON, null, null, T, null)).isEqualTo("The pipeline is not ready yet.");
        assertThat(FaultState.refusal(Fault.KAFKA_RESTART, all, null, T, null)).isNull();
        assertThat(FaultState.refusal(Fault.POISON, external, null, T, null)).isNull();
        assertThat(FaultState.refusal(Fault.MONGODB_PAUSE, external, null, T, null)).startsWith("Needs the local embedded stack")
                .contains("only poison events can be injected");

        FaultState playing = pausedMongo();
        assertThat(FaultState.refusal(Fault.POISON, all, playing, at(1), null)).isEqualTo("Pause MongoDB for 10 s is playing out: one fault at a "
                + "time, the next once every part is healthy again.");
        FaultState over = playing.checked(health(), at(14), at(14.1), -1);
        assertThat(FaultState.refusal(Fault.POISON, all, over, at(15), null)).isNull();
    }

    @Test
    void aFaultGoesIntoARunOnlyWhileItInsertsOrWaitsAndBetweenRunsNeverIntoOtherWork() {
        assertThat(FaultState.busyWith(false, null, "")).as("between runs").isNull();
        assertThat(FaultState.busyWith(true, ScenarioRun.Phase.SENDING, "Inserting into the outbox")).isNull();
        assertThat(FaultState.busyWith(true, ScenarioRun.Phase.WAITING, "Waiting for the last events")).isNull();
        assertThat(FaultState.busyWith(true, ScenarioRun.Phase.GENERATING, "")).isEqualTo("the run generates its events");
        assertThat(FaultState.busyWith(true, ScenarioRun.Phase.VERIFYING, "")).isEqualTo("the run verifies its events");
        assertThat(FaultState.busyWith(true, ScenarioRun.Phase.DONE, "")).isEqualTo("the run verifies its events");
        assertThat(FaultState.busyWith(true, null, "Clearing the demo data")).isEqualTo("clearing the demo data");
        assertThat(FaultState.busyWith(true, null, " ")).isEqualTo("other work is under way");

        List<Fault> all = List.of(Fault.values());
        String verifying = FaultState.busyWith(true, ScenarioRun.Phase.VERIFYING, "");
        assertThat(FaultState.refusal(Fault.PROCESSOR_CRASH, all, null, T, verifying)).isEqualTo("Not while the run verifies its events: a "
                + "fault goes into a run while it inserts or waits for its events, or between runs.");
        // The pipeline's own refusals come first: they say what to do about it.
        assertThat(FaultState.refusal(Fault.PROCESSOR_CRASH, null, null, T, verifying)).isEqualTo("The pipeline is not ready yet.");
        assertThat(FaultState.refusal(Fault.PROCESSOR_CRASH, all, pausedMongo(), at(1), verifying)).contains("is playing out");
    }

    @Test
    void everyFaultHasALabelAPartAndAStory() {
        for (Fault f : Fault.values()) {
            assertThat(FaultState.label(f)).isNotBlank();
            assertThat(Narrative.faultOut(new Injection(f, T, f.defaultDuration(), "done"), -1)).endsWith(".").doesNotContain("waiting");
            if (f != Fault.POISON) assertThat(FaultState.part(f)).isNotNull();
        }
        assertThat(FaultState.label(Fault.MONGODB_PAUSE)).isEqualTo("Pause MongoDB for 10 s");
    }

    @Test
    void theFinishedRunsBannerGivesEachFaultsFiguresFromTheReport() {
        RunSummary plain = ComparisonTest.run(1, 100, 5_000);
        assertThat(Narrative.finished(plain)).startsWith("Successfully processed 100 events");

        Report withFaults = plain.report().withFaults(List.of(
                new FaultOutcome("mongodb-pause", T, 10_423.0, 4_726, 0, 0, 0, "MongoDB port and connections closed for 10000 ms", Map.of()),
                new FaultOutcome("poison", T, 79.0, 200, 0, 0, 0, "100 poison events of 7 kinds",
                        Map.of("unknown_event_type", new FaultOutcome.PoisonCount(15, 15), "unparseable_json", new FaultOutcome.PoisonCount(14, 14)))));
        String banner = Narrative.finished(RunSummary.of(1, withFaults));
        assertThat(banner).startsWith("Processed 100 events in").contains("through 2 faults, every one verified in MongoDB. ")
                .contains("mongodb-pause: recovered by itself after 10.4 s, 4,726 events delayed, 0 lost, 0 applied twice; ")
                .endsWith("poison: 29 injected, 29 dead-lettered, 200 events delayed, 0 lost, 0 applied twice.");

        Report refused = plain.report().withFaults(List.of(
                new FaultOutcome("kafka-restart", T, null, 0, 0, 0, 0, "not injected: the stack did not answer", Map.of())));
        assertThat(Narrative.finished(RunSummary.of(1, refused))).endsWith("through a fault, every one verified in MongoDB. "
                + "kafka-restart: not injected: the stack did not answer.");
    }
}
