package io.eventprocessor.ui;

import io.eventprocessor.contract.Names;
import io.eventprocessor.ui.model.Figures;
import io.eventprocessor.ui.model.Format;
import io.eventprocessor.ui.model.Headline;
import io.eventprocessor.ui.model.Headlines;
import io.eventprocessor.ui.model.IntegrityView;
import io.eventprocessor.ui.model.LatencyLevel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import javafx.geometry.HPos;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.text.FontWeight;

/**
 * The live tiles. They never pull data: the UI clock hands them one {@link Figures} per tick ({@link #show}), as the
 * TilesFX demo drives its tiles from one timer. The throughput gauge and the latency line are TilesFX tiles
 * ({@link GaugeBody}, {@link SparkBody}); the figures TilesFX has no tile for (percentiles with their targets, progress,
 * integrity, counts per type, success rate) are built in code and styled by the style sheet. Every tile has the same
 * frame ({@link FigureTile}: title, body, caption). Words and states come from {@link Headlines}: a dash and a grey tile
 * before a figure exists, current figures only while a run goes, the run's average and busiest second once it is over.
 */
public final class TileBoard extends GridPane {
    final FigureTile throughput;
    final FigureTile latency;
    final FigureTile progress;
    final FigureTile integrity;
    final FigureTile spark;
    final FigureTile types;
    final FigureTile success;
    final GaugeBody gauge = new GaugeBody();
    final SparkBody sparkBody = new SparkBody();
    private final ValueBody progressValue = new ValueBody();
    private final Bar progressBar = new Bar("progress-fill");
    private final ValueBody integrityValue = new ValueBody();
    private final ValueBody successValue = new ValueBody();
    private final FitText[][] percentileCells = new FitText[3][3];
    private final Map<String, FitText> typeCounts = new LinkedHashMap<>();
    private final Map<String, Bar> typeBars = new LinkedHashMap<>();
    private final List<FigureTile> all = new ArrayList<>();
    private Figures shown = Figures.EMPTY;
    private long sparkSeen = -1;
    private int sparkRun;

