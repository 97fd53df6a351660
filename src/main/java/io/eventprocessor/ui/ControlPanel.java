package io.eventprocessor.ui;

import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.loadgen.SendPlan;
import io.eventprocessor.scenario.Pipeline;
import io.eventprocessor.stack.Fault;
import io.eventprocessor.ui.model.DashboardModel;
import io.eventprocessor.ui.model.FaultState;
import io.eventprocessor.ui.model.Format;
import io.eventprocessor.ui.model.Launch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;

/**
 * Scenario buttons (keys 1-4), the guided demo (G), a custom run with its fields checked as they are typed, stop,
 * reset, verify, and the Resilience menu (Ctrl+F opens it): a fault is injected by choosing it, never by one key. Buttons
 * call the model's commands only.
 */
public final class ControlPanel extends VBox {
    static final int MAX_EVENTS = 100_000;
    static final int MAX_BATCH = 1_000;
    static final int MAX_RATE = 50_000;

    final Button[] presets = new Button[Scenario.PRESETS.size()];
    final Button guide = new Button("G:  guided demo");
    final Button leaveGuide = new Button("Leave the guide");
    final Spinner<Integer> events = new Spinner<>(1, MAX_EVENTS, 500, 100);
    final Spinner<Integer> batch = new Spinner<>(1, MAX_BATCH, 100, 10);
    final Spinner<Integer> rate = new Spinner<>(0, MAX_RATE, 0, 100);
    final Button custom = new Button("Run custom");
    final Button stop = new Button("Stop  (Esc)");
    final Button reset = new Button("Reset");
    final Button verify = new Button("Verify");
    final ValidationSupport validation = new ValidationSupport();
    final MenuButton faults = new MenuButton("Inject a fault");
    final Map<Fault, MenuItem> faultItems = new EnumMap<>(Fault.class);
    final Tooltip faultTip = new Tooltip();
    private final DashboardModel model;

    public ControlPanel(DashboardModel model) {
        this.model = model;
        getStyleClass().add("control-panel");
        BooleanBinding unavailable = model.busyProperty().or(model.pipelineProperty().isNull());
        Label title = new Label("Scenarios");
        title.getStyleClass().add("panel-title");
        GridPane scenarios = new GridPane();
        scenarios.getStyleClass().add("scenario-grid");
        for (int i = 0; i < Scenario.PRESETS.size(); i++) {
            Scenario s = Scenario.PRESETS.get(i);
            Button b = new Button((i + 1) + ": " + Format.count(s.totalEvents()));
            b.setId("run-" + s.totalEvents());
            b.getStyleClass().add("scenario-button");
            b.setMaxWidth(Double.MAX_VALUE);
            b.setFocusTraversable(false);
            b.disableProperty().bind(unavailable);
            b.setOnAction(e -> model.runScenario(Launch.of(s)));
            presets[i] = b;
            scenarios.add(b, i % 2, i / 2);
            GridPane.setHgrow(b, Priority.ALWAYS);
        }
        getChildren().addAll(title, scenarios);
        guide.setId("guide-next");
        guide.getStyleClass().add("guide-button");
        guide.setMaxWidth(Double.MAX_VALUE);
        guide.setFocusTraversable(false);
        guide.setOnAction(e -> model.guideNext());
        leaveGuide.setId("guide-leave");
        leaveGuide.setMaxWidth(Double.MAX_VALUE);
        leaveGuide.setFocusTraversable(false);
        leaveGuide.visibleProperty().bind(model.guidePhaseProperty().isNotNull());
        leaveGuide.managedProperty().bind(leaveGuide.visibleProperty());
        leaveGuide.setOnAction(e -> model.guideLeave());
        getChildren().addAll(guide, leaveGuide, new Separator());

        Label customTitle = new Label("Custom run");
        customTitle.getStyleClass().add("panel-title");
        GridPane form = new GridPane();
        form.getStyleClass().add("custom-form");
        form.addRow(0, new Label("Events"), events);
        form.addRow(1, new Label("Batch"), batch);
        form.addRow(2, new Label("Rate/s"), rate);
        events.setId("custom-events");
        batch.setId("custom-batch");
        rate.setId("custom-rate");
        for (Spinner<?> sp : new Spinner<?>[] {events, batch, rate}) sp.setEditable(true);
        validation.registerValidator(events.getEditor(), false, Validator.<String>createPredicateValidator(
                t -> within(t, 1, MAX_EVENTS), "Events: a whole number from 1 to " + Format.count(MAX_EVENTS)));
        validation.registerValidator(batch.getEditor(), false, Validator.<String>createPredicateValidator(
                t -> within(t, 1, MAX_BATCH), "Batch: a whole number from 1 to " + Format.count(MAX_BATCH)));
        validation.registerValidator(rate.getEditor(), false, Validator.<String>createPredicateValidator(
                t -> within(t, 0, MAX_RATE), "Rate: events per second from 0 (as fast as possible) to " + Format.count(MAX_RATE)));
        Label rateHint = new Label("rate 0 = as fast as possible");
        rateHint.getStyleClass().add("hint");
        rateHint.setWrapText(true);
        custom.setId("run-custom");
        custom.setMaxWidth(Double.MAX_VALUE);
        custom.disableProperty().bind(unavailable.or(validation.invalidProperty()));
        custom.setOnAction(e -> {
            Launch l = customLaunch();
            if (l != null) model.runScenario(l);
        });
        getChildren().addAll(customTitle, form, rateHint, custom, new Separator());
        reset.setTooltip(new Tooltip("Delete the demo data: outbox rows, topic records, read models"));
        verify.setTooltip(new Tooltip("Compare the whole outbox with MongoDB"));

        stop.setId("stop");
        stop.getStyleClass().add("stop-button");
        stop.setMaxWidth(Double.MAX_VALUE);
        stop.setFocusTraversable(false);
        stop.disableProperty().bind(model.runningProperty().not());
        stop.setOnAction(e -> model.cancel());
        reset.setId("reset");
        reset.setMaxWidth(Double.MAX_VALUE);
        reset.setFocusTraversable(false);
        reset.disableProperty().bind(unavailable);
        reset.setOnAction(e -> model.reset());
        verify.setId("verify");
        verify.setMaxWidth(Double.MAX_VALUE);
        verify.setFocusTraversable(false);
        verify.disableProperty().bind(unavailable);
        verify.setOnAction(e -> model.verify());
        HBox checks = new HBox(reset, verify);
        checks.getStyleClass().add("check-buttons");
        HBox.setHgrow(reset, Priority.ALWAYS);
        HBox.setHgrow(verify, Priority.ALWAYS);
        getChildren().addAll(stop, checks, new Separator(), resilience());

        setPadding(new Insets(10));
        setSpacing(8);
    }

