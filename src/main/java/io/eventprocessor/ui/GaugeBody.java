package io.eventprocessor.ui;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import io.eventprocessor.ui.model.Format;
import io.eventprocessor.ui.model.Headline;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;

/**
 * The throughput gauge, drawn by TilesFX (its GAUGE tile: the arc from 0 to the end of the scale, the needle, the
 * figure with its unit, the scale's two ends). The caller hands it one headline per refresh and a scale that holds the
 * figure and every figure the tile may show; the tile is touched only when one of them changes, so an idle window draws
 * nothing. No animation, no threshold box. While there is no figure it shows the headline's dash instead: a gauge at 0
 * on a scale from 0 to 10 would claim a figure that does not exist.
 */
class GaugeBody extends Region {
    final Tile tile;
    /** The dash and its unit, while there is no figure. */
    final ValueBody none = new ValueBody();

    GaugeBody() {
        getStyleClass().add("gauge-body");
        tile = TileBuilder.create()
                .skinType(Tile.SkinType.GAUGE)
                .unit("events/s")
                .minValue(0)
                .maxValue(10)
                .tickLabelDecimals(0)
                .customDecimalFormatEnabled(true)
                .customDecimalFormat(Format.rateFormat())
                .animated(false)
                .thresholdVisible(false)
                .backgroundColor(Color.TRANSPARENT)
                .borderColor(Color.TRANSPARENT)
                .build();
        tile.setSkin(new GaugeSkin(tile));
        tile.setVisible(false);
        getChildren().addAll(tile, none);
        theme(Palette.DARK);
    }

    /** The figure ({@code needle} on a scale from 0 to {@code scale}), or the dash while {@code h} has none. */
    void show(Headline h, double needle, double scale) {
        none.show(h);
        none.setVisible(!h.measured());
        tile.setVisible(h.measured());
        if (!h.measured()) return;
        if (tile.getMaxValue() != scale) tile.setMaxValue(scale);
        if (tile.getValue() != needle) tile.setValue(needle);
    }

    /** The figure TilesFX draws. */
    Text valueText() {
        return ((GaugeSkin) tile.getSkin()).valueText();
    }

    void theme(Palette p) {
        tile.setValueColor(p.fg());
        tile.setUnitColor(p.muted());
        // TilesFX writes the scale's ends in the title's colour.
        tile.setTitleColor(p.muted());
        tile.setBarColor(p.info());
        tile.setNeedleColor(p.fg());
    }

    /** TilesFX draws a gauge in the square of its tile's shorter side: the tile is that square, in the middle. */
    @Override
    protected void layoutChildren() {
        double side = Math.min(getWidth(), getHeight());
        tile.resizeRelocate((getWidth() - side) / 2, (getHeight() - side) / 2, side, side);
        none.resizeRelocate(0, 0, getWidth(), getHeight());
    }
}
