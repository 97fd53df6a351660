package io.eventprocessor.ui;

import io.eventprocessor.ui.model.Format;
import io.eventprocessor.ui.model.Headline;
import io.eventprocessor.ui.model.Headlines;
import java.util.ArrayDeque;
import java.util.Deque;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polyline;
import javafx.scene.text.FontWeight;

/**
 * A figure over a line of the latest points (one per refresh with new events), on a scale from 0 that holds every
 * point shown, with its top written at the scale's corner.
 */
class SparkBody extends Region {
    static final int POINTS = 120;
    final ValueBody value = new ValueBody();
    final FitText top = new FitText("spark-scale", FontWeight.NORMAL);
    private final Polyline line = new Polyline();
    private final Line base = new Line();
    private final Deque<Double> points = new ArrayDeque<>();

    SparkBody() {
        getStyleClass().add("spark-body");
        line.getStyleClass().add("spark-line");
        base.getStyleClass().add("spark-base");
        line.setManaged(false);
        base.setManaged(false);
        getChildren().addAll(base, line, value, top);
    }

    void show(Headline h) {
        value.show(h);
    }

    void clear() {
        points.clear();
        requestLayout();
    }

    void add(double v) {
        points.addLast(v);
        while (points.size() > POINTS) points.removeFirst();
        requestLayout();
    }

    double highest() {
        return points.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    boolean isEmpty() {
        return points.isEmpty();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double vh = h * 0.46;
        value.resizeRelocate(0, 0, w * 0.8, vh);
        double chartTop = vh + h * 0.06;
        double chartH = h - chartTop;
        double scale = Headlines.niceMax(highest());
        top.setText(points.isEmpty() ? "" : Format.count(Math.round(scale)) + " ms");
        double labelH = Math.min(chartH * 0.4, 24);
        top.setMaxPx(labelH / FitText.LINE);
        top.resizeRelocate(0, chartTop - labelH * 0.2, w * 0.3, labelH);
        base.setStartX(0);
        base.setEndX(w);
        base.setStartY(h - 1);
        base.setEndY(h - 1);
        line.getPoints().clear();
        int n = points.size();
        int i = 0;
        for (double p : points) {
            double x = n <= 1 ? w : w * i / (POINTS - 1.0) + (w - w * (n - 1) / (POINTS - 1.0));
            double y = h - 1 - (chartH - 2) * Math.min(1, p / scale);
            line.getPoints().addAll(x, y);
            i++;
        }
    }
}