    /**
     * The Resilience menu, one row (the panel has no room to spare at 1280x720 and 125 %): one item per fault, each
     * disabled when it cannot be injected now, the reasons in the menu's tooltip (and "local stack only" in the item's
     * text). A disabled control shows no tooltip, so the tooltip sits on a pane around the menu.
     */
    private Node resilience() {
        faults.setId("fault-menu");
        faults.getStyleClass().add("fault-menu");
        faults.setMaxWidth(Double.MAX_VALUE);
        faults.setFocusTraversable(false);
        for (Fault f : Fault.values()) {
            MenuItem item = new MenuItem(FaultState.label(f));
            item.setId("fault-" + f.key());
            item.setOnAction(e -> model.inject(f));
            if (f == Fault.POISON) faults.getItems().add(new SeparatorMenuItem());
            faults.getItems().add(item);
            faultItems.put(f, item);
        }
        StackPane holder = new StackPane(faults);
        holder.setId("fault-menu-holder");
        Tooltip.install(holder, faultTip);
        model.faultRefusalsProperty().addListener((o, a, b) -> updateFaults());
        updateFaults();
        return holder;
    }

    /** Enables the faults that can be injected now; says why the others cannot. */
    void updateFaults() {
        Map<Fault, String> refused = model.faultRefusalsProperty().get();
        Pipeline p = model.pipelineProperty().get();
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<Fault, MenuItem> e : faultItems.entrySet()) {
            String why = refused.get(e.getKey());
            e.getValue().setDisable(why != null);
            boolean elsewhere = p != null && !p.faults().contains(e.getKey());
            e.getValue().setText(FaultState.label(e.getKey()) + (elsewhere ? "  (local stack only)" : ""));
            if (why != null && !reasons.contains(why)) reasons.add(why);
        }
        faults.setDisable(refused.size() == faultItems.size());
        faultTip.setText("Resilience (Ctrl+F): break a part of the pipeline now, while a run inserts or waits for its events, or "
                + "between runs. The banner tells what happens; a run's report records the fault with its figures."
                + (reasons.isEmpty() ? "" : "\n\n" + String.join("\n", reasons)));
    }

    /** Ctrl+F: opens the Resilience menu, where the arrow keys and Enter choose a fault; nothing when none can be injected now. */
    void openFaults() {
        if (faults.isDisabled()) return;
        if (faults.isShowing()) faults.hide();
        else faults.show();
    }

    /** True for a whole number from {@code min} to {@code max} (thousands separators allowed). */
    static boolean within(String text, int min, int max) {
        OptionalInt v = parse(text);
        return v.isPresent() && v.getAsInt() >= min && v.getAsInt() <= max;
    }

    static OptionalInt parse(String text) {
        if (text == null) return OptionalInt.empty();
        String t = text.trim().replace(",", "").replace("_", "");
        if (t.isEmpty() || t.length() > 9 || !t.chars().allMatch(Character::isDigit)) return OptionalInt.empty();
        return OptionalInt.of(Integer.parseInt(t));
    }

    /** The custom run as typed; null while a field is not valid. */
    Launch customLaunch() {
        if (validation.isInvalid() == Boolean.TRUE) return null;
        int n = value(events.getEditor(), events.getValue());
        int b = value(batch.getEditor(), batch.getValue());
        int r = value(rate.getEditor(), rate.getValue());
        Scenario s = Scenario.custom(n).withBatchSize(b);
        SendPlan plan = r > 0 ? SendPlan.paced(r, b) : SendPlan.burst(b, Duration.ZERO);
        return new Launch(s, plan);
    }

    private static int value(TextField editor, int fallback) {
        return parse(editor.getText()).orElse(fallback);
    }
}
