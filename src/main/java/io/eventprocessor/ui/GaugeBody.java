package io.eventprocessor.ui;

import io.eventprocessor.ui.model.Format;
import io.eventprocessor.ui.model.Headline;
import javafx.geometry.HPos;
import javafx.scene.layout.Region;
import javafx.scene.shape.Arc;
import javafx.scene.shape.ArcType;
import javafx.scene.text.FontWeight;

/**
 * A half-circle gauge: a track from 0 to the end of its scale, the part up to the value filled, the figure written
 * inside the arc with its unit, and the scale's two ends under it. No needle and no animation: it moves with each
 * refresh. The caller chooses a scale that holds the value (and every figure the tile may show).
 */
class GaugeBody extends Region {
    final ValueBody value = new ValueBody();
    final FitText min = new FitText("gauge-scale", FontWeight.NORMAL);
    final FitText max = new FitText("gauge-scale", FontWeight.NORMAL);
    private final Arc track = new Arc();
    private final Arc fill = new Arc();
    private double fraction;

    GaugeBody() {
        getStyleClass().add("gauge-body");
        for (Arc a : new Arc[] {track, fill}) {
            a.setType(ArcType.OPEN);
            a.setStartAngle(180);
            a.setManaged(false);
        }
        track.getStyleClass().add("gauge-track");
        fill.getStyleClass().add("gauge-fill");
        max.setAlign(HPos.RIGHT);
        getChildren().addAll(track, fill, min, max, value);
    }

    /** The figure, the share of the arc it fills ({@code needle} on a scale from 0 to {@code scale}). */
    void show(Headline h, double needle, double scale) {
        value.show(h);
        // No figure, no scale: an empty gauge has nothing to measure against.
        min.setText(h.measured() ? "0" : "");
        max.setText(h.measured() ? Format.count(Math.round(scale)) : "");
        double f = scale <= 0 ? 0 : Math.max(0, Math.min(1, needle / scale));
        if (f != fraction) {
            fraction = f;
            fill.setLength(-180 * fraction);
        }
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (w <= 0 || h <= 0) return;
        double labelH = Math.max(FitText.MIN_PX * FitText.LINE, Math.min(22, h * 0.16));
        double r = Math.max(10, Math.min(w / 2 * 0.92, (h - labelH) * 0.92));
        double stroke = Math.max(4, r * 0.16);
        r -= stroke / 2;
        double cx = w / 2;
        double cy = h - labelH;
        for (Arc a : new Arc[] {track, fill}) {
            a.setCenterX(cx);
            a.setCenterY(cy);
            a.setRadiusX(r);
            a.setRadiusY(r);
            a.setStrokeWidth(stroke);
        }
        track.setLength(-180);
        fill.setLength(-180 * fraction);
        min.setMaxPx(labelH / FitText.LINE);
        max.setMaxPx(labelH / FitText.LINE);
        min.resizeRelocate(cx - r - stroke / 2, cy, r, labelH);
        max.resizeRelocate(cx, cy, r + stroke / 2, labelH);
        // The figure sits inside the arc, clear of it (at 0.55 of the inner radius above the base line the arc is 0.84 of
        // it off centre), and down into the scale's row, whose two labels are at the ends.
        double inner = r - stroke / 2;
        value.resizeRelocate(cx - inner * 0.84, cy - inner * 0.55, inner * 1.68, inner * 0.55 + labelH * 0.9);
    }
}
