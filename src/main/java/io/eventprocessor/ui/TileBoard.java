package io.eventprocessor.ui;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import eu.hansolo.tilesfx.skins.BarChartItem;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.measure.Throughput;
import io.eventprocessor.report.LatencyReport;
import io.eventprocessor.ui.model.Figures;
import io.eventprocessor.ui.model.Format;
import io.eventprocessor.ui.model.IntegrityView;
import io.eventprocessor.ui.model.LatencyLevel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * The live tiles. They never pull data: the UI clock hands them one {@link Figures} per tick ({@link #show}),
 * as the TilesFX demo drives its tiles from one timer. TilesFX paints its own tiles, so their palette is set
 * here in one place ({@link #applyTheme}); everything else is styled by the CSS file.
 */
public final class TileBoard extends GridPane {
    static final Color GOOD = Color.web("#2ecc71");
    static final Color WARN = Color.web("#f1c40f");
    static final Color BAD = Color.web("#ff5c5c");
    static final Color INFO = Color.web("#3fa9f5");
    private static final Map<String, Color> TYPE_COLORS = Map.of(
            Names.USER_CREATED, INFO, Names.ACTIVITY_CREATED, Color.web("#b07cff"), Names.PARTICIPANT_JOINED, Color.web("#ffa64d"));

    final Tile throughput;
    final Tile latency;
    final Tile sparkline;
    final Tile progress;
    final Tile stages;
    final Tile types;
    final Tile lag;
    final Tile success;
    final Tile integrity;
    private final List<Tile> all = new ArrayList<>();
    private final Map<Stage, BarChartItem> stageBars = new LinkedHashMap<>();
    private final Map<String, BarChartItem> typeBars = new LinkedHashMap<>();
    private final Label[] percentileValues = new Label[3];
    private final Label[] percentileNames = new Label[3];
    private final Label integrityValue = new Label("-");
    private final Label integrityVerdict = new Label("no run yet");
    private final Label integrityScope = new Label("");
    private Figures shown = Figures.EMPTY;
    private long sparkSeen = -1;

    public TileBoard() {
        getStyleClass().add("tile-board");
        throughput = add(TileBuilder.create().skinType(Tile.SkinType.GAUGE).title("Throughput (events/s)").unit("/s")
                .maxValue(1000).decimals(0).tickLabelDecimals(0).text("avg - / peak -").animated(true).animationDuration(200)
                .barColor(INFO).textSize(Tile.TextSize.BIGGER).build(), "tile-throughput");

        VBox percentileBox = new VBox();
        percentileBox.getStyleClass().add("percentiles");
        percentileBox.setAlignment(Pos.CENTER_LEFT);
        for (int i = 0; i < 3; i++) {
            percentileNames[i] = new Label();
            percentileNames[i].getStyleClass().add("percentile-name");
            percentileValues[i] = new Label("-");
            percentileValues[i].getStyleClass().add("percentile-value");
            HBox row = new HBox(percentileNames[i], percentileValues[i]);
            row.getStyleClass().add("percentile-row");
            row.setAlignment(Pos.BASELINE_LEFT);
            VBox.setVgrow(row, Priority.ALWAYS);
            percentileBox.getChildren().add(row);
        }
        latency = add(TileBuilder.create().skinType(Tile.SkinType.CUSTOM).title("Latency end to end (T5 - T0)")
                .text(targetsText()).graphic(percentileBox).build(), "tile-latency");

        sparkline = add(TileBuilder.create().skinType(Tile.SkinType.SPARK_LINE).title("Latency of recent events").unit("ms").minValue(0).maxValue(1_000_000)
                .decimals(1).averagingPeriod(60).averageVisible(true).smoothing(true).strokeWithGradient(false)
                .barColor(INFO).text("mean end to end, newest events").textSize(Tile.TextSize.BIGGER).build(), "tile-sparkline");

        progress = add(TileBuilder.create().skinType(Tile.SkinType.CIRCULAR_PROGRESS).title("Progress to target").unit("%")
                .decimals(0).maxValue(100).barColor(GOOD).text("0 / 0").animated(true).animationDuration(200)
                .textSize(Tile.TextSize.BIGGER).build(), "tile-progress");

        for (Stage s : Stage.values()) {
            if (s == Stage.END_TO_END) continue;
            BarChartItem item = new BarChartItem(s.label(), 0, INFO);
            item.setFormatString("%.2f ms");
            stageBars.put(s, item);
        }
        stages = add(TileBuilder.create().skinType(Tile.SkinType.BAR_CHART).title("Where the time goes (median per stage)")
                .barChartItems(new ArrayList<>(stageBars.values())).decimals(2).build(), "tile-stages");

        // Bars with exact counts: TilesFX's donut painted a run's last few events short (992 of 1,000 shown).
        for (String t : Names.EVENT_TYPES) {
            BarChartItem item = new BarChartItem(t, 0, TYPE_COLORS.get(t));
            item.setFormatString("%,.0f");
            typeBars.put(t, item);
        }
        types = add(TileBuilder.create().skinType(Tile.SkinType.BAR_CHART).title("Events by type (processed)")
                .barChartItems(new ArrayList<>(typeBars.values())).decimals(0).build(), "tile-types");

        lag = add(TileBuilder.create().skinType(Tile.SkinType.NUMBER).title("Consumer lag").unit("records").decimals(0)
                .text("group " + Names.CONSUMER_GROUP).description("not measured yet").textSize(Tile.TextSize.BIGGER)
                .build(), "tile-lag");

        success = add(TileBuilder.create().skinType(Tile.SkinType.NUMBER).title("Success rate").unit("%").decimals(1)
                .text("error rate -").description("").textSize(Tile.TextSize.BIGGER).build(), "tile-success");

        VBox integrityBox = new VBox(integrityValue, integrityVerdict, integrityScope);
        integrityBox.getStyleClass().add("integrity");
        integrityBox.setAlignment(Pos.CENTER_LEFT);
        integrityValue.getStyleClass().add("integrity-value");
        integrityVerdict.getStyleClass().add("integrity-verdict");
        integrityScope.getStyleClass().add("integrity-scope");
        integrity = add(TileBuilder.create().skinType(Tile.SkinType.CUSTOM).title("Integrity: outbox vs MongoDB")
                .graphic(integrityBox).text("").build(), "tile-integrity");

        int columns = 5;
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / columns);
            cc.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(cc);
        }
        for (int r = 0; r < 2; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            rc.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(rc);
        }
        Tile[] order = {throughput, latency, sparkline, progress, integrity, stages, types, lag, success};
        int[][] cells = {{0, 0}, {1, 0}, {2, 0}, {3, 0}, {4, 0}, {0, 1}, {1, 1}, {2, 1}, {3, 1}};
        for (int i = 0; i < order.length; i++) add(order[i], cells[i][0], cells[i][1]);
        // Nine tiles in ten cells: the success rate takes the last two.
        GridPane.setColumnSpan(success, 2);
        setHgap(8);
        setVgap(8);
        applyTheme(true);
    }

    /** "targets P50 < 30, P95 < 100, P99 < 200 ms", from the report's targets. */
    static String targetsText() {
        List<String> parts = new ArrayList<>();
        for (LatencyReport.Target t : LatencyReport.TARGETS) parts.add(t.percentile() + " < " + Math.round(t.limitMs()));
        return "targets " + String.join(", ", parts) + " ms";
    }

    private Tile add(Tile tile, String id) {
        tile.setId(id);
        tile.setMinSize(120, 120);
        tile.setPrefSize(320, 320);
        tile.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        all.add(tile);
        return tile;
    }

    /** The figures on the tiles now. */
    public Figures shown() {
        return shown;
    }

    /** Pushes one tick's figures to every tile. FX thread only. */
    public void show(Figures f, IntegrityView iv) {
        shown = f;
        double maxEps = niceMax(Math.max(f.peakEps(), f.currentEps()));
        if (throughput.getMaxValue() != maxEps) throughput.setMaxValue(maxEps);
        throughput.setValue(f.currentEps());
        throughput.setText("avg " + Format.rate(f.averageEps()) + " / peak " + Format.rate(f.peakEps()));

        for (int i = 0; i < 3 && i < f.percentiles().size(); i++) {
            Figures.Percentile p = f.percentiles().get(i);
            percentileNames[i].setText(p.name());
            percentileValues[i].setText(p.level() == LatencyLevel.NONE ? "-" : Format.ms(p.valueMs()));
            for (LatencyLevel l : LatencyLevel.values()) {
                if (l.pseudoClass() != null) percentileValues[i].pseudoClassStateChanged(PseudoClass.getPseudoClass(l.pseudoClass()), l == p.level());
            }
        }

        if (f.seen() != sparkSeen && !f.recentEndToEndMs().isEmpty() && sparkline.getWidth() > 0) {
            // One point per tick with new events: the mean of the newest events' end-to-end latency.
            List<Double> r = f.recentEndToEndMs();
            List<Double> newest = r.subList(Math.max(0, r.size() - 20), r.size());
            sparkline.setValue(newest.stream().mapToDouble(Double::doubleValue).average().orElse(0));
            sparkSeen = f.seen();
        }

        progress.setValue(f.progress() * 100);
        String eta = f.etaSeconds().isPresent() ? " / ETA " + Format.seconds(f.etaSeconds().getAsDouble()) : "";
        progress.setText(f.target() == 0 ? "no run yet"
                : Format.count(f.seen()) + " / " + Format.count(f.target()) + ", " + Format.count(f.remaining()) + " left" + eta);

        double maxStage = f.stageP50Ms().values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        for (var e : stageBars.entrySet()) {
            e.getValue().setMaxValue(Math.max(1, maxStage));
            e.getValue().setValue(f.stageP50Ms().getOrDefault(e.getKey(), 0.0));
        }
        double maxType = Math.max(1, f.byType().values().stream().mapToLong(Long::longValue).max().orElse(1));
        for (var e : typeBars.entrySet()) {
            e.getValue().setMaxValue(maxType);
            e.getValue().setValue(f.byType().getOrDefault(e.getKey(), 0L));
        }

        lag.setValue(f.totalLag());
        lag.setDescription(!f.lagMeasured() ? "not measured yet" : f.lagError() != null ? "stale: " + f.lagError() : "");

        success.setValue(f.successRate().orElse(0) * 100);
        success.setText("error rate " + Format.percent(f.errorRate()) + ", " + Format.count(f.deadLettered()) + " dead-lettered");
        success.setValueColor(f.successRate().isEmpty() || f.deadLettered() == 0 ? GOOD : f.errorRate().getAsDouble() < 0.01 ? WARN : BAD);

        if (iv == null) {
            integrityValue.setText("-");
            integrityVerdict.setText("verified during a run");
            integrityScope.setText("");
            setLevel(integrityVerdict, LatencyLevel.NONE);
        } else {
            integrityValue.setText(Format.count(iv.inMongo()) + " / " + Format.count(iv.outboxEvents()));
            integrityVerdict.setText(iv.verdict());
            integrityScope.setText("in MongoDB / in outbox (" + iv.scope() + ")");
            setLevel(integrityVerdict, iv.match() ? LatencyLevel.GOOD : iv.live() ? LatencyLevel.WARN : LatencyLevel.BAD);
        }
    }

    private static void setLevel(Label l, LatencyLevel level) {
        for (LatencyLevel x : LatencyLevel.values()) {
            if (x.pseudoClass() != null) l.pseudoClassStateChanged(PseudoClass.getPseudoClass(x.pseudoClass()), x == level);
        }
    }

    /** A gauge scale that holds the figure and does not jump on every tick: 1, 2 or 5 times a power of ten. */
    static double niceMax(double v) {
        if (v <= 100) return 100;
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) if (v <= m * p) return m * p;
        return 10 * p;
    }

    /** TilesFX paints its tiles itself: the two palettes live here, the rest of the window in the CSS file. */
    public void applyTheme(boolean dark) {
        Color bg = dark ? Color.web("#1e2228") : Color.web("#ffffff");
        Color fg = dark ? Color.web("#f2f2f2") : Color.web("#111418");
        Color muted = dark ? Color.web("#b8c0cc") : Color.web("#3d4450");
        for (Tile t : all) {
            t.setBackgroundColor(bg);
            t.setForegroundColor(fg);
            t.setTitleColor(fg);
            t.setTextColor(muted);
            t.setUnitColor(muted);
            t.setValueColor(fg);
            t.setDescriptionColor(muted);
        }
        for (BarChartItem b : stageBars.values()) {
            b.setNameColor(fg);
            b.setValueColor(fg);
        }
        for (BarChartItem b : typeBars.values()) {
            b.setNameColor(fg);
            b.setValueColor(fg);
        }
    }

    List<Tile> tiles() {
        return List.copyOf(all);
    }
}
