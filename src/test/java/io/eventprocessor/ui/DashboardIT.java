package io.eventprocessor.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.StackMode;
import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.scenario.Pipeline;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.Health;
import io.eventprocessor.testing.SharedStack;
import io.eventprocessor.ui.model.DashboardModel;
import io.eventprocessor.ui.model.Figures;
import io.eventprocessor.ui.model.IntegrityView;
import io.eventprocessor.ui.model.Launch;
import io.eventprocessor.ui.model.RunStatus;
import io.eventprocessor.ui.model.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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

/** The dashboard, headless (Monocle), on the real embedded stack shared by the test run. */
@ExtendWith(SharedStack.class)
class DashboardIT {
    private final FxRobot robot = new FxRobot();
    private DashboardModel model;
    private DashboardView view;
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private void open(Settings settings) throws Exception {
        model = fx(DashboardModel::new);
        stage = FxToolkit.setupStage(s -> {
            view = new DashboardView(model);
            Scene scene = new Scene(view, 1280, 720);
            view.installShortcuts(scene);
            s.setScene(scene);
            s.show();
            view.start();
            model.use(Pipeline.of(settings, StackMode.EMBEDDED));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        if (view != null) FxToolkit.setupFixture(() -> {
            view.stop();
            model.close();
        });
    }

    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    @Test
    void runningScenariosDrivesTheTilesTableTimelineHistoryAndExport(Settings settings, @TempDir Path dir) throws Exception {
        open(settings);
        await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> !model.health().isEmpty()));

        robot.clickOn("#run-100");
        // A second start while it runs is refused: the button is disabled and the command says no.
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> model.runningProperty().get() || !model.history().isEmpty()));
        if (fx(() -> model.runningProperty().get())) {
            assertThat(fx(() -> robot.lookup("#run-100").queryButton().isDisabled())).isTrue();
            assertThat(fx(() -> model.runScenario(Launch.of(Scenario.MODERATE)))).isFalse();
        }
        await().atMost(Duration.ofSeconds(150)).until(() -> fx(() -> model.history().size()) == 1);

        // The tiles reach the run's figures on the next ticks of the UI clock.
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> view.tiles.shown().processed()) == 100);
        Figures shown = fx(() -> view.tiles.shown());
        assertThat(shown.target()).isEqualTo(100);
        assertThat(shown.remaining()).isZero();
        assertThat(fx(() -> view.tiles.progress.getValue())).isEqualTo(100.0);
        IntegrityView integrity = fx(() -> model.integrityProperty().get());
        assertThat(integrity.match()).isTrue();
        assertThat(integrity.outboxEvents()).isEqualTo(100);
        assertThat(integrity.inMongo()).isEqualTo(100);
        // The tile shows it on the next tick of the UI clock.
        await().atMost(Duration.ofSeconds(5)).until(() -> fx(() -> robot.lookup(".integrity-verdict").queryAs(Label.class).getText()),
                "MATCHED"::equals);
        assertThat(fx(() -> model.statusProperty().get())).isEqualTo(RunStatus.COMPLETE);
        assertThat(fx(() -> model.narrativeProperty().get())).startsWith("Successfully processed 100 events in");

        // Recent events fill; selecting one opens its timeline.
        TableView<MetricRecord> table = fx(() -> view.events.table);
        await().atMost(Duration.ofSeconds(5)).until(() -> fx(() -> table.getItems().size()) > 0);
        robot.clickOn("Recent events");
        robot.interact(() -> table.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        Label sentence = fx(() -> (Label) view.events.timeline.lookup("#timeline-sentence"));
        assertThat(sentence).isNotNull();
        assertThat(fx(sentence::getText)).matches("created \\d\\d:\\d\\d:\\d\\d\\.\\d{3}, in MongoDB \\d\\d:\\d\\d:\\d\\d\\.\\d{3}, .* later");

        // Export writes a report that validates against the schema.
        Path json = dir.resolve("report.json");
        AtomicReference<Object> written = new AtomicReference<>();
        robot.interact(() -> model.exportReport(json, written::set));
        await().atMost(Duration.ofSeconds(10)).until(() -> written.get() != null);
        JsonNode schema = new ObjectMapper().readTree(Path.of("docs/report.schema.json").toFile());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema).validate(report)).isEmpty();
        assertThat(report.path("events").path("processed").asLong()).isEqualTo(100);
        assertThat(Files.exists(dir.resolve("report.html"))).isTrue();

        // The run history gains a row per run (key 1 = the 10-event warm-up).
        robot.clickOn("#run-history");
        robot.type(KeyCode.DIGIT1);
        await().atMost(Duration.ofSeconds(120)).until(() -> fx(() -> model.history().size()) == 2);
        assertThat(fx(() -> view.history.getItems())).extracting(RunSummary::generated).containsExactly(100L, 10L);
        assertThat(fx(() -> view.history.getItems().get(1).integrityMatch())).isTrue();
    }

    @Test
    void anUnreachableServiceTurnsItsLightRedWithAReadableMessage(Settings settings) throws Exception {
        Settings noMongo = new Settings(settings.postgresHost(), settings.postgresPort(), settings.postgresDb(), settings.postgresUser(),
                settings.postgresPassword(), settings.kafkaBootstrapServers(), "mongodb://127.0.0.1:1", settings.mongoDatabase(),
                settings.metricsFile());
        open(noMongo);
        await().atMost(Duration.ofSeconds(40)).until(() -> fx(() -> !model.health().isEmpty()));
        Health mongo = fx(() -> model.health().stream().filter(h -> h.service() == Connectivity.Service.MONGODB).findFirst().orElseThrow());
        assertThat(mongo.ok()).isFalse();
        assertThat(mongo.address()).contains("127.0.0.1:1");
        assertThat(mongo.problem()).isNotBlank();
        Health postgres = fx(() -> model.health().get(0));
        assertThat(postgres.ok()).isTrue();

        Node light = fx(() -> view.lookup("#health-mongodb"));
        assertThat(fx(() -> light.getPseudoClassStates().stream().map(Object::toString).toList())).contains("down");
        String shownText = fx(() -> ((Label) light.lookup(".light-detail")).getText());
        assertThat(shownText).contains("127.0.0.1:1").contains(mongo.problem());
    }
}
