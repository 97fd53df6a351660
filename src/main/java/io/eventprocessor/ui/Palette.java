package io.eventprocessor.ui;

import javafx.scene.paint.Color;

/**
 * The colours TilesFX paints its tiles with. TilesFX takes colours as properties, not from the style sheet, so the two
 * themes' colours of dashboard.css that its tiles use are repeated here (-ep-fg, -ep-muted, -ep-faint, -ep-info).
 */
record Palette(Color fg, Color muted, Color faint, Color info) {
    static final Palette DARK = new Palette(Color.web("#f2f2f2"), Color.web("#b8c0cc"), Color.web("#6b7482"), Color.web("#3fa9f5"));
    static final Palette LIGHT = new Palette(Color.web("#111418"), Color.web("#3d4450"), Color.web("#8a929e"), Color.web("#0a6fd6"));

    static Palette of(boolean dark) {
        return dark ? DARK : LIGHT;
    }
}
