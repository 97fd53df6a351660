package io.eventprocessor.ui;

import eu.hansolo.tilesfx.skins.TileSkin;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * What a room can read of the window as laid out now: the smallest text drawn, every text that is cut (a label's
 * ellipsis, a fitted text that does not fit even at its smallest, a TilesFX text that reaches outside its TilesFX tile),
 * and the largest figure on each tile (a fitted figure, or the value a TilesFX tile draws) against
 * {@link #LEGIBLE_SHARE} of the window's height (a figure readable from the back of a room).
 *
 * @param smallestPx the smallest font size of any visible text, in pixels
 * @param smallestWhere what that text says
 * @param cut texts that are cut, with what they should say (table cells aside: their row's full text is a click away)
 * @param tiles the largest figure of each tile and of each part of the pipeline
 */
public record LayoutAudit(double width, double height, double smallestPx, String smallestWhere, List<String> cut, List<Tile> tiles) {
    /** The largest figure on a tile is at least this share of the window's height. */
    public static final double LEGIBLE_SHARE = 1.0 / 40;

    public record Tile(String id, double largestPx) {}

    /** The style classes of the texts that are figures (values and counts, not titles or captions; TilesFX's value). */
    static final Set<String> FIGURES = Set.of("tile-value", "percentile-value", "type-count", TileTexts.VALUE);

    /** The height a tile's largest figure must reach. */
    public double legiblePx() {
        return height * LEGIBLE_SHARE;
    }

    /** Tiles whose largest figure is under {@link #legiblePx()}. */
    public List<Tile> tooSmall() {
        return tiles.stream().filter(t -> t.largestPx() + 0.01 < legiblePx()).toList();
    }

    public boolean passes() {
        return cut.isEmpty() && tooSmall().isEmpty();
    }

    public String describe() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Layout %.0fx%.0f: smallest text %.1f px (\"%s\"), cut texts: %s; "
                + "largest figure per tile (needs %.1f px):", width, height, smallestPx, smallestWhere, cut.isEmpty() ? "none" : cut, legiblePx()));
        for (Tile t : tiles) b.append(String.format(Locale.ROOT, " %s %.1f", t.id(), t.largestPx()));
        return b.toString();
    }

    /** Audits the window whose content is {@code root}. FX thread, after a layout pass. */
    static LayoutAudit of(DashboardView root) {
        List<String> cut = new ArrayList<>();
        double[] smallest = {Double.MAX_VALUE};
        String[] where = {""};
        walk(root, n -> {
            // A text painted transparent is not drawn (TilesFX keeps its scale's unused labels so).
            if (n instanceof Text t && TileTexts.drawn(t)) {
                double px = t.getFont().getSize();
                if (px < smallest[0]) {
                    smallest[0] = px;
                    where[0] = t.getText().length() > 40 ? t.getText().substring(0, 40) + "..." : t.getText();
                }
            }
            if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
                // The skin draws the label's text as a Text child; an ellipsis there means the text is cut.
                for (Node c : l.getChildrenUnmodifiable()) {
                    if (c instanceof Text shown && !shown.getText().equals(l.getText())) cut.add(l.getText());
                }
            }
            if (n instanceof FitText f && !f.fits()) cut.add(f.getText());
            // TilesFX places its texts itself: one that leaves its tile is cut by the tile's neighbours or the window.
            if (n instanceof Control c && c.getSkin() instanceof TileSkin) cut.addAll(leaving(c));
        });
        List<Tile> tiles = new ArrayList<>();
        for (FigureTile t : root.tiles.tiles()) tiles.add(new Tile(t.getId(), largest(t)));
        for (PipelineView.NodeBox n : root.pipeline.nodes.values()) tiles.add(new Tile(n.getId(), largest(n)));
        return new LayoutAudit(root.getWidth(), root.getHeight(), smallest[0] == Double.MAX_VALUE ? 0 : smallest[0], where[0],
                List.copyOf(cut), List.copyOf(tiles));
    }

    /** The largest figure (not title or caption) under {@code p}, in pixels: fitted texts and TilesFX's values. */
    private static double largest(Parent p) {
        double[] max = {0};
        walk(p, n -> {
            if (n instanceof FitText f && !f.getText().isBlank() && f.textNode().getStyleClass().stream().anyMatch(FIGURES::contains)) {
                max[0] = Math.max(max[0], f.fontSize());
            }
            if (n instanceof Text t && !t.getText().isBlank() && t.getStyleClass().contains(TileTexts.VALUE)) {
                max[0] = Math.max(max[0], t.getFont().getSize());
            }
        });
        return max[0];
    }

    /** The visible texts of a TilesFX tile that reach outside it (by more than half a pixel). */
    static List<String> leaving(Control tile) {
        List<String> out = new ArrayList<>();
        walk(tile, n -> {
            if (n instanceof Text t && TileTexts.drawn(t)) {
                Bounds b = TileTexts.boundsIn(t, tile);
                if (b.getMinX() < -0.5 || b.getMinY() < -0.5 || b.getMaxX() > tile.getWidth() + 0.5 || b.getMaxY() > tile.getHeight() + 0.5) {
                    out.add(t.getText());
                }
            }
        });
        return out;
    }

    /** Visits every visible node under {@code n}. */
    private static void walk(Node n, Consumer<Node> visit) {
        if (!n.isVisible()) return;
        // A table cell may end in an ellipsis: the row's full text is one click away (the event's timeline).
        if (n instanceof IndexedCell<?>) return;
        visit.accept(n);
        if (n instanceof Parent p) for (Node c : p.getChildrenUnmodifiable()) walk(c, visit);
    }
}
