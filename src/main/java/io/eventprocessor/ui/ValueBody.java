package io.eventprocessor.ui;

import io.eventprocessor.ui.model.Headline;
import javafx.scene.layout.Region;
import javafx.scene.text.FontWeight;

/**
 * One big figure with its unit beside it ("1,286 events/s"), or under it when the tile is too narrow for both on a
 * line. The figure takes the largest size at which figure and unit fit.
 */
class ValueBody extends Region {
    final FitText value = new FitText("tile-value", FontWeight.BOLD);
    final FitText unit = new FitText("tile-unit", FontWeight.NORMAL);
    /** How large the unit is against the figure. */
    private static final double UNIT = 0.36;

    ValueBody() {
        getStyleClass().add("value-body");
        getChildren().addAll(value, unit);
    }

    void show(Headline h) {
        value.setText(h.value());
        unit.setText(h.unit());
        value.setLevel(h.level());
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (w <= 0 || h <= 0) return;
        double vmax = h * 0.92 / FitText.LINE;
        double vw = value.widthAt(vmax);
        double uw = unit.getText().isEmpty() ? 0 : unit.widthAt(vmax * UNIT);
        double gap = uw == 0 ? 0 : vmax * UNIT * 0.5;
        double scale = Math.min(1, w / Math.max(1, vw + gap + uw));
        if (uw > 0 && vmax * UNIT * scale < FitText.MIN_PX) {
            // The unit would be under the smallest size: keep it there and give the figure what is left.
            double uwMin = unit.widthAt(FitText.MIN_PX);
            scale = Math.min(1, Math.max(0, w - gap * 0.5 - uwMin) / Math.max(1, vw));
        }
        if (scale >= 0.6 || uw == 0) {
            double vs = vmax * scale;
            double us = Math.max(FitText.MIN_PX, vs * UNIT);
            value.setMaxPx(vs);
            unit.setMaxPx(us);
            double vh = vs * FitText.LINE;
            double uh = us * FitText.LINE;
            double y = (h - vh) / 2;
            double valueW = Math.min(w, vw * scale + 1);
            value.resizeRelocate(0, y, valueW, vh);
            // Bottoms aligned, less the figure's larger descent: the unit sits on the figure's baseline.
            unit.resizeRelocate(valueW + gap * scale, y + vh - uh - (vh - uh) * 0.12, Math.max(0, w - valueW - gap * scale), uh);
        } else {
            double vh = h * 0.7;
            double uh = h - vh;
            value.setMaxPx(vh / FitText.LINE);
            unit.setMaxPx(Math.min(uh / FitText.LINE, vh / FitText.LINE * UNIT * 1.4));
            value.resizeRelocate(0, 0, w, vh);
            unit.resizeRelocate(0, vh, w, uh);
        }
    }
}
