package io.eventprocessor.ui;

import io.eventprocessor.contract.Messages;
import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.report.Report;
import io.eventprocessor.report.ReportWriter;
import io.eventprocessor.scenario.PipelineStart;
import io.eventprocessor.scenario.PlannedFault;
import io.eventprocessor.ui.model.DashboardModel;
import io.eventprocessor.ui.model.Launch;
import io.eventprocessor.ui.model.Narrative;
import io.eventprocessor.ui.model.RunStatus;
import io.eventprocessor.ui.model.RunSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.prefs.Preferences;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Opens the dashboard window and blocks until it is closed. Starts the JavaFX toolkit itself (no
 * {@code Application} subclass, so no static state is needed to hand it the environment).
 */
public final class DashboardWindow {

    /**
     * @param pipeline the pipeline being found or started, begun before the window (the window waits for it)
     * @param scenario run this preset as soon as the pipeline is ready (scripted demos and screenshots)
     * @param screenshot save a PNG of the window when that run has finished, then close
     * @param exitWhenDone close the window when that run has finished, printing the UI responsiveness figures
     * @param scale presentation scale, 1.0 = 100 %
     * @param report write that run's JSON report (with the dashboard's own figures, {@code ui}) and its HTML page here
     * @param faults injected during that run, each at its time after the run's first insert
     * @param launchedAt when the dashboard was launched: its process's start, from which the window's time to ready counts
     */
    public record Options(PipelineStart pipeline, Optional<Scenario> scenario, Optional<Path> screenshot, boolean exitWhenDone,
            int width, int height, double scale, Optional<Path> report, List<PlannedFault> faults, Instant launchedAt) {}

    /** Thrown when there is no display to open a window on (or JavaFX cannot start). */
    public static final class NoDisplayException extends Exception {
        public NoDisplayException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Frames a second while something moves (the pipeline's flowing events during a run). */
    static final int FRAMES_PER_SECOND = 20;
    private static final String PULSE_HZ = "javafx.animation.pulse";
    private static final String FRAME_RATE = "javafx.animation.framerate";

    private DashboardWindow() {}

    public static int open(Options options, PrintStream out) throws Exception {
        // Frames only during a run, and then 20 a second: dots that flow, a third of the drawing of 60 (under software
        // rendering every frame uploads the whole window).
        if (System.getProperty(PULSE_HZ) == null) System.setProperty(PULSE_HZ, Integer.toString(FRAMES_PER_SECOND));
        if (System.getProperty(FRAME_RATE) == null) System.setProperty(FRAME_RATE, Integer.toString(FRAMES_PER_SECOND));
        CountDownLatch started = new CountDownLatch(1);
        boolean ours = true;
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            ours = false;
            started.countDown();
        } catch (RuntimeException | Error e) {
            throw new NoDisplayException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
        started.await();
        Platform.setImplicitExit(false);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicInteger code = new AtomicInteger(0);
        Platform.runLater(() -> {
            try {
                show(options, out, closed, code);
            } catch (RuntimeException e) {
                out.println("The dashboard could not open: " + Messages.describe(e));
                code.set(1);
                closed.countDown();
            }
        });
        closed.await();
        // A toolkit someone else started (a test run) is theirs to stop.
        if (ours) Platform.exit();
        return code.get();
    }

    private static void show(Options options, PrintStream out, CountDownLatch closed, AtomicInteger code) {
        DashboardModel model = new DashboardModel();
        model.connect(options.pipeline());
        DashboardView view = new DashboardView(model, Preferences.userNodeForPackage(DashboardWindow.class));
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double w = options.width() > 0 ? options.width() : Math.min(1920, screen.getWidth());
        double h = options.height() > 0 ? options.height() : Math.min(1080, screen.getHeight());
        Scene scene = new Scene(view, w, h);
        view.installShortcuts(scene);
        view.setScale(options.scale());
        Stage stage = new Stage();
        stage.setTitle("Event Processor - live dashboard");
        stage.setMinWidth(Math.min(1024, w));
        stage.setMinHeight(Math.min(640, h));
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            view.stop();
            model.close();
            closed.countDown();
        });
        stage.show();
        view.requestFocus();
        view.start();

