package io.eventprocessor.ui;

import javafx.scene.layout.Region;

/** A horizontal bar filled to a fraction, for counts side by side. Colours in the style sheet. */
final class Bar extends Region {
    private final Region fill = new Region();
    private double fraction;

    Bar(String styleClass) {
        getStyleClass().add("bar");
        fill.getStyleClass().addAll("bar-fill", styleClass);
        getChildren().add(fill);
    }

    void setFraction(double f) {
        double v = Double.isFinite(f) ? Math.max(0, Math.min(1, f)) : 0;
        if (v == fraction) return;
        fraction = v;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        fill.resizeRelocate(0, 0, getWidth() * fraction, getHeight());
    }
}
