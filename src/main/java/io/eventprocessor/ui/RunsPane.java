package io.eventprocessor.ui;

import io.eventprocessor.contract.Stage;
import io.eventprocessor.measure.PercentileCurve;
import io.eventprocessor.ui.model.Comparison;
import io.eventprocessor.ui.model.DashboardModel;
import io.eventprocessor.ui.model.Format;
import io.eventprocessor.ui.model.RunSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Side;
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
import javafx.scene.control.Tooltip;
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
    final ToggleButton curvesButton = new ToggleButton("End to end by percentile");
    final ToggleButton stagesButton = new ToggleButton("Median per stage");
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
        TableColumn<RunSummary, Boolean> tick = new TableColumn<>("\u2713");
        tick.setPrefWidth(35);
        tick.setId("compare-column");
        tick.setCellValueFactory(cd -> tickOf(cd.getValue()));
        tick.setCellFactory(CheckBoxTableCell.forTableColumn(tick));
        tick.setEditable(true);
        tick.setSortable(false);
        table.getColumns().add(tick);
        add("#", s -> Integer.toString(s.number()), 0.45);
        add("Events", s -> Format.count(s.processed()) + (s.processed() == s.generated() ? "" : " of " + Format.count(s.generated())), 1.1);
        add("Time", s -> Format.seconds(s.durationSeconds()), 0.9);
        add("Per s", s -> Format.rate(s.averageEps()), 0.9);
        add("P50 ms", s -> Format.ms(s.p50Ms()).replace(" ms", ""), 1);
        add("P95 ms", s -> Format.ms(s.p95Ms()).replace(" ms", ""), 1);
        add("P99 ms", s -> Format.ms(s.p99Ms()).replace(" ms", ""), 1);
        add("Match", s -> s.integrityMatch() ? "yes" : "NO", 0.9);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);

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
        y.setLabel("ms");
        curves = new LineChart<>(x, y);
        curves.setId("compare-curves");
        curves.setCreateSymbols(false);
        curves.setAnimated(false);
        curves.setLegendSide(Side.RIGHT);
        CategoryAxis sx = new CategoryAxis();
        NumberAxis sy = new NumberAxis();
        sy.setLabel("median, ms");
        stages = new BarChart<>(sx, sy);
        stages.setId("compare-stages");
        stages.setAnimated(false);
        stages.setLegendSide(Side.RIGHT);
        curvesButton.setTooltip(new Tooltip("End-to-end latency by percentile, one line per run"));
        stagesButton.setTooltip(new Tooltip("Median of each stage, one bar per run"));
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
        setDividerPositions(0.56);

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

    /** @param share the column's width against the others' */
    private void add(String title, Function<RunSummary, String> value, double share) {
        TableColumn<RunSummary, String> c = new TableColumn<>(title);
        c.setPrefWidth(70 * share);
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
