package io.eventprocessor.ui;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.skins.GaugeTileSkin;
import javafx.scene.text.Text;

/** TilesFX's gauge, drawn as TilesFX draws it, with every text at a size a room can read ({@link TileTexts}). */
final class GaugeSkin extends GaugeTileSkin {
    GaugeSkin(Tile tile) {
        super(tile);
        TileTexts.markValue(getPane());
    }

    /** The figure this skin draws. */
    Text valueText() {
        return TileTexts.value(getPane()).orElseThrow();
    }

    @Override
    protected void resize() {
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
        TileTexts.apply(getPane(), width, height);
    }
}
