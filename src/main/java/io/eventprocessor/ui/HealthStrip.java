package io.eventprocessor.ui;

import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.Health;
import io.eventprocessor.ui.model.DashboardModel;
import io.eventprocessor.ui.model.Format;
import io.eventprocessor.ui.model.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/** The five parts of the pipeline, green or red with their address, and the run status with uptime. */
public final class HealthStrip extends HBox {
    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    private static final PseudoClass DOWN = PseudoClass.getPseudoClass("down");

    private final DashboardModel model;
    final Label status = new Label();
    private final HBox lights = new HBox();

    public HealthStrip(DashboardModel model) {
        this.model = model;
        getStyleClass().add("health-strip");
        status.setId("run-status");
        status.getStyleClass().add("run-status");
        lights.getStyleClass().add("lights");
        HBox.setHgrow(lights, Priority.ALWAYS);
        getChildren().addAll(status, lights);
        setAlignment(Pos.CENTER_LEFT);
        model.health().addListener((ListChangeListener<Health>) c -> rebuild());
        model.statusProperty().addListener((o, a, b) -> tick(Instant.now()));
        rebuild();
    }

    private void rebuild() {
        lights.getChildren().clear();
        for (Connectivity.Service service : Connectivity.Service.values()) {
            String name = service.label();
            Health h = model.health().stream().filter(x -> x.service() == service).findFirst().orElse(null);
            Circle dot = new Circle(9);
            dot.getStyleClass().add("light");
            Label title = new Label(name);
            title.getStyleClass().add("light-name");
            Label detail = new Label(h == null ? "checking..." : h.detail());
            detail.getStyleClass().add("light-detail");
            detail.setWrapText(true);
            VBox text = new VBox(title, detail);
            HBox box = new HBox(dot, text);
            box.setId("health-" + name.toLowerCase(Locale.ROOT));
            box.getStyleClass().add("health-item");
            box.setAlignment(Pos.CENTER_LEFT);
            box.setMinWidth(Region.USE_PREF_SIZE / 10);
            HBox.setHgrow(box, Priority.ALWAYS);
            box.setMaxWidth(Double.MAX_VALUE);
            box.setPrefWidth(10);
            boolean ok = h != null && h.ok();
            for (var n : List.of(box, dot)) {
                n.pseudoClassStateChanged(OK, ok);
                n.pseudoClassStateChanged(DOWN, h != null && !h.ok());
            }
            lights.getChildren().add(box);
        }
    }

    /** Called by the UI clock: the uptime moves once a second. */
    void tick(Instant now) {
        RunStatus s = model.statusProperty().get();
        Instant since = model.connectedAtProperty().get();
        String up = since == null ? "" : "   up " + Format.uptime(Duration.between(since, now).toSeconds());
        status.setText("\u25CF " + s.name() + up);
        for (RunStatus x : RunStatus.values()) status.pseudoClassStateChanged(PseudoClass.getPseudoClass(x.pseudoClass()), x == s);
    }
}
