package io.eventprocessor.ui;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * The texts a TilesFX skin draws, held to the dashboard's rules. TilesFX sizes each text as a share of its tile (the
 * scale's ends at 7 %, a sparkline's high, low and scale at 6 % or less), which on a tile under about 170 px is below
 * what a room can read. Here no text is drawn under {@link FitText#MIN_PX}: a smaller one is drawn at that size, inside
 * the tile, and left out where it would then cover another text (the sparkline's scale, whose lines are closer than a
 * line of text). The figure and its unit share a row, which TilesFX can let run out of the tile: the figure is made
 * smaller until both fit. The figure is marked ({@link #VALUE}) so that {@link LayoutAudit} finds it.
 */
final class TileTexts {
    /** The style class of the figure a TilesFX skin draws (its value). */
    static final String VALUE = "tilesfx-value";

    /** The texts this class left out of a pane, by pane: drawn again when they fit again. */
    private static final String LEFT_OUT = TileTexts.class.getName() + ".leftOut";
    /** Where this class moved a text (layout x, y) and by how much. */
    private static final String MOVED = TileTexts.class.getName() + ".moved";

    private TileTexts() {}

    /**
     * The skin's figure: TilesFX 17 lays its value and unit out in one row, an HBox of the value's Text and the unit's
     * box, directly in the skin's pane.
     */
    static Optional<Text> value(Pane pane) {
        for (Node n : pane.getChildren()) {
            if (n instanceof HBox row && !row.getChildren().isEmpty() && row.getChildren().get(0) instanceof Text t) return Optional.of(t);
        }
        return Optional.empty();
    }

    /** Marks the skin's figure for the layout audit. */
    static void markValue(Pane pane) {
        value(pane).ifPresent(t -> {
            if (!t.getStyleClass().contains(VALUE)) t.getStyleClass().add(VALUE);
        });
    }

    /**
     * Holds the texts under {@code pane} (a skin's pane of {@code width} x {@code height}) to the rules above. Call after
     * the skin sized and placed its texts.
     */
    static void apply(Pane pane, double width, double height) {
        @SuppressWarnings("unchecked")
        Set<Text> leftOut = (Set<Text>) pane.getProperties().computeIfAbsent(LEFT_OUT, k -> new HashSet<Text>());
        for (Text t : leftOut) t.setVisible(true);
        leftOut.clear();
        Optional<HBox> row = value(pane).map(v -> (HBox) v.getParent());
        List<Text> texts = new ArrayList<>();
        collect(pane, texts);
        List<Text> placed = new ArrayList<>();
        for (Text t : texts) {
            if (t.getFont().getSize() < FitText.MIN_PX) t.setFont(new Font(t.getFont().getName(), FitText.MIN_PX));
            boolean inRow = row.isPresent() && isUnder(t, row.get());
            if (!inRow && t.getFont().getSize() <= FitText.MIN_PX && width > 0 && height > 0) {
                keepInside(t, pane, width, height);
                placed.add(t);
            }
        }
        // The row is laid out by its box; a text at the smallest size stands where the skin put it, and may cover another.
        for (Text t : placed) {
            Bounds b = boundsIn(t, pane);
            for (Text other : texts) {
                if (other != t && other.isVisible() && b.intersects(boundsIn(other, pane))) {
                    t.setVisible(false);
                    leftOut.add(t);
                    break;
                }
            }
        }
        row.ifPresent(TileTexts::fitRow);
    }

    /** Makes the figure of a row smaller until the figure and its unit fit the row's width. */
    private static void fitRow(HBox row) {
        Text value = (Text) row.getChildren().get(0);
        double room = row.getPrefWidth();
        double width = value.getLayoutBounds().getWidth();
        if (room <= 0 || width <= 0) return;
        double others = 0;
        for (Node n : row.getChildren()) if (n != value && n.isManaged()) others += n.prefWidth(-1);
        if (width + others <= room) return;
        double size = Math.max(FitText.MIN_PX, Math.floor(value.getFont().getSize() * (room - others) / width * 10) / 10);
        value.setFont(new Font(value.getFont().getName(), size));
    }

    /** The texts under {@code p} that are drawn: visible, not blank, not painted transparent (a scale's unused lines). */
    private static void collect(Parent p, List<Text> out) {
        for (Node n : p.getChildrenUnmodifiable()) {
            if (!n.isVisible()) continue;
            if (n instanceof Text t && drawn(t)) out.add(t);
            else if (n instanceof Parent child) collect(child, out);
        }
    }

    /** Visible, not blank and not painted transparent. */
    static boolean drawn(Text t) {
        return t.isVisible() && !t.getText().isBlank() && !(t.getFill() instanceof Color c && c.getOpacity() == 0);
    }

    private static boolean isUnder(Node n, Node ancestor) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) if (p == ancestor) return true;
        return false;
    }

    /**
     * Moves {@code t} back inside the pane. The move is undone first if the skin has not placed the text since: a skin
     * that places it by its x and y keeps the moves of earlier calls otherwise.
     */
    private static void keepInside(Text t, Pane pane, double width, double height) {
        if (t.getProperties().get(MOVED) instanceof double[] m && t.getLayoutX() == m[0] && t.getLayoutY() == m[1]) {
            t.setLayoutX(m[0] - m[2]);
            t.setLayoutY(m[1] - m[3]);
        }
        t.getProperties().remove(MOVED);
        Bounds b = boundsIn(t, pane);
        double dx = b.getMaxX() > width ? width - b.getMaxX() : 0;
        if (b.getMinX() + dx < 0) dx = -b.getMinX();
        double dy = b.getMaxY() > height ? height - b.getMaxY() : 0;
        if (b.getMinY() + dy < 0) dy = -b.getMinY();
        if (dx == 0 && dy == 0) return;
        t.setLayoutX(t.getLayoutX() + dx);
        t.setLayoutY(t.getLayoutY() + dy);
        t.getProperties().put(MOVED, new double[] {t.getLayoutX(), t.getLayoutY(), dx, dy});
    }

    /** {@code n}'s bounds in the coordinates of its ancestor {@code top}. */
    static Bounds boundsIn(Node n, Node top) {
        Bounds b = n.getBoundsInParent();
        for (Node p = n.getParent(); p != null && p != top; p = p.getParent()) b = p.localToParent(b);
        return b;
    }
}
