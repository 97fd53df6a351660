package io.eventprocessor.ui;

import static io.eventprocessor.ui.DashboardViewTest.fx;
import static io.eventprocessor.ui.DashboardViewTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.eventprocessor.cli.Main;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.StackMode;
import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.measure.InstanceCounts;
import io.eventprocessor.report.FaultOutcome;
import io.eventprocessor.report.Report;
import io.eventprocessor.scenario.Pipeline;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.Fault;
import io.eventprocessor.stack.LocalStack;
import io.eventprocessor.testing.SharedStack;
import io.eventprocessor.ui.model.DashboardModel;
import io.eventprocessor.ui.model.ExportRequest;
import io.eventprocessor.ui.model.Figures;
import io.eventprocessor.ui.model.Format;
import io.eventprocessor.ui.model.GuidedDemo;
import io.eventprocessor.ui.model.IntegrityView;
import io.eventprocessor.ui.model.Launch;
import io.eventprocessor.ui.model.PipelineFigures;
import io.eventprocessor.ui.model.RunStatus;
import io.eventprocessor.ui.model.RunSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/** The dashboard, headless (Monocle), on the real embedded stack shared by the test run. */
@ExtendWith(SharedStack.class)
class DashboardIT {
    private final FxRobot robot = new FxRobot();
    private final Preferences prefs = Preferences.userRoot().node("io/eventprocessor/ui-it-" + UUID.randomUUID());
    private DashboardModel model;
    private DashboardView view;
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private void open(Settings settings) throws Exception {
        open(Pipeline.of(settings, StackMode.EMBEDDED));
    }

    private void open(Pipeline pipeline) throws Exception {
        model = fx(DashboardModel::new);
        stage = FxToolkit.setupStage(s -> {
            view = new DashboardView(model, prefs);
            Scene scene = new Scene(view, 1280, 720);
            view.installShortcuts(scene);
            s.setScene(scene);
            s.setWidth(1280);
            s.setHeight(720);
            s.show();
            s.toFront();
            s.requestFocus();
            view.start();
            model.use(pipeline);
        });
        WaitForAsyncUtils.waitForFxEvents();
        await().atMost(Duration.ofSeconds(40)).until(() -> fx(() -> !model.health().isEmpty()));
    }

    @AfterEach
    void close() throws Exception {
        if (view != null) FxToolkit.setupFixture(() -> {
            view.stop();
            model.close();
        });
        prefs.removeNode();
    }

