package io.eventprocessor.ui;

import io.eventprocessor.measure.PercentileCurve;
import io.eventprocessor.measure.Throughput;
import io.eventprocessor.measure.ThroughputPoint;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;

/**
 * The latency distribution per stage as HdrHistogram plots it (x = 1/(1-p) on a log scale, so 99% and 99.9% get as
 * much room as the median) and the throughput over time.
 */
public final class ChartsPane extends HBox {
    final LineChart<Number, Number> percentiles;
    final AreaChart<Number, Number> throughput;
    private Map<String, PercentileCurve> shownCurves;
    private int shownSeconds = -1;

    public ChartsPane() {
        NumberAxis x = new NumberAxis(0, 4, 1);
        x.setLabel("percentile (log scale of 1/(1-p))");
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return percentileLabel(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        NumberAxis y = new NumberAxis();
        y.setLabel("latency (ms)");
        percentiles = new LineChart<>(x, y);
        percentiles.setTitle("Latency by percentile, per stage (last finished run)");
        percentiles.setCreateSymbols(false);
        percentiles.setAnimated(false);
        percentiles.setId("percentile-chart");

        NumberAxis tx = new NumberAxis();
        tx.setLabel("seconds");
        tx.setForceZeroInRange(true);
        NumberAxis ty = new NumberAxis();
        ty.setLabel("events/s");
        throughput = new AreaChart<>(tx, ty);
        throughput.setTitle("Throughput over time (events written to MongoDB per second)");
        throughput.setCreateSymbols(false);
        throughput.setAnimated(false);
        throughput.setLegendVisible(false);
        throughput.setId("throughput-chart");
        HBox.setHgrow(percentiles, Priority.ALWAYS);
        HBox.setHgrow(throughput, Priority.ALWAYS);
        getChildren().addAll(percentiles, throughput);
        getStyleClass().add("charts-pane");
    }

    /** x = log10(1/(1-p)): 0 = 0%, 1 = 90%, 2 = 99%, 3 = 99.9%. */
    static String percentileLabel(double x) {
        double p = 100 * (1 - Math.pow(10, -x));
        if (x == 0) return "0%";
        return new BigDecimal(p).setScale(Math.max(0, (int) Math.round(x) - 2), RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + "%";
    }

    void showCurves(Map<String, PercentileCurve> curves) {
        if (curves == shownCurves) return;
        shownCurves = curves;
        percentiles.getData().clear();
        curves.forEach((stage, curve) -> {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(stage);
            for (PercentileCurve.Point p : curve.points()) {
                double inv = p.inverseTail();
                if (Double.isFinite(inv) && inv >= 1) s.getData().add(new XYChart.Data<>(Math.min(4, Math.log10(inv)), p.valueMs()));
            }
            percentiles.getData().add(s);
        });
    }

    void showThroughput(List<ThroughputPoint> perSecond) {
        if (perSecond.size() == shownSeconds) return;
        shownSeconds = perSecond.size();
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        long first = perSecond.isEmpty() ? 0 : perSecond.get(0).epochSecond();
        for (ThroughputPoint p : perSecond) s.getData().add(new XYChart.Data<>(p.epochSecond() - first, p.events()));
        throughput.getData().setAll(List.of(s));
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
