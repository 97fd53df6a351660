package io.eventprocessor.ui;

import io.eventprocessor.contract.Stage;
import io.eventprocessor.measure.PercentileCurve;
import io.eventprocessor.ui.model.Comparison;
import io.eventprocessor.ui.model.DashboardModel;
import io.eventprocessor.ui.model.Format;
import io.eventprocessor.ui.model.RunSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;
import org.controlsfx.control.SegmentedButton;

/**
 * Every finished run in a table ("10 vs 1,000 vs 10,000" at a glance); tick two or more to see their end-to-end
 * percentile curves on one chart, or their stage medians side by side. The export writes the ticked runs' comparison.
 */
public final class RunsPane extends SplitPane {
    final TableView<RunSummary> table = new TableView<>();
    final LineChart<Number, Number> curves;
    final BarChart<String, Number> stages;
    final SegmentedButton view;
    final ToggleButton curvesButton = new ToggleButton("Percentile curves");
    final ToggleButton stagesButton = new ToggleButton("Stages side by side");
    final Label hint = new Label("Tick two or more runs to compare them.");
    private final DashboardModel model;
    private final Map<RunSummary, BooleanProperty> ticks = new HashMap<>();
    final StackPane chartArea = new StackPane();

    public RunsPane(DashboardModel model) {
        this.model = model;
        getStyleClass().add("runs-pane");
        table.setId("run-history");
        table.setItems(model.history());
        table.setPlaceholder(new Label("Finished runs are listed here."));
        table.setEditable(true);
        TableColumn<RunSummary, Boolean> tick = new TableColumn<>("Compare");
        tick.setId("compare-column");
        tick.setCellValueFactory(cd -> tickOf(cd.getValue()));
        tick.setCellFactory(CheckBoxTableCell.forTableColumn(tick));
        tick.setEditable(true);
        tick.setSortable(false);
        table.getColumns().add(tick);
        add("#", s -> Integer.toString(s.number()));
        add("Scenario", RunSummary::scenario);
        add("Events", s -> Format.count(s.processed()) + " / " + Format.count(s.generated()));
        add("Duration", s -> Format.seconds(s.durationSeconds()));
        add("Average", s -> Format.rate(s.averageEps()) + " events/s");
        add("P50", s -> Format.ms(s.p50Ms()));
        add("P95", s -> Format.ms(s.p95Ms()));
        add("P99", s -> Format.ms(s.p99Ms()));
        add("Success", s -> String.format(Locale.US, "%.1f%%", s.successRate()));
        add("Integrity", s -> s.integrityMatch() ? "matched" : "MISMATCH");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        NumberAxis x = new NumberAxis(0, 4, 1);
        x.setLabel("percentile");
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return ChartsPane.percentileLabel(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        NumberAxis y = new NumberAxis();
        y.setLabel("ms, end to end");
        curves = new LineChart<>(x, y);
        curves.setId("compare-curves");
        curves.setCreateSymbols(false);
        curves.setAnimated(false);
        curves.setTitle("End-to-end latency by percentile, one line per run");
        CategoryAxis sx = new CategoryAxis();
        NumberAxis sy = new NumberAxis();
        sy.setLabel("median, ms");
        stages = new BarChart<>(sx, sy);
        stages.setId("compare-stages");
        stages.setAnimated(false);
        stages.setTitle("Median per stage, one bar per run");
        curvesButton.setId("compare-show-curves");
        stagesButton.setId("compare-show-stages");
        view = new SegmentedButton(curvesButton, stagesButton);
        curvesButton.setSelected(true);
        curvesButton.selectedProperty().addListener((o, a, b) -> showChart());
        stagesButton.selectedProperty().addListener((o, a, b) -> showChart());
        hint.setId("compare-hint");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        BorderPane right = new BorderPane(chartArea);
        BorderPane.setMargin(view, new Insets(4));
        right.setTop(view);
        getItems().addAll(table, right);
        setDividerPositions(0.55);

        model.history().addListener((ListChangeListener<RunSummary>) c -> ticks.keySet().retainAll(model.history()));
        model.compared().addListener((ListChangeListener<RunSummary>) c -> {
            ticks.forEach((r, p) -> p.set(model.compared().contains(r)));
            refresh();
        });
        refresh();
    }

    private BooleanProperty tickOf(RunSummary r) {
        return ticks.computeIfAbsent(r, k -> {
            BooleanProperty p = new SimpleBooleanProperty(model.compared().contains(k));
            p.addListener((o, a, b) -> model.compare(k, b));
            return p;
        });
    }

    private void add(String title, Function<RunSummary, String> value) {
        TableColumn<RunSummary, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setSortable(false);
        c.setEditable(false);
        table.getColumns().add(c);
    }

    /** Redraws the comparison: only when the ticked runs change, never on the clock. */
    void refresh() {
        Comparison cmp = model.comparison();
        curves.getData().clear();
        stages.getData().clear();
        if (cmp.comparable()) {
            for (Map.Entry<String, PercentileCurve> e : cmp.curves().entrySet()) {
                XYChart.Series<Number, Number> s = new XYChart.Series<>();
                s.setName(e.getKey());
                for (PercentileCurve.Point p : e.getValue().points()) {
                    double inv = p.inverseTail();
                    if (Double.isFinite(inv) && inv >= 1) s.getData().add(new XYChart.Data<>(Math.min(4, Math.log10(inv)), p.valueMs()));
                }
                curves.getData().add(s);
            }
            for (Map.Entry<String, Map<Stage, Double>> e : cmp.stageMedians().entrySet()) {
                XYChart.Series<String, Number> s = new XYChart.Series<>();
                s.setName(e.getKey());
                e.getValue().forEach((stage, ms) -> s.getData().add(new XYChart.Data<>(stage.label(), ms)));
                stages.getData().add(s);
            }
        }
        hint.setText(cmp.comparable() ? "" : "Tick two or more runs in the table to compare them"
                + (model.history().size() < Comparison.MINIMUM ? " (finished runs appear there)." : "."));
        showChart();
    }

    private void showChart() {
        Comparison cmp = model.comparison();
        if (!cmp.comparable()) {
            chartArea.getChildren().setAll(hint);
        } else {
            chartArea.getChildren().setAll(stagesButton.isSelected() ? stages : curves);
        }
    }

    /** The runs compared now. */
    List<RunSummary> compared() {
        return List.copyOf(model.compared());
    }
}
