package io.eventprocessor.ui;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import io.eventprocessor.ui.model.Format;
import io.eventprocessor.ui.model.Headline;
import io.eventprocessor.ui.model.Headlines;
import java.text.DecimalFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;

/**
 * The latency line, drawn by TilesFX (its SPARK_LINE tile: the line with a dot on its newest point, the newest point's
 * figure, the line's high and low, a scale from 0). It draws the points it is given and no other: the line spans the
 * points so far (the newest {@link #POINTS} once there are more), on a scale from 0 that holds every one of them. The
 * tile is touched only when a point is added, so an idle window draws nothing; no animation, no smoothing. While there
 * is no point it shows the headline's dash instead.
 */
class SparkBody extends Region {
    static final int POINTS = 120;
    /** TilesFX's sparkline draws at least this many points. */
    static final int MIN_DRAWN = 4;

    final Tile tile;
    /** The dash and its unit, while there is no point. */
    final ValueBody none = new ValueBody();
    private final Deque<Double> points = new ArrayDeque<>();
    private SparkSkin skin;
    /** Points added since the line was last drawn, or -1 when it must be drawn from scratch. */
    private int added = -1;

    SparkBody() {
        getStyleClass().add("spark-body");
        tile = TileBuilder.create()
                .skinType(Tile.SkinType.SPARK_LINE)
                .unit("ms")
                .minValue(0)
                .maxValue(10)
                .fixedYScale(true)
                .averagingPeriod(MIN_DRAWN)
                .decimals(1)
                .customDecimalFormatEnabled(true)
                .customDecimalFormat(Format.msFormat(0))
                .animated(false)
                .smoothing(false)
                .averageVisible(false)
                // The text's place shows the time span of the tile's own averaging otherwise, which says nothing here.
                .textVisible(true)
                .text("")
                .backgroundColor(Color.TRANSPARENT)
                .borderColor(Color.TRANSPARENT)
                .build();
        tile.setVisible(false);
        getChildren().addAll(tile, none);
        theme(Palette.DARK);
    }

    void clear() {
        points.clear();
        added = -1;
    }

    void add(double v) {
        points.addLast(v);
        while (points.size() > POINTS) points.removeFirst();
        if (added >= 0) added++;
    }

    List<Double> points() {
        return List.copyOf(points);
    }

    boolean isEmpty() {
        return points.isEmpty();
    }

    /** The figure (the newest point's) over the line, or the dash while {@code h} has none. */
    void show(Headline h) {
        none.show(h);
        none.setVisible(!h.measured());
        tile.setVisible(h.measured());
        if (h.measured() && !points.isEmpty() && added != 0) draw();
    }

    /** The figure TilesFX draws. */
    Text valueText() {
        return skin.valueText();
    }

    /**
     * Hands the points to the skin: the newest alone when the line was full and its scale holds it (the oldest leaves
     * the line), otherwise the whole line again, after resetting the skin's period to the number of points.
     */
    private void draw() {
        double newest = points.getLast();
        double scale = Headlines.niceMax(points.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        DecimalFormat format = Format.msFormat(newest);
        if (!format.toPattern().equals(tile.getCustomDecimalFormat().toPattern())) tile.setCustomDecimalFormat(format);
        if (added == 1 && points.size() == POINTS && tile.getAveragingPeriod() == POINTS && tile.getMaxValue() == scale) {
            skin.push(newest);
        } else {
            List<Double> line = drawn(List.copyOf(points));
            if (tile.getMaxValue() != scale) tile.setMaxValue(scale);
            // Resets the skin's line to this many points (all at the scale's bottom) ...
            tile.setAveragingPeriod(line.size());
            // ... each of which the points then replace, oldest first.
            skin.pushAll(line);
        }
        added = 0;
    }

    /** The line as drawn: the points, each repeated as often as needed to make up the {@link #MIN_DRAWN} TilesFX needs. */
    static List<Double> drawn(List<Double> points) {
        if (points.size() >= MIN_DRAWN) return points;
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < MIN_DRAWN; i++) out.add(points.get(i * points.size() / MIN_DRAWN));
        return out;
    }

    /**
     * TilesFX's sparkline reads its grid's and scale's colours once, when its skin is made: a new theme gets a new skin,
     * and the line is drawn again.
     */
    void theme(Palette p) {
        tile.setValueColor(p.fg());
        tile.setUnitColor(p.muted());
        tile.setTickLabelColor(p.muted());
        tile.setChartGridColor(p.faint());
        tile.setBarColor(p.info());
        skin = new SparkSkin(tile);
        tile.setSkin(skin);
        added = -1;
    }

    @Override
    protected void layoutChildren() {
        tile.resizeRelocate(0, 0, getWidth(), getHeight());
        none.resizeRelocate(0, 0, getWidth(), getHeight());
    }
}
