package io.eventprocessor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.contract.EventTiming;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Names;
import io.eventprocessor.measure.MetricsAggregator;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.Fault;
import io.eventprocessor.ui.model.DashboardModel;
import io.eventprocessor.ui.model.ExportRequest;
import io.eventprocessor.ui.model.Figures;
import io.eventprocessor.ui.model.Format;
import io.eventprocessor.ui.model.Headline;
import io.eventprocessor.ui.model.Headlines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.concurrent.Task;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window without a pipeline (headless, Monocle): what it shows before any run at every supported size, and how
 * its keys treat a focused field. Nothing here needs a service: the model never connects.
 */
class DashboardViewTest {
    private final FxRobot robot = new FxRobot();
    private final Preferences prefs = Preferences.userRoot().node("io/eventprocessor/ui-test-" + UUID.randomUUID());
    private DashboardModel model;
    private DashboardView view;
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private void open(int width, int height, double scale) throws Exception {
        closeView();
        stage = FxToolkit.setupStage(s -> {
            model = new DashboardModel();
            view = new DashboardView(model, prefs);
            Scene scene = new Scene(view, width, height);
            view.installShortcuts(scene);
            view.setScale(scale);
            s.setScene(scene);
            s.setWidth(width);
            s.setHeight(height);
            s.show();
            s.toFront();
            s.requestFocus();
            view.refresh();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void closeView() throws Exception {
        if (view == null) return;
        FxToolkit.setupFixture(() -> {
            view.stop();
            model.close();
        });
        view = null;
    }

    @AfterEach
    void close() throws Exception {
        closeView();
        prefs.removeNode();
    }

    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    /** Every visible text under {@code n}. */
    static List<String> texts(Node n) {
        List<String> out = new ArrayList<>();
        if (!n.isVisible()) return out;
        if (n instanceof Text t && !t.getText().isBlank()) out.add(t.getText());
        if (n instanceof Parent p) for (Node c : p.getChildrenUnmodifiable()) out.addAll(texts(c));
        return out;
    }

    @Test
    void beforeAnyRunNoTileClaimsAFigureAndNothingIsCutAtAnySupportedSize() throws Exception {
        // Each projector size, and the presentation scales that suit it (a larger scale on a smaller screen leaves the
        // tiles no room).
        double[][] cases = {{1024, 768, 1.0}, {1280, 720, 1.0}, {1280, 720, 1.25}, {1920, 1080, 1.0}, {1920, 1080, 1.25}, {1920, 1080, 1.5}};
        for (double[] size : cases) {
            double scale = size[2];
            {
                open((int) size[0], (int) size[1], scale);
                LayoutAudit audit = fx(() -> view.audit());
                String where = (int) size[0] + "x" + (int) size[1] + " at " + scale;
                assertThat(audit.width()).as(where).isEqualTo(size[0]);
                assertThat(audit.cut()).as(where + ": " + audit.describe()).isEmpty();
                assertThat(audit.tooSmall()).as(where + ": " + audit.describe()).isEmpty();
                assertThat(audit.smallestPx()).as(where).isGreaterThanOrEqualTo(FitText.MIN_PX);

                List<String> board = fx(() -> texts(view.tiles));
                // The idle screen of old said "0.0%", "0.0 ms", "0 s": figures that did not exist.
                assertThat(board).as(where).noneMatch(t -> t.matches("0(\\.0+)?( ?(%|ms|s))?"));
                assertThat(board).as(where).contains(Headline.NONE, Headlines.NO_RUN);
                for (FigureTile t : fx(() -> view.tiles.tiles())) {
                    assertThat(t.getPseudoClassStates()).as(t.getId() + " is grey").anyMatch(p -> p.getPseudoClassName().equals("empty"));
                }
            }
        }
        assertThat(fx(() -> view.tiles.success.getPseudoClassStates())).noneMatch(p -> p.getPseudoClassName().equals("good"));
    }

    /**
     * The figures a run of {@code events} events shows, one per refresh while it goes (30 of them) and the last once it
     * is over: events {@code gapUs} apart, end-to-end latencies from 5 to 34 ms.
     */
    static List<Figures> run(int events, long gapUs) {
        MetricsAggregator a = new MetricsAggregator(100, false);
        long base = 1_780_000_000_000_000L;
        int refreshes = 30;
        List<Figures> out = new ArrayList<>();
        for (int r = 1; r <= refreshes; r++) {
            for (int i = events * (r - 1) / refreshes; i < events * r / refreshes; i++) {
                long t0 = base + i * gapUs;
                long e2e = 5_000 + (i % 97) * 300L;
                EventTiming t = new EventTiming(t0, t0 + e2e / 5, t0 + e2e / 4, t0 + e2e / 3, t0 + e2e / 2, t0 + e2e);
                a.accept(new MetricRecord(UUID.randomUUID().toString(), Names.EVENT_TYPES.get(i % Names.EVENT_TYPES.size()), "a",
                        MetricRecord.STATUS_PROCESSED, null, null, t, 0, i, "p", "detail"));
            }
            Snapshot s = a.snapshot(base + events * gapUs * r / refreshes + 50_000, List.of(), null);
            out.add(Figures.of(s, events, r < refreshes));
        }
        assertThat(out.get(out.size() - 1).processed()).isEqualTo(events);
        return out;
    }

    @Test
    void afterARunTheTilesFxTilesShowTheHeadlinesAndEveryTextIsLegibleAndWholeAtAnySupportedSize() throws Exception {
        double[][] cases = {{1024, 768, 1.0}, {1280, 720, 1.0}, {1280, 720, 1.25}, {1920, 1080, 1.0}, {1920, 1080, 1.25}, {1920, 1080, 1.5}};
        // A scale of four digits and one of five (the widest figures the gauge draws).
        for (List<Figures> figures : List.of(run(1_000, 600), run(10_000, 50))) {
            for (double[] size : cases) {
                open((int) size[0], (int) size[1], size[2]);
                String where = (int) size[0] + "x" + (int) size[1] + " at " + size[2];
                for (Figures f : figures) robot.interact(() -> view.tiles.show(f, null, 1));
                Figures f = figures.get(figures.size() - 1);
                LayoutAudit audit = fx(() -> view.audit());
                assertThat(audit.cut()).as(where + ": " + audit.describe()).isEmpty();
                assertThat(audit.tooSmall()).as(where + ": " + audit.describe()).isEmpty();
                assertThat(audit.smallestPx()).as(where + ": " + audit.describe()).isGreaterThanOrEqualTo(FitText.MIN_PX);

                TileBoard t = view.tiles;
                // The gauge: the run's average (never a current rate), on a scale that holds it and the busiest second.
                assertThat(fx(() -> t.gauge.tile.isVisible() && !t.gauge.none.isVisible())).as(where).isTrue();
                assertThat(fx(() -> t.gauge.valueText().getText())).as(where).isEqualTo(Headlines.throughput(f).value())
                        .isEqualTo(Format.rate(f.averageEps()));
                assertThat(fx(() -> t.gauge.tile.getMaxValue())).isGreaterThanOrEqualTo(Math.max(f.averageEps(), f.peakEps()));
                assertThat(fx(() -> t.gauge.tile.isAnimated() || t.gauge.tile.isThresholdVisible())).isFalse();
                // The line: its newest point, the same figure as the headline's.
                List<Double> points = fx(() -> t.sparkBody.points());
                assertThat(points).hasSize(29);
                assertThat(fx(() -> t.sparkBody.valueText().getText())).as(where).isEqualTo(Headlines.latencyLine(f, points).value());
                assertThat(fx(() -> t.throughput.caption.getText())).startsWith("average of");
            }
        }
    }

    @Test
    void theWindowStartsWithNoFieldFocusedAndAClickOnTheTableTakesTheFocusFromAField() throws Exception {
        open(1280, 720, 1.0);
        assertThat(fx(() -> DashboardView.editing(stage.getScene().getFocusOwner()))).isFalse();

        Spinner<Integer> events = view.controls.events;
        robot.clickOn(events.getEditor());
        assertThat(fx(() -> DashboardView.editing(stage.getScene().getFocusOwner()))).isTrue();
        robot.clickOn(view.events.table);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> DashboardView.editing(stage.getScene().getFocusOwner()))).isFalse();
    }

    @Test
    void aDigitTypedInAFieldGoesIntoTheFieldAndAShortcutWithCtrlNeverDoes() throws Exception {
        open(1280, 720, 1.0);
        Spinner<Integer> events = view.controls.events;
        robot.clickOn(events.getEditor());
        robot.interact(() -> events.getEditor().setText("500"));
        robot.interact(() -> events.getEditor().end());

        robot.type(KeyCode.DIGIT3);
        assertThat(fx(() -> events.getEditor().getText())).isEqualTo("5003");
        assertThat(fx(() -> model.guideLineProperty().get())).isEmpty();

        // The guide key with Ctrl acts (the model answers that the pipeline is not ready yet) and types nothing.
        robot.press(KeyCode.CONTROL).type(KeyCode.G).release(KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT4).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> events.getEditor().getText())).isEqualTo("5003");
        assertThat(fx(() -> model.guideLineProperty().get())).contains("still starting");