    public TileBoard() {
        getStyleClass().add("tile-board");
        throughput = add(new FigureTile("tile-throughput", "Throughput", gauge));

        RowsBody rows = new RowsBody(new double[] {0.22, 0.5, 0.28}, new double[] {0.62, 1.0, 0.55});
        for (int i = 0; i < 3; i++) {
            FitText name = new FitText("percentile-name", FontWeight.BOLD);
            FitText value = new FitText("percentile-value", FontWeight.BOLD);
            FitText target = new FitText("percentile-target", FontWeight.NORMAL);
            target.setAlign(HPos.RIGHT);
            percentileCells[i] = new FitText[] {name, value, target};
            rows.addRow(name, value, target);
        }
        latency = add(new FigureTile("tile-latency", "Latency end to end, ms", rows));

        Region progressBody = new Region() {
            {
                getChildren().addAll(progressValue, progressBar);
            }

            @Override
            protected void layoutChildren() {
                double h = getHeight();
                double bar = Math.max(6, Math.min(16, h * 0.12));
                progressValue.resizeRelocate(0, 0, getWidth(), h - bar * 1.8);
                progressBar.resizeRelocate(0, h - bar, getWidth(), bar);
            }
        };
        progress = add(new FigureTile("tile-progress", "Progress", progressBody));
        integrity = add(new FigureTile("tile-integrity", "Integrity", integrityValue));
        spark = add(new FigureTile("tile-spark", "Latency as the run goes", sparkBody));

        RowsBody typeRows = new RowsBody(new double[] {0.48, 0.12, 0.40}, new double[] {0.6, 1, 1});
        for (String t : Names.EVENT_TYPES) {
            FitText name = new FitText("type-name", FontWeight.NORMAL);
            name.setText(t);
            Bar bar = new Bar("type-" + t.toLowerCase(Locale.ROOT));
            FitText count = new FitText("type-count", FontWeight.BOLD);
            count.setAlign(HPos.RIGHT);
            typeBars.put(t, bar);
            typeCounts.put(t, count);
            typeRows.addRow(name, bar, count);
        }
        types = add(new FigureTile("tile-types", "Events by type", typeRows));
        success = add(new FigureTile("tile-success", "Success rate", successValue));

        // The gauge's column is narrower: TilesFX draws it in a square, and the tall tile has height to spare; the counts
        // and the integrity figures get the width.
        for (double share : new double[] {22, 26, 26, 26}) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(share);
            cc.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(cc);
        }
        for (int r = 0; r < 2; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            rc.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(rc);
        }
        // The TilesFX gauge takes both rows: TilesFX sizes its drawing and its text from the shorter side of its tile.
        add(throughput, 0, 0, 1, 2);
        throughput.setRows(2);
        add(latency, 1, 0);
        add(progress, 2, 0);
        add(integrity, 3, 0);
        add(spark, 1, 1);
        add(types, 2, 1);
        add(success, 3, 1);
        setHgap(8);
        setVgap(8);
        show(Figures.EMPTY, null);
    }

    private FigureTile add(FigureTile tile) {
        all.add(tile);
        return tile;
    }

    /** The figures on the tiles now. */
    public Figures shown() {
        return shown;
    }

    /** Pushes one tick's figures to every tile. FX thread only. */
    public void show(Figures f, IntegrityView iv) {
        show(f, iv, 0);
    }

    /**
     * Pushes one tick's figures to every tile. FX thread only.
     *
     * @param run the run's number (0 before the first): a new run starts a new line of latency points
     */
    public void show(Figures f, IntegrityView iv, int run) {
        if (run != sparkRun) {
            sparkRun = run;
            sparkBody.clear();
            sparkSeen = -1;
        }
        shown = f;
        Headline t = Headlines.throughput(f);
        gauge.show(t, Headlines.throughputGauge(f), Headlines.throughputScale(f));
        throughput.setCaption(t.caption());
        throughput.setEmpty(!t.measured());

        List<Headline> ps = Headlines.latency(f);
        for (int i = 0; i < 3 && i < ps.size(); i++) {
            Headline p = ps.get(i);
            percentileCells[i][0].setText(p.unit());
            percentileCells[i][1].setText(p.value());
            percentileCells[i][1].setLevel(p.level());
            percentileCells[i][2].setText(p.caption());
            percentileCells[i][2].setLevel(f.finished() ? p.level() : LatencyLevel.NONE);
        }
        latency.setCaption(Headlines.latencyScope(f));
        latency.setEmpty(ps.isEmpty() || !ps.get(0).measured());

        Headline pr = Headlines.progress(f);
        progressValue.show(pr);
        progressBar.setFraction(f.progress());
        progress.setCaption(pr.caption());
        progress.setEmpty(!pr.measured());

        Headline in = Headlines.integrity(iv, f);
        integrityValue.show(in);
        integrityValue.unit.setLevel(in.level());
        integrity.setCaption(in.caption());
        integrity.setEmpty(!in.measured());

        showSpark(f);

        List<Headline> ts = Headlines.types(f);
        long maxType = Math.max(1, f.byType().values().stream().mapToLong(Long::longValue).max().orElse(1));
        int i = 0;
        for (String type : typeCounts.keySet()) {
            Headline h = i < ts.size() ? ts.get(i) : Headline.none(type, "");
            typeCounts.get(type).setText(h.value());
            typeBars.get(type).setFraction(f.byType().getOrDefault(type, 0L) / (double) maxType);
            i++;
        }
        types.setCaption(f.hasRun() ? Format.count(f.processed()) + " events in MongoDB" : Headlines.NO_RUN);
        types.setEmpty(!f.hasRun());

        Headline s = Headlines.success(f);
        successValue.show(s);
        success.setCaption(s.caption());
        success.setEmpty(!s.measured());
    }

    /** One point per tick with new events: the mean end-to-end latency of the newest of them. */
    private void showSpark(Figures f) {
        if (!f.hasRun() || f.live() && f.seen() == 0) {
            sparkBody.clear();
            sparkSeen = -1;
        }
        if (f.live() && f.seen() != sparkSeen) {
            OptionalDouble point = Headlines.linePoint(f.recentEndToEndMs());
            if (point.isPresent()) {
                sparkBody.add(point.getAsDouble());
                sparkSeen = f.seen();
            }
        }
        Headline h = Headlines.latencyLine(f, sparkBody.points());
        sparkBody.show(h);
        spark.setCaption(h.caption());
        spark.setEmpty(!h.measured());
    }

    /** TilesFX paints its tiles itself: they take the theme's colours from here, the rest of the window from the CSS file. */
    public void applyTheme(boolean dark) {
        Palette p = Palette.of(dark);
        gauge.theme(p);
        sparkBody.theme(p);
    }

    List<FigureTile> tiles() {
        return List.copyOf(all);
    }
}
