package io.eventprocessor.ui;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.skins.SparkLineTileSkin;
import java.util.List;
import javafx.scene.text.Text;

/**
 * TilesFX's sparkline, drawn as TilesFX draws it, taking exactly the points it is handed ({@link #push}). The stock skin
 * adds a point whenever the tile's value is set, and also when the value changes and when the scale changes, so a
 * value that differs from the last was drawn twice and a new scale repeated the newest point: the line showed points
 * that were never measured. Here a point is drawn only when {@link #push} hands it over. Every text it draws is at a
 * size a room can read ({@link TileTexts}).
 */
final class SparkSkin extends SparkLineTileSkin {
    /** Points handed over and not yet drawn: at most the one being pushed. */
    private int accepting;
    /** A whole line is being handed over: its texts are held to the rules once, after the last point. */
    private boolean batch;

    SparkSkin(Tile tile) {
        super(tile);
        TileTexts.markValue(getPane());
    }

    /** The figure this skin draws. */
    Text valueText() {
        return TileTexts.value(getPane()).orElseThrow();
    }

    /** Draws {@code points} as the newest points, oldest first (as many of the oldest leave the line). */
    void pushAll(List<Double> points) {
        batch = true;
        try {
            for (double p : points) push(p);
        } finally {
            batch = false;
        }
        TileTexts.apply(getPane(), width, height);
    }

    /** Draws {@code v} as the newest point (the oldest of the tile's averaging period leaves the line). */
    void push(double v) {
        accepting = 1;
        try {
            getSkinnable().setValue(v);
        } finally {
            accepting = 0;
        }
    }

    @Override
    protected void handleCurrentValue(double value) {
        if (accepting == 0) return;
        accepting--;
        super.handleCurrentValue(value);
    }

    /**
     * Off screen (a scene never shown, as the window's warm-up draws) TilesFX takes its tile's room as empty, and its
     * sparkline gives its dashed lines dashes of length 0, which JavaFX refuses to draw: it is laid out once shown.
     */
    @Override
    protected void resize() {
        if (!getSkinnable().isShowing()) return;
        super.resize();
        TileTexts.apply(getPane(), width, height);
    }

    @Override
    protected void resizeStaticText() {
        super.resizeStaticText();
        TileTexts.apply(getPane(), width, height);
    }

    @Override
    protected void resizeDynamicText() {
        super.resizeDynamicText();
        if (!batch) TileTexts.apply(getPane(), width, height);
    }
}