        options.scenario().ifPresent(s -> {
            // The scripted run starts once the pipeline is ready and the views are warm (as they are for a presenter,
            // whose first click comes long after the window opened).
            Runnable go = () -> {
                if (model.statusProperty().get() == RunStatus.READY && model.history().isEmpty() && !model.busyProperty().get()
                        && view.warmed().isDone() && !model.runningProperty().get() && !model.runScenario(Launch.of(s), options.faults())) {
                    out.println("The scenario could not run: " + model.lastErrorProperty().get());
                    code.set(2);
                    if (options.exitWhenDone() || options.screenshot().isPresent()) stage.close();
                }
            };
            view.warmed().thenRun(() -> Platform.runLater(go));
            model.statusProperty().addListener((o, a, b) -> {
                go.run();
                if (b == RunStatus.ERROR && model.history().isEmpty()) {
                    out.println("The scenario could not run: " + model.lastErrorProperty().get());
                    code.set(1);
                    if (options.exitWhenDone() || options.screenshot().isPresent()) stage.close();
                }
            });
            model.history().addListener((ListChangeListener<RunSummary>) c -> {
                RunSummary r = model.history().get(model.history().size() - 1);
                out.println(Narrative.finished(r));
                // The window says ready as its pipeline is attached (once, at launch): what a presenter waits for.
                java.time.Duration launchToReady = java.time.Duration.between(options.launchedAt(), model.connectedAtProperty().get());
                out.println(String.format(Locale.ROOT, "Launch to ready: %.1f s (from the dashboard's start to its window's first ready)",
                        launchToReady.toNanos() / 1e9));
                out.println(view.meter().describe());
                if (!r.integrityMatch() || r.processed() != r.generated()) code.set(3);
                CompletableFuture<Void> reported = CompletableFuture.completedFuture(null);
                if (options.report().isPresent()) {
                    Report withUi = r.report().withUi(view.meter().figures(launchToReady));
                    Path file = options.report().get();
                    reported = CompletableFuture.runAsync(() -> {
                        try {
                            ReportWriter.Written written = ReportWriter.write(withUi, file);
                            out.println("Report: " + written.json().toAbsolutePath() + " (and " + written.html().getFileName() + ")");
                        } catch (IOException e) {
                            out.println("The report could not be written: " + Messages.describe(e));
                            code.set(1);
                        }
                    });
                }
                if (options.screenshot().isEmpty() && !options.exitWhenDone()) return;
                CompletableFuture<Void> written = reported;
                // Let the integrity and document reads land before the picture.
                PauseTransition settle = new PauseTransition(Duration.seconds(options.screenshot().isPresent() ? 3 : 0.2));
                settle.setOnFinished(e -> {
                    if (options.screenshot().isPresent()) {
                        // Show the room one event's journey in the picture.
                        view.tabs.getSelectionModel().select(view.eventsTab);
                        view.events.show(model.recentNewestFirst(), Long.MAX_VALUE);
                        if (!view.events.table.getItems().isEmpty()) view.events.table.getSelectionModel().select(0);
                        LayoutAudit audit = view.audit();
                        out.println(audit.describe());
                        view.saveSnapshot(options.screenshot().get()).whenComplete((p, err) -> written.whenComplete((x, y) -> Platform.runLater(() -> {
                            out.println(err == null ? "Screenshot saved to " + p : "Screenshot failed: " + err.getMessage());
                            stage.close();
                        })));
                    } else {
                        written.whenComplete((x, y) -> Platform.runLater(stage::close));
                    }
                });
                settle.play();
            });
        });
    }
}