    private void awaitRuns(int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (!(fx(() -> model.history().size()) >= n && !fx(() -> model.busyProperty().get()))) {
            assertThat(System.nanoTime()).as("%d runs expected; history %d, banner '%s', error '%s', status %s", n,
                    fx(() -> model.history().size()), fx(() -> model.narrativeProperty().get()), fx(() -> model.lastErrorProperty().get()),
                    fx(() -> model.statusProperty().get())).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void runningScenariosDrivesTilesPipelineTableTimelineComparisonAndExport(Settings settings, @TempDir Path dir) throws Exception {
        open(settings);

        robot.clickOn("#run-100");
        // A second start while it runs is refused: the button is disabled and the command says no.
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> model.runningProperty().get() || !model.history().isEmpty()));
        if (fx(() -> model.runningProperty().get())) {
            assertThat(fx(() -> robot.lookup("#run-100").queryButton().isDisabled())).isTrue();
            assertThat(fx(() -> model.runScenario(Launch.of(Scenario.MODERATE)))).isFalse();
        }
        awaitRuns(1);

        // The tiles reach the run's final figures: the average, not a decayed current rate.
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> view.tiles.shown().processed() == 100 && !view.tiles.shown().live()));
        Figures shown = fx(() -> view.tiles.shown());
        assertThat(shown.remaining()).isZero();
        assertThat(fx(() -> view.tiles.gauge.valueText().getText())).isEqualTo(Format.rate(shown.averageEps()));
        assertThat(fx(() -> view.tiles.throughput.caption.getText())).startsWith("average of");
        IntegrityView integrity = fx(() -> model.integrityProperty().get());
        assertThat(integrity.match()).isTrue();
        assertThat(integrity.outboxEvents()).isEqualTo(100);
        assertThat(fx(() -> texts(view.tiles.integrity))).contains("100 / 100", "MATCHED");
        assertThat(fx(() -> model.statusProperty().get())).isEqualTo(RunStatus.COMPLETE);
        assertThat(fx(() -> model.narrativeProperty().get())).startsWith("Successfully processed 100 events in");

        // The pipeline: every part up, the hops give the run's medians, MongoDB the events written.
        PipelineFigures p = fx(() -> model.pipelineFiguresProperty().get());
        assertThat(p.nodes()).allSatisfy(n -> assertThat(n.state()).as(n.service().label()).isEqualTo(PipelineFigures.State.UP));
        assertThat(p.hops()).allSatisfy(h -> assertThat(h.latency().measured()).isTrue());
        assertThat(p.hops()).allSatisfy(h -> assertThat(h.latency().caption()).isEqualTo("run median"));
        assertThat(p.node(Connectivity.Service.MONGODB).figure().value()).isEqualTo("100");
        assertThat(fx(() -> view.pipeline.flowing())).isFalse();
        // A click on Kafka shows the group's offsets per partition; on MongoDB, its collections.
        robot.clickOn("#node-kafka");
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> view.pipeline.detail.getContentNode().lookup("#node-detail-kafka") != null));
        assertThat(fx(() -> texts(view.pipeline.detail.getContentNode()))).contains("partition", "log end", "committed", "lag", "outbox #0");
        // On the processor, each instance of the group with what it carried in the run.
        robot.interact(() -> view.pipeline.openDetail(Connectivity.Service.PROCESSOR));
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> view.pipeline.detail.getContentNode().lookup("#node-detail-processor") != null));
        Map<String, InstanceCounts> instances = fx(model::processorsOfRun);
        assertThat(instances.values().stream().mapToLong(InstanceCounts::processed).sum()).isEqualTo(100);
        assertThat(fx(() -> texts(view.pipeline.detail.getContentNode()))).contains("processor", "events/s")
                .containsAll(instances.keySet());
        robot.interact(() -> view.pipeline.openDetail(Connectivity.Service.MONGODB));
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> view.pipeline.detail.getContentNode().lookup("#node-detail-mongodb") != null));
        assertThat(fx(() -> texts(view.pipeline.detail.getContentNode()))).contains("users", "activities", "statistics");
        robot.interact(() -> view.pipeline.detail.hide());

        // Recent events fill; selecting one opens its timeline.
        robot.clickOn("Recent events");
        TableView<EventsPane.Row> table = fx(() -> view.events.table);
        await().atMost(Duration.ofSeconds(5)).until(() -> !fx(() -> view.events.shown()).isEmpty());
        robot.interact(() -> table.getSelectionModel().select(0));
        Label sentence = fx(() -> (Label) view.events.timeline.lookup("#timeline-sentence"));
        assertThat(fx(sentence::getText)).matches("created \\d\\d:\\d\\d:\\d\\d\\.\\d{3}, in MongoDB \\d\\d:\\d\\d:\\d\\d\\.\\d{3}, .* later");

        // Key 1 with the focus in a field, and Ctrl: the 10-event run starts and the field keeps its text.
        robot.clickOn(view.controls.events.getEditor());
        String typed = fx(() -> view.controls.events.getEditor().getText());
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        awaitRuns(2);
        assertThat(fx(() -> view.controls.events.getEditor().getText())).isEqualTo(typed);
        assertThat(fx(() -> model.history())).extracting(RunSummary::generated).containsExactly(100L, 10L);

        // Compare the two runs: one curve and one set of stage bars per run.
        robot.clickOn("Runs, compared");
        assertThat(fx(() -> view.runs.chartArea.getChildren())).containsExactly(view.runs.hint);
        robot.interact(() -> model.history().forEach(r -> model.compare(r, true)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> view.runs.curves.getData())).extracting(s -> s.getName()).containsExactly("#1 100 events", "#2 10 events");
        assertThat(fx(() -> view.runs.chartArea.getChildren())).containsExactly(view.runs.curves);
        robot.clickOn("#compare-show-stages");
        assertThat(fx(() -> view.runs.chartArea.getChildren())).containsExactly(view.runs.stages);
        assertThat(fx(() -> view.runs.stages.getData())).hasSize(2).allSatisfy(s -> assertThat(s.getData()).hasSize(4));

        // Export: the JSON report (valid), the page comparing the two runs, a picture of the window.
        AtomicReference<DashboardModel.Exported> written = new AtomicReference<>();
        robot.interact(() -> model.exportReport(new ExportRequest(dir, "report", true, view.picture(), List.copyOf(model.compared())),
                written::set));
        await().atMost(Duration.ofSeconds(20)).until(() -> written.get() != null);
        JsonNode schema = new ObjectMapper().readTree(Path.of("docs/report.schema.json").toFile());
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema).validate(report)).isEmpty();
        assertThat(report.path("events").path("processed").asLong()).isEqualTo(10);
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("2 runs compared (100, 10 events)");
        // Each run's row judges its three percentiles against their targets.
        assertThat(html).containsPattern("<tr><td>#1 100 events</td>.*(ms (PASS|FAIL)</td>.*){3}")
                .containsPattern("<tr><td>#2 10 events</td>.*(ms (PASS|FAIL)</td>.*){3}");
        assertThat(dir.resolve("report.png")).exists();
        assertThat(fx(() -> model.exportFolderProperty().get())).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void theGuidedDemoStepsThroughItsPhasesOneKeyAtATimeAndCanBeLeft(Settings settings) throws Exception {
        open(settings);
        robot.type(KeyCode.G);
        await().atMost(Duration.ofSeconds(60)).until(() -> fx(() -> model.guideLineProperty().get()).contains("Press G for: Warm-up"));
        assertThat(fx(() -> model.guidePhaseProperty().get().action())).isEqualTo(GuidedDemo.Action.SETUP);
        assertThat(fx(() -> model.guideLineProperty().get())).startsWith("Phase 1 of 7: Setup.");
        assertThat(fx(() -> texts(view))).anyMatch(t -> t.startsWith("Phase 1 of 7"));

        int before = fx(() -> model.history().size());
        robot.type(KeyCode.PAGE_DOWN);
        assertThat(fx(() -> model.guidePhaseProperty().get().scenario())).isEqualTo(Scenario.WARM_UP);
        // The key while the phase runs does not skip it.
        robot.type(KeyCode.G);
        assertThat(fx(() -> model.guidePhaseProperty().get().scenario())).isEqualTo(Scenario.WARM_UP);
        assertThat(fx(() -> model.guideLineProperty().get())).contains("Still running");
        awaitRuns(before + 1);
        assertThat(fx(() -> model.guideLineProperty().get())).startsWith("Phase 2 of 7: Warm-up: 10 events.")
                .endsWith("Press G for: Moderate load: 100 events.");
        // The warm-up is for following single events: their table is open, the newest selected.
        assertThat(fx(() -> view.tabs.getSelectionModel().getSelectedItem())).isEqualTo(view.eventsTab);

        robot.type(KeyCode.ESCAPE);
        assertThat(fx(() -> model.guidePhaseProperty().get())).isNull();
        assertThat(fx(() -> model.guideLineProperty().get())).isEmpty();
        assertThat(fx(() -> model.guiding())).isFalse();
    }

    @Test
    void anUnreachableServiceTurnsItsPartOfThePipelineRedWithAReadableMessage(Settings settings) throws Exception {
        Settings noMongo = new Settings(settings.postgresHost(), settings.postgresPort(), settings.postgresDb(), settings.postgresUser(),
                settings.postgresPassword(), settings.kafkaBootstrapServers(), "mongodb://127.0.0.1:1", settings.mongoDatabase(),
                settings.metricsFile());
        open(noMongo);
        await().atMost(Duration.ofSeconds(5)).until(() -> fx(() -> model.pipelineFiguresProperty().get().node(Connectivity.Service.MONGODB).state())
                == PipelineFigures.State.DOWN);
        PipelineFigures.Node mongo = fx(() -> model.pipelineFiguresProperty().get().node(Connectivity.Service.MONGODB));
        assertThat(mongo.where()).contains("127.0.0.1:1");
        assertThat(mongo.problem()).isNotBlank();
        assertThat(fx(() -> model.pipelineFiguresProperty().get().node(Connectivity.Service.POSTGRESQL).state())).isEqualTo(PipelineFigures.State.UP);

        PipelineView.NodeBox box = fx(() -> view.pipeline.nodes.get(Connectivity.Service.MONGODB));
        assertThat(fx(() -> box.getPseudoClassStates().stream().map(Object::toString).toList())).contains("down");
        // The caption is fitted to its box when the part is next laid out, a pulse after the model changed.
        await().atMost(Duration.ofSeconds(5)).until(() -> fx(() -> box.caption.getText()).startsWith("DOWN: "));
        // The whole problem, with how to fix it, under the banner.
        assertThat(fx(() -> view.down.getText())).contains("MongoDB is down at").contains("127.0.0.1:1").contains(mongo.problem());
        assertThat(fx(() -> view.down.isVisible())).isTrue();
        assertThat(fx(() -> model.narrativeProperty().get())).isEqualTo("Not ready: MongoDB is down (below: what is wrong and how to fix it).");
    }

    @Test
    void theDashboardWritesTheReportOfTheRunItMadeWithItsOwnFigures(Settings settings, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("dashboard.json");
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine(settings.toEnv());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int code = cli.execute("dashboard", "--scenario", "10", "--exit-when-done", "--size", "1024x768", "--report", file.toString());
        assertThat(code).as(out.toString()).isZero();

        JsonNode schema = new ObjectMapper().readTree(Path.of("docs/report.schema.json").toFile());
        JsonNode report = new ObjectMapper().readTree(file.toFile());
        assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema).validate(report)).isEmpty();
        assertThat(report.at("/events/processed").asLong()).isEqualTo(10);
        assertThat(report.at("/integrity/match").asBoolean()).isTrue();
        JsonNode ui = report.path("ui");
        assertThat(ui.isObject()).as(report.toPrettyString()).isTrue();
        assertThat(ui.path("pulses_per_second").asDouble()).isPositive();
        assertThat(ui.path("tile_refreshes_per_second").asDouble()).isPositive();
        assertThat(ui.path("longest_pulse_gap_ms").asDouble()).isPositive();
        assertThat(ui.path("cpu_cores").asDouble()).isPositive();
        // Launch is this JVM's start (the command ran in it); ready came before the run's first event.
        double launchToReady = ui.path("launch_to_ready_seconds").asDouble();
        assertThat(launchToReady).isPositive();
        Instant launched = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        assertThat(launched.plusMillis((long) (launchToReady * 1000))).isBefore(Instant.parse(report.at("/started_at").asText()));
        assertThat(dir.resolve("dashboard.html")).exists();
    }

    @Test
    void aFaultChosenInTheResilienceMenuDuringARunIsToldAndTheRunEndsMatchedWithNothingLost(LocalStack stack) throws Exception {
        // Faults go straight into the shared stack of this JVM.
        open(Pipeline.of(stack));
        ControlPanel c = view.controls;
        MenuItem crash = fx(() -> c.faultItems.get(Fault.PROCESSOR_CRASH));
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> !crash.isDisable()));
        List<String> told = new CopyOnWriteArrayList<>();
        robot.interact(() -> model.narrativeProperty().addListener((o, a, b) -> told.add(b)));

        // 1,000 events paced at 100 a second: ten seconds of inserts, the processor broken one second in.
        robot.interact(() -> {
            c.events.getEditor().setText("1,000");
            c.batch.getEditor().setText("10");
            c.rate.getEditor().setText("100");
        });
        robot.clickOn("#run-custom");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> model.runProperty().get() != null && model.runProperty().get().progress() != null
                && model.runProperty().get().progress().sent() >= 100 && !crash.isDisable()));
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(5)).until(() -> fx(() -> c.faults.isShowing()));
        robot.clickOn("#fault-processor-crash");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> model.faultProperty().get() != null && model.faultProperty().get().injection() != null));
        // One fault at a time: the menu takes none while this one plays out.
        assertThat(fx(() -> model.faultActiveProperty().get() || model.faultProperty().get().backAt() != null)).isTrue();
        if (fx(() -> model.faultActiveProperty().get())) assertThat(fx(() -> model.inject(Fault.DEBEZIUM_RESTART))).isFalse();
        awaitRuns(1);

        // The run's report: the fault, injected into the run, its figures measured; nothing lost, nothing applied twice.
        Report report = fx(() -> model.lastReportProperty().get());
        assertThat(report.faults()).hasSize(1);
        FaultOutcome f = report.faults().get(0);
        assertThat(f.kind()).isEqualTo("processor-crash");
        assertThat(f.detail()).doesNotStartWith("not injected");
        assertThat(f.recoveredAfterMs()).as("an event inserted after the crash reached MongoDB").isNotNull();
        assertThat(f.eventsLost()).isZero();
        assertThat(f.eventsDuplicated()).isZero();
        assertThat(report.events().processed()).isEqualTo(1_000);
        assertThat(fx(() -> model.integrityProperty().get().match())).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> texts(view.tiles.integrity)).contains("1,000 / 1,000"));
        assertThat(fx(() -> texts(view.tiles.integrity))).contains("MATCHED");

        // The window told the story: what broke while the run went, then the run through it with the fault's figures.
        assertThat(told).anyMatch(t -> t.startsWith("The processor crashed mid-poll: the stack restarts it"));
        String end = fx(() -> model.narrativeProperty().get());
        assertThat(end).startsWith("Processed 1,000 events in").contains("through a fault, every one verified in MongoDB")
                .contains("processor-crash: recovered by itself after " + Format.seconds(f.recoveredAfterMs() / 1000.0))
                .contains(Format.count(f.eventsDelayed()) + " events delayed, 0 lost, 0 applied twice");
        assertThat(fx(() -> texts(view))).contains(end);

        // Once a health check finds every part healthy again, the menu takes the next fault.
        await().atMost(Duration.ofSeconds(90)).until(() -> fx(() -> !model.faultActiveProperty().get()));
        assertThat(fx(() -> model.faultProperty().get().backAt())).isNotNull();
        assertThat(fx(() -> model.faultProperty().get().failure())).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> !crash.isDisable() && !c.faults.isDisabled()));
    }
}
