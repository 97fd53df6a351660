package io.eventprocessor.ui;

import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.loadgen.SendPlan;
import io.eventprocessor.ui.model.DashboardModel;
import io.eventprocessor.ui.model.Format;
import io.eventprocessor.ui.model.Launch;
import java.time.Duration;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Scenario buttons (keys 1-4), a custom run, stop, reset, verify. Buttons call the model's commands only. */
public final class ControlPanel extends VBox {
    final Button[] presets = new Button[Scenario.PRESETS.size()];
    final Spinner<Integer> events = new Spinner<>(1, 100_000, 500, 100);
    final Spinner<Integer> batch = new Spinner<>(1, 1_000, 100, 10);
    final Spinner<Integer> rate = new Spinner<>(0, 50_000, 0, 100);
    final Button custom = new Button("Run custom");
    final Button stop = new Button("Stop");
    final Button reset = new Button("Reset data");
    final Button verify = new Button("Verify");

    public ControlPanel(DashboardModel model) {
        getStyleClass().add("control-panel");
        Label title = new Label("Scenarios");
        title.getStyleClass().add("panel-title");
        getChildren().add(title);
        for (int i = 0; i < Scenario.PRESETS.size(); i++) {
            Scenario s = Scenario.PRESETS.get(i);
            Button b = new Button((i + 1) + ":  " + Format.count(s.totalEvents()));
            b.setId("run-" + s.totalEvents());
            b.getStyleClass().add("scenario-button");
            b.setMaxWidth(Double.MAX_VALUE);
            b.disableProperty().bind(model.busyProperty().or(model.pipelineProperty().isNull()));
            b.setOnAction(e -> model.runScenario(Launch.of(s)));
            presets[i] = b;
            getChildren().add(b);
        }
        getChildren().add(new Separator());
        Label customTitle = new Label("Custom run");
        customTitle.getStyleClass().add("panel-title");
        GridPane form = new GridPane();
        form.getStyleClass().add("custom-form");
        form.addRow(0, new Label("Events"), events);
        form.addRow(1, new Label("Batch"), batch);
        form.addRow(2, new Label("Rate/s"), rate);
        for (Spinner<?> sp : new Spinner<?>[] {events, batch, rate}) {
            sp.setEditable(true);
            sp.setPrefWidth(110);
        }
        Label rateHint = new Label("rate 0 = as fast as possible");
        rateHint.getStyleClass().add("hint");
        custom.setId("run-custom");
        custom.setMaxWidth(Double.MAX_VALUE);
        custom.disableProperty().bind(model.busyProperty().or(model.pipelineProperty().isNull()));
        custom.setOnAction(e -> model.runScenario(customLaunch()));
        getChildren().addAll(customTitle, form, rateHint, custom, new Separator());

        stop.setId("stop");
        stop.getStyleClass().add("stop-button");
        stop.setMaxWidth(Double.MAX_VALUE);
        stop.disableProperty().bind(model.runningProperty().not());
        stop.setOnAction(e -> model.cancel());
        reset.setId("reset");
        reset.setMaxWidth(Double.MAX_VALUE);
        reset.disableProperty().bind(model.busyProperty().or(model.pipelineProperty().isNull()));
        reset.setOnAction(e -> model.reset());
        verify.setId("verify");
        verify.setMaxWidth(Double.MAX_VALUE);
        verify.disableProperty().bind(model.busyProperty().or(model.pipelineProperty().isNull()));
        verify.setOnAction(e -> model.verify());
        getChildren().addAll(stop, reset, verify);
        setPadding(new Insets(10));
        setSpacing(8);
    }

    Launch customLaunch() {
        Scenario s = Scenario.custom(events.getValue()).withBatchSize(batch.getValue());
        SendPlan plan = rate.getValue() > 0 ? SendPlan.paced(rate.getValue(), batch.getValue()) : SendPlan.burst(batch.getValue(), Duration.ZERO);
        return new Launch(s, plan);
    }
}
