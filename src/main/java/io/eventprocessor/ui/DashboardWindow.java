package io.eventprocessor.ui;

import io.eventprocessor.contract.Messages;
import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.ui.model.DashboardModel;
import io.eventprocessor.ui.model.Launch;
import io.eventprocessor.ui.model.Narrative;
import io.eventprocessor.ui.model.RunStatus;
import io.eventprocessor.ui.model.RunSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
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
     * @param scenario run this preset as soon as the pipeline is ready (scripted demos and screenshots)
     * @param screenshot save a PNG of the window when that run has finished, then close
     * @param exitWhenDone close the window when that run has finished, printing the UI responsiveness figures
     */
    public record Options(Map<String, String> env, Optional<Scenario> scenario, Optional<Path> screenshot, boolean exitWhenDone,
            int width, int height) {}

    /** Thrown when there is no display to open a window on (or JavaFX cannot start). */
    public static final class NoDisplayException extends Exception {
        public NoDisplayException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private DashboardWindow() {}

    public static int open(Options options, PrintStream out) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
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
        Platform.exit();
        return code.get();
    }

    private static void show(Options options, PrintStream out, CountDownLatch closed, AtomicInteger code) {
        DashboardModel model = new DashboardModel();
        DashboardView view = new DashboardView(model);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double w = options.width() > 0 ? options.width() : Math.min(1920, screen.getWidth());
        double h = options.height() > 0 ? options.height() : Math.min(1080, screen.getHeight());
        Scene scene = new Scene(view, w, h);
        view.installShortcuts(scene);
        Stage stage = new Stage();
        stage.setTitle("Event Processor - live dashboard");
        stage.setMinWidth(1024);
        stage.setMinHeight(640);
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            view.stop();
            model.close();
            closed.countDown();
        });
        stage.show();
        view.start();
        model.connect(options.env());

        options.scenario().ifPresent(s -> {
            model.statusProperty().addListener((o, a, b) -> {
                if (b == RunStatus.READY && model.history().isEmpty() && !model.busyProperty().get()) {
                    view.meter().reset();
                    model.runScenario(Launch.of(s));
                }
                if (b == RunStatus.ERROR && model.history().isEmpty()) {
                    out.println("The scenario could not run: " + model.lastErrorProperty().get());
                    code.set(1);
                    if (options.exitWhenDone() || options.screenshot().isPresent()) stage.close();
                }
            });
            model.history().addListener((ListChangeListener<RunSummary>) c -> {
                RunSummary r = model.history().get(model.history().size() - 1);
                out.println(Narrative.finished(r));
                out.println(view.meter().describe());
                if (!r.integrityMatch() || r.processed() != r.generated()) code.set(3);
                if (options.screenshot().isEmpty() && !options.exitWhenDone()) return;
                // Let the tiles' animations settle and the integrity/documents polls land before the picture.
                PauseTransition settle = new PauseTransition(Duration.seconds(3));
                settle.setOnFinished(e -> {
                    // Show the room one event's journey in the picture.
                    if (!view.events.table.getItems().isEmpty()) view.events.table.getSelectionModel().select(0);
                    if (options.screenshot().isPresent()) {
                        view.saveSnapshot(options.screenshot().get()).whenComplete((p, err) -> Platform.runLater(() -> {
                            out.println(err == null ? "Screenshot saved to " + p : "Screenshot failed: " + err.getMessage());
                            stage.close();
                        }));
                    } else {
                        stage.close();
                    }
                });
                settle.play();
            });
        });
    }
}
