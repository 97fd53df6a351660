package io.eventprocessor.ui;

import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.scene.layout.Region;
import javafx.scene.text.FontWeight;

/**
 * A tile of the board: its title on top, a body with the figure, a caption under it saying what the figure is. Every
 * text size follows the tile's size (as TilesFX does), so the window reads the same from 1024x768 to 1920x1080, and
 * every text fits its room ({@link FitText}). A tile with nothing measured yet is grey (:empty).
 */
class FigureTile extends Region {
    private static final PseudoClass EMPTY = PseudoClass.getPseudoClass("empty");

    final FitText title = new FitText("tile-title", FontWeight.BOLD);
    final FitText caption = new FitText("tile-caption", FontWeight.NORMAL);
    final Region body;
    /** Grid rows the tile spans: its title and caption are as large as those of a tile one row high. */
    private int rows = 1;

    FigureTile(String id, String titleText, Region body) {
        this.body = body;
        setId(id);
        getStyleClass().add("figure-tile");
        title.setText(titleText);
        getChildren().addAll(title, body, caption);
        setMinSize(100, 90);
        setPrefSize(300, 220);
        setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
    }

    void setRows(int n) {
        rows = Math.max(1, n);
        requestLayout();
    }

    void setCaption(String s) {
        caption.setText(s);
    }

    /** Grey: nothing measured yet. */
    void setEmpty(boolean empty) {
        pseudoClassStateChanged(EMPTY, empty);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double pad = clamp(Math.min(w, h) * 0.05, 4, 14);
        double rowH = h / rows;
        double titleH = clamp(rowH * 0.14, 16, 34);
        double captionH = clamp(rowH * 0.12, 14, 28);
        title.setMaxPx(titleH / FitText.LINE);
        caption.setMaxPx(captionH / FitText.LINE);
        double inner = w - 2 * pad;
        title.resizeRelocate(pad, pad, inner, titleH);
        caption.resizeRelocate(pad, h - pad - captionH, inner, captionH);
        double top = pad + titleH + pad * 0.4;
        double bodyH = Math.max(0, h - top - captionH - pad * 1.4);
        body.resizeRelocate(pad, top, inner, bodyH);
        title.setAlign(HPos.LEFT);
    }

    static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
