package io.eventprocessor.ui;

import io.eventprocessor.ui.model.LatencyLevel;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * One line of text at the largest font size, up to a maximum its parent sets, at which it fits its width: a figure is
 * never cut, it gets smaller, and never below {@link #MIN_PX}. The font is bound, so no style sheet can change the size
 * chosen here; the colour comes from the style sheet (style class and the :good/:warn/:bad pseudo-classes).
 */
final class FitText extends Region {
    /** The smallest size any text is drawn at. */
    static final double MIN_PX = 10;
    /** Line height per pixel of font size. */
    static final double LINE = 1.25;
    private static final String FAMILY = Font.getDefault().getFamily();

    private final Text text = new Text();
    private final Text probe = new Text();
    private final ObjectProperty<Font> font = new SimpleObjectProperty<>();
    private final FontWeight weight;
    private double maxPx = 14;
    private HPos align = HPos.LEFT;
    private boolean fits = true;

    FitText(String styleClass, FontWeight weight) {
        this.weight = weight;
        font.set(Font.font(FAMILY, weight, maxPx));
        getStyleClass().add("fit-text");
        text.getStyleClass().addAll("fit-text-text", styleClass);
        text.setTextOrigin(VPos.TOP);
        text.fontProperty().bind(font);
        text.setManaged(false);
        getChildren().add(text);
    }

    void setText(String s) {
        String v = s == null ? "" : s;
        if (v.equals(text.getText())) return;
        text.setText(v);
        requestLayout();
    }

    String getText() {
        return text.getText();
    }

    /** The largest size the text may take, in pixels (the parent sets it from its own size). */
    void setMaxPx(double px) {
        double v = Math.max(MIN_PX, step(px));
        if (v == maxPx) return;
        maxPx = v;
        requestLayout();
    }

    void setAlign(HPos a) {
        align = a;
        requestLayout();
    }

    /** Colours the text for a level (:good, :warn, :bad); NONE is the plain or muted colour. */
    void setLevel(LatencyLevel level) {
        for (LatencyLevel l : LatencyLevel.values()) {
            if (l.pseudoClass() != null) text.pseudoClassStateChanged(PseudoClass.getPseudoClass(l.pseudoClass()), l == level);
        }
    }

    /** The size the text is drawn at now. */
    double fontSize() {
        return font.get().getSize();
    }

    /** False when even at {@link #MIN_PX} the text is wider than its room (it is then cut). */
    boolean fits() {
        return fits;
    }

    Text textNode() {
        return text;
    }

    /** The text's width at {@code px}. */
    double widthAt(double px) {
        return widthOf(text.getText(), px);
    }

    /** The width {@code s} would take in this text's font at {@code px}. */
    double widthOf(String s, double px) {
        probe.setFont(Font.font(FAMILY, weight, px));
        probe.setText(s);
        return probe.getLayoutBounds().getWidth();
    }

    /**
     * The largest size of the {@link #step ladder} up to {@code px} at which the text fits {@code width}. Sizes come from
     * a ladder (steps of about 9 %) rather than any half pixel: each size drawn for the first time costs its glyphs'
     * rasterizing, and a figure that changes every refresh would otherwise change its size as often.
     */
    double sizeFor(double px, double width) {
        double size = step(px);
        while (size > MIN_PX) {
            double w = widthAt(size);
            if (w <= width || w == 0) return size;
            size = step(Math.min(size - 1, size * width / w));
        }
        return MIN_PX;
    }

    /** The largest size of the ladder 10, 11, ..., 16, 17, 19, 21, 23, 25, 27, 29, 32, ... (about 9 % apart) at or under {@code px}. */
    static double step(double px) {
        if (px < MIN_PX) return MIN_PX;
        if (px < 16) return Math.floor(px);
        double s = 16;
        while (Math.round(s * 1.09) <= px) s = Math.round(s * 1.09);
        return s;
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double w = Math.max(0, getWidth() - in.getLeft() - in.getRight());
        double h = Math.max(0, getHeight() - in.getTop() - in.getBottom());
        double size = sizeFor(Math.max(MIN_PX, Math.min(maxPx, h / LINE)), w);
        if (font.get().getSize() != size) font.set(Font.font(FAMILY, weight, size));
        double tw = text.getLayoutBounds().getWidth();
        double th = text.getLayoutBounds().getHeight();
        fits = tw <= w + 0.5;
        double x = switch (align) {
            case CENTER -> (w - tw) / 2;
            case RIGHT -> w - tw;
            default -> 0;
        };
        text.relocate(in.getLeft() + Math.max(0, x), in.getTop() + (h - th) / 2);
    }

    @Override
    protected double computePrefWidth(double height) {
        return widthAt(maxPx) + getInsets().getLeft() + getInsets().getRight();
    }

    @Override
    protected double computePrefHeight(double width) {
        return maxPx * LINE + getInsets().getTop() + getInsets().getBottom();
    }

    @Override
    protected double computeMinWidth(double height) {
        return 0;
    }

    @Override
    protected double computeMinHeight(double width) {
        return MIN_PX * LINE;
    }
}