        // Esc leaves the field; then the plain key acts and still types nothing.
        robot.interact(model::guideLeave);
        robot.type(KeyCode.ESCAPE);
        assertThat(fx(() -> DashboardView.editing(stage.getScene().getFocusOwner()))).isFalse();
        robot.type(KeyCode.G);
        robot.type(KeyCode.DIGIT2);
        assertThat(fx(() -> model.guideLineProperty().get())).contains("still starting");
        assertThat(fx(() -> events.getEditor().getText())).isEqualTo("5003");
        assertThat(fx(() -> view.keys.getText())).contains("1-4").contains("Ctrl").contains("Esc");
    }

    @Test
    void backgroundWorkShowsItsWholeLineWithinItsPanelAndOffersNoCancel() throws Exception {
        open(1920, 1080, 1.0);
        String line = "training the stack's AOT cache (once per build): scenario extreme, 10,000 events";
        Task<Void> longWork = new Task<>() {
            @Override
            protected Void call() throws Exception {
                updateTitle("Starting or finding the pipeline");
                updateMessage(line);
                Thread.sleep(60_000);
                return null;
            }
        };
        Thread worker = new Thread(longWork, "long-work");
        worker.setDaemon(true);
        worker.start();
        fx(() -> view.work.getTasks().add(longWork));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(() -> texts(view.work).toString().contains("scenario extreme")));
        WaitForAsyncUtils.waitForFxEvents();
        try {
            Bounds panel = fx(() -> view.work.localToScene(view.work.getLayoutBounds()));
            List<Text> message = fx(() -> view.work.lookupAll(".task-message .text").stream()
                    .map(Text.class::cast).filter(Node::isVisible).toList());
            assertThat(fx(() -> String.join(" ", message.stream().map(Text::getText).toList()).replaceAll("\\s+", " ")))
                    .as("the whole line, wrapped, not cut short").isEqualTo(line);
            for (Text t : message) {
                assertThat(fx(() -> panel.contains(t.localToScene(t.getLayoutBounds())))).as("within the panel: " + panel).isTrue();
            }
            assertThat(fx(() -> view.work.lookupAll(".task-cancel-button").stream().filter(Node::isVisible).toList()))
                    .as("no cancel button").isEmpty();
        } finally {
            longWork.cancel();
        }
    }

    @Test
    void withoutAPipelineTheResilienceMenuTakesNoFaultAndSaysWhy() throws Exception {
        open(1280, 720, 1.0);
        ControlPanel c = view.controls;
        assertThat(fx(() -> c.faults.isDisabled())).isTrue();
        assertThat(fx(() -> c.faultItems.values().stream().allMatch(MenuItem::isDisable))).isTrue();
        assertThat(fx(() -> c.faultTip.getText())).contains("Ctrl+F").endsWith("The pipeline is not ready yet.");
        assertThat(fx(() -> model.inject(Fault.PROCESSOR_CRASH))).isFalse();
        assertThat(fx(() -> model.faultProperty().get())).isNull();
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> c.faults.isShowing())).isFalse();
        assertThat(fx(() -> view.keys.getText())).contains("Ctrl+F fault");
    }

    @Test
    void theCustomRunsFieldsAreCheckedAsTheyAreTyped() throws Exception {
        open(1280, 720, 1.0);
        ControlPanel c = view.controls;
        robot.interact(() -> c.events.getEditor().setText("0"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> c.validation.isInvalid())).isTrue();
        assertThat(fx(c::customLaunch)).isNull();
        robot.interact(() -> c.events.getEditor().setText("2,500"));
        robot.interact(() -> c.batch.getEditor().setText("abc"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> c.validation.isInvalid())).isTrue();
        robot.interact(() -> c.batch.getEditor().setText("50"));
        robot.interact(() -> c.rate.getEditor().setText("200"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> c.validation.isInvalid())).isFalse();
        assertThat(fx(() -> c.customLaunch().target())).isEqualTo(2500);
        assertThat(fx(() -> c.customLaunch().plan().ratePerSecond())).isEqualTo(200.0);
        // Without a pipeline the button stays off whatever the fields say.
        assertThat(fx(() -> c.custom.isDisabled())).isTrue();
    }

    @Test
    void theExportDialogOffersThePageAndThePictureAndRemembersTheFolder(@TempDir Path dir) throws Exception {
        open(1280, 720, 1.0);
        robot.interact(() -> model.setExportFolder(dir));
        assertThat(prefs.get(DashboardView.PREF_EXPORT_FOLDER, null)).isEqualTo(dir.toAbsolutePath().toString());
        ExportDialog d = fx(() -> new ExportDialog(model, view.picture()));
        assertThat(fx(() -> d.folder.getText())).isEqualTo(dir.toAbsolutePath().toString());
        assertThat(fx(() -> d.html.isSelected() && d.png.isSelected())).isTrue();
        assertThat(fx(() -> d.compare.isDisabled())).isTrue();
        ExportRequest r = fx(d::request);
        assertThat(r.json()).isEqualTo(dir.toAbsolutePath().resolve(fx(() -> d.name.getText()) + ".json"));
        assertThat(r.picture()).isNotNull();
        assertThat(r.picture().getWidth()).isEqualTo(1280);
        assertThat(r.compared()).isEmpty();

        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThat(ExportDialog.usableFolder(file.toString())).isFalse();
        assertThat(ExportDialog.usableFolder(dir.resolve("new/sub").toString())).isTrue();
        assertThat(ExportDialog.usableName("a/b")).isFalse();

        // A new window starts in the folder used last.
        open(1024, 768, 1.0);
        assertThat(fx(() -> model.exportFolderProperty().get())).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void thePipelineShowsItsFivePartsAndAClickOpensAPartsDetail() throws Exception {
        open(1280, 720, 1.0);
        assertThat(fx(() -> view.pipeline.nodes.keySet())).containsExactly(Connectivity.Service.values());
        assertThat(fx(() -> texts(view.pipeline))).contains("PostgreSQL", "Debezium", "Kafka", "Processor", "MongoDB",
                "CDC capture", "Kafka delivery", "Consumer wait", "Processing");
        assertThat(fx(() -> view.pipeline.flowing())).isFalse();
        robot.clickOn("#node-kafka");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> view.pipeline.detail.isShowing())).isTrue();
        assertThat(fx(() -> texts(view.pipeline.detail.getContentNode()))).contains("Kafka");
    }

    @Test
    void textSizesComeFromALadderAndATextTakesTheLargestThatFits() {
        assertThat(FitText.step(9)).isEqualTo(FitText.MIN_PX);
        assertThat(FitText.step(12.7)).isEqualTo(12);
        assertThat(FitText.step(18.9)).isEqualTo(17);
        assertThat(FitText.step(19)).isEqualTo(19);
        assertThat(FitText.step(100)).isEqualTo(97);
        FitText t = new FitText("tile-value", FontWeight.BOLD);
        t.setText("1,234 events/s");
        double room = t.widthAt(40) + 1;
        assertThat(t.sizeFor(97, room)).isEqualTo(38);
        assertThat(t.widthAt(t.sizeFor(97, room))).isLessThanOrEqualTo(room);
        assertThat(t.sizeFor(97, 5)).isEqualTo(FitText.MIN_PX);
    }
}
