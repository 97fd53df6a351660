package io.eventprocessor.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.Region;

/**
 * Rows of cells in columns of fixed shares of the width (P50 | 12.3 ms | target < 30 ms PASS). Each text cell's size
 * follows the row height times its column's weight, and fits its cell.
 */
class RowsBody extends Region {
    private final double[] shares;
    private final double[] weights;
    private final List<Node[]> rows = new ArrayList<>();

    /**
     * @param shares each column's share of the width (they add up to 1)
     * @param weights each column's text size against the row's largest
     */
    RowsBody(double[] shares, double[] weights) {
        this.shares = shares.clone();
        this.weights = weights.clone();
        getStyleClass().add("rows-body");
    }

    void addRow(Node... cells) {
        rows.add(cells);
        getChildren().addAll(cells);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (rows.isEmpty() || w <= 0 || h <= 0) return;
        double rowH = h / rows.size();
        double gap = Math.min(12, w * 0.02);
        for (int r = 0; r < rows.size(); r++) {
            double x = 0;
            for (int c = 0; c < shares.length; c++) {
                Node n = rows.get(r)[c];
                double cw = w * shares[c] - (c < shares.length - 1 ? gap : 0);
                if (n instanceof FitText t) {
                    t.setMaxPx(rowH * 0.96 / FitText.LINE * weights[c]);
                    t.resizeRelocate(x, r * rowH, cw, rowH);
                } else if (n instanceof Region region) {
                    double bh = Math.min(rowH * 0.5, 18);
                    region.resizeRelocate(x, r * rowH + (rowH - bh) / 2, cw, bh);
                }
                x += w * shares[c];
            }
        }
    }
}
