package io.eventprocessor.ui;

import static io.eventprocessor.ui.DashboardViewTest.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.eventprocessor.ui.model.Figures;
import io.eventprocessor.ui.model.Headline;
import io.eventprocessor.ui.model.Headlines;
import io.eventprocessor.ui.model.LatencyLevel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The TilesFX tiles of the board (headless, Monocle): what they draw, and that an unchanged figure costs no frame. */
class TileBoardTest {
    private final FxRobot robot = new FxRobot();
    private TileBoard board;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void open() throws Exception {
        FxToolkit.setupStage(s -> {
            board = new TileBoard();
            Scene scene = new Scene(board, 1100, 420);
            scene.getStylesheets().add(DashboardView.class.getResource(DashboardView.CSS).toExternalForm());
            board.getStyleClass().add("dashboard");
            board.pseudoClassStateChanged(PseudoClass.getPseudoClass("dark"), true);
            s.setScene(scene);
            s.setWidth(1100);
            s.setHeight(420);
            s.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The y of each point of the line TilesFX draws, oldest first. */
    private static List<Double> drawnLine(SparkBody b) {
        Pane pane = (Pane) b.tile.getChildrenUnmodifiable().get(0);
        Path line = pane.getChildren().stream().filter(Path.class::isInstance).map(Path.class::cast).findFirst().orElseThrow();
        List<Double> ys = new ArrayList<>();
        for (PathElement e : line.getElements()) ys.add(e instanceof MoveTo m ? m.getY() : ((LineTo) e).getY());
        return ys;
    }

    @Test
    void theLineTilesFxDrawsHasExactlyThePointsItWasGivenOnAScaleFromZeroThatHoldsThem() throws Exception {
        SparkBody b = board.sparkBody;
        Headline shown = new Headline("x", "ms", "", LatencyLevel.NONE);
        // Two equal points in a row and a new highest point (the stock skin drew a changed value twice, and the newest again
        // when the scale changed).
        for (double p : new double[] {5, 10, 10, 20, 7}) robot.interact(() -> {
            b.add(p);
            b.show(shown);
        });
        List<Double> ys = fx(() -> drawnLine(b));
        assertThat(ys).hasSize(5);
        assertThat(ys.get(1)).isEqualTo(ys.get(2));
        assertThat(ys.get(0)).isGreaterThan(ys.get(1));
        assertThat(ys.get(3)).isLessThan(ys.get(1));
        assertThat(ys.get(4)).isBetween(ys.get(1), ys.get(0));
        assertThat(fx(() -> b.tile.getMaxValue())).isEqualTo(Headlines.niceMax(20));
        // The scale starts at 0: 0 is as far under 5 as 5 is under 10, and 20 twice as far above 0 as 10.
        double zero = ys.get(0) + (ys.get(0) - ys.get(1));
        assertThat((zero - ys.get(3)) / (zero - ys.get(1))).isCloseTo(2.0, within(0.01));

        // Fewer than TilesFX's four points: each is drawn, stretched; a full line drops its oldest point per new one.
        robot.interact(() -> {
            b.clear();
            b.add(3);
            b.show(shown);
        });
        ys = fx(() -> drawnLine(b));
        assertThat(ys).hasSize(SparkBody.MIN_DRAWN);
        assertThat(new HashSet<>(ys)).hasSize(1);
        robot.interact(() -> {
            for (int i = 0; i < SparkBody.POINTS + 10; i++) {
                b.add(i % 2 == 0 ? 4 : 6);
                b.show(shown);
            }
        });
        ys = fx(() -> drawnLine(b));
        assertThat(ys).hasSize(SparkBody.POINTS);
        for (int i = 1; i < ys.size(); i++) assertThat(ys.get(i)).as("point %d", i).isNotEqualTo(ys.get(i - 1));
    }

    @Test
    void aBoardShownTheSameFiguresAgainAsksForNoFrame() throws Exception {
        List<Figures> figures = DashboardViewTest.run(1_000, 600);
        for (Figures f : figures) robot.interact(() -> board.show(f, null, 1));
        Figures last = figures.get(figures.size() - 1);
        AtomicInteger pulses = new AtomicInteger();
        Runnable count = pulses::incrementAndGet;
        robot.interact(() -> board.getScene().addPostLayoutPulseListener(count));
        // A refresh that changes a figure asks for a frame ...
        robot.interact(() -> board.show(figures.get(figures.size() - 2), null, 1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pulses.get()).isPositive();
        robot.interact(() -> board.show(last, null, 1));
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        // ... one that shows the same figures again (an idle window, once a second) asks for none.
        pulses.set(0);
        for (int i = 0; i < 5; i++) {
            robot.interact(() -> board.show(last, null, 1));
            Thread.sleep(100);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pulses.get()).isZero();
        robot.interact(() -> board.getScene().removePostLayoutPulseListener(count));
    }

    @Test
    void theBoardCanBeDrawnOffScreenAsTheWindowsWarmUpDrawsIt() throws Exception {
        List<Figures> figures = DashboardViewTest.run(10_000, 50);
        int points = fx(() -> {
            TileBoard offScreen = new TileBoard();
            Scene scene = new Scene(new VBox(offScreen), 1280, 900);
            for (Figures f : figures) {
                offScreen.show(f, null, 1);
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                scene.snapshot(null);
            }
            return offScreen.sparkBody.points().size();
        });
        assertThat(points).isEqualTo(figures.size() - 1);
    }
}
