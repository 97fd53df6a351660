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
        double vmax = FitText.step(h * 0.92 / FitText.LINE);
        // The largest figure size (from the ladder of sizes) at which figure, gap and unit fit on one line.
        double vs = vmax;
        boolean hasUnit = !unit.getText().isEmpty();
        // Under 60 % of its size beside the unit, the figure is larger with the unit under it.
        while (!hasUnit || vs >= vmax * 0.6) {
            double us = hasUnit ? Math.max(FitText.MIN_PX, FitText.step(vs * UNIT)) : 0;
            double vw = value.widthAt(vs);
            double uw = hasUnit ? unit.widthAt(us) : 0;
            double gap = us * 0.5;
            if (vw + gap + uw <= w || vs <= FitText.MIN_PX) {
                value.setMaxPx(vs);
                unit.setMaxPx(Math.max(FitText.MIN_PX, us));
                double vh = vs * FitText.LINE;
                double uh = us * FitText.LINE;
                double y = (h - vh) / 2;
                value.resizeRelocate(0, y, Math.min(w, vw + 0.5), vh);
                // Bottoms aligned, less the figure's larger descent: the unit sits on the figure's baseline.
                unit.resizeRelocate(Math.min(w, vw + gap), y + vh - uh - (vh - uh) * 0.12, Math.max(0, w - vw - gap), uh);
                return;
            }
            vs = FitText.step(vs - 1);
        }
        double vh = h * 0.7;
        double uh = h - vh;
        value.setMaxPx(vh / FitText.LINE);
        unit.setMaxPx(Math.min(uh / FitText.LINE, vh / FitText.LINE * UNIT * 1.4));
        value.resizeRelocate(0, 0, w, vh);
        unit.resizeRelocate(0, vh, w, uh);
    }
}
