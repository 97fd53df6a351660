package io.eventprocessor.ui;

import io.eventprocessor.contract.Names;
import io.eventprocessor.measure.InstanceCounts;
import io.eventprocessor.measure.PartitionLag;
import io.eventprocessor.scenario.PipelineDetail;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.ui.model.DashboardModel;
import io.eventprocessor.ui.model.Format;
import io.eventprocessor.ui.model.PipelineFigures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javafx.animation.Animation;
import javafx.animation.Interpolator;
import javafx.animation.Transition;
import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.text.FontWeight;
import javafx.util.Duration;
import org.controlsfx.control.PopOver;

/**
 * The pipeline at a glance: PostgreSQL -> Debezium -> Kafka -> processor -> MongoDB, each part with its health and its
 * live figure, each hop with its median latency, and dots running along the hops that events are passing through. A
 * click on a part opens its detail (rows and slot lag, offsets per partition, each processor instance's events and rate,
 * documents per collection) in a PopOver.
 * The only animation of the window, and it runs only during a run.
 */
public final class PipelineView extends Region {
    private static final PseudoClass UP = PseudoClass.getPseudoClass("up");
    private static final PseudoClass DOWN = PseudoClass.getPseudoClass("down");
    private static final PseudoClass EMPTY = PseudoClass.getPseudoClass("empty");
    /** While a part's detail is open, it is read again this often. */
    static final long DETAIL_EVERY_MS = 2000;
    private static final int DOTS = 3;

    private final DashboardModel model;
    final Map<Connectivity.Service, NodeBox> nodes = new EnumMap<>(Connectivity.Service.class);
    final List<HopView> hops = new ArrayList<>();
    private final Transition flow;
    final PopOver detail = new PopOver();
    private Connectivity.Service detailOf;
    private Instant detailAsked = Instant.EPOCH;
    private PipelineFigures shown;

    public PipelineView(DashboardModel model) {
        this.model = model;
        setId("pipeline");
        getStyleClass().add("pipeline-view");
        for (Connectivity.Service s : Connectivity.Service.values()) {
            NodeBox n = new NodeBox(s);
            nodes.put(s, n);
            n.setOnMouseClicked(e -> openDetail(s));
        }
        for (int i = 0; i < Connectivity.Service.values().length - 1; i++) hops.add(new HopView());
        getChildren().addAll(hops);
        getChildren().addAll(nodes.values());
        detail.setArrowLocation(PopOver.ArrowLocation.TOP_CENTER);
        detail.setDetachable(false);
        detail.setAutoHide(true);
        detail.getStyleClass().add("node-detail");
        detail.setOnHidden(e -> detailOf = null);
        flow = new Transition() {
            {
                setCycleDuration(Duration.millis(1200));
                setCycleCount(Animation.INDEFINITE);
                setInterpolator(Interpolator.LINEAR);
            }

            @Override
            protected void interpolate(double frac) {
                for (HopView h : hops) h.place(frac);
            }
        };
    }

    /** One tick of the UI clock. */
    void show(PipelineFigures f, Instant now) {
        shown = f;
        for (PipelineFigures.Node n : f.nodes()) nodes.get(n.service()).show(n);
        for (int i = 0; i < hops.size() && i < f.hops().size(); i++) hops.get(i).show(f.hops().get(i));
        // The animation runs for the whole run, so frames come at a steady pace (a gap between two is a stall, not a
        // pause in the traffic); a hop with no traffic has no dots, and a frame with nothing moved draws nothing.
        if (f.live() && flow.getStatus() != Animation.Status.RUNNING) flow.play();
        if (!f.live() && flow.getStatus() == Animation.Status.RUNNING) {
            flow.stop();
            for (HopView h : hops) h.place(0);
        }
        if (detailOf != null && now.toEpochMilli() - detailAsked.toEpochMilli() >= DETAIL_EVERY_MS) askDetail();
    }

    /** True while the flow animation runs (during a run). */
    boolean flowing() {
        return flow.getStatus() == Animation.Status.RUNNING;
    }

    void stop() {
        flow.stop();
        detail.hide(Duration.ZERO);
    }

    void openDetail(Connectivity.Service s) {
        detailOf = s;
        VBox box = new VBox(new Label(s.label()), new Label("Reading..."));
        box.getStyleClass().add("node-detail-box");
        box.getChildren().get(0).getStyleClass().add("node-detail-title");
        detail.setContentNode(box);
        detail.show(nodes.get(s));
        askDetail();
    }

    private void askDetail() {
        detailAsked = Instant.now();
        Connectivity.Service s = detailOf;
        model.inspect(d -> {
            if (s == detailOf) detail.setContentNode(detailBox(s, d));
        });
    }

    /** What the PopOver shows for one part: its address and state, then what it holds now. */
    VBox detailBox(Connectivity.Service s, PipelineDetail d) {
        VBox box = new VBox();
        box.setId("node-detail-" + s.name().toLowerCase(Locale.ROOT));
        box.getStyleClass().add("node-detail-box");
        Label title = new Label(s.label());
        title.getStyleClass().add("node-detail-title");
        box.getChildren().add(title);
        PipelineFigures.Node n = shown == null ? null : shown.node(s);
        if (n != null) {
            Label state = new Label(n.state() == PipelineFigures.State.UP ? "up, " + n.where()
                    : n.state() == PipelineFigures.State.DOWN ? "DOWN, " + n.where() + ": " + n.problem() : "not checked yet");
            state.setWrapText(true);
            state.setMaxWidth(420);
            box.getChildren().add(state);
        }
        GridPane grid = new GridPane();
        grid.getStyleClass().add("node-detail-grid");
        int row = 0;
        switch (s) {
            case POSTGRESQL -> {
                row = pair(grid, row, "rows in " + Names.OUTBOX_QUALIFIED, d.outboxRows() < 0 ? "unknown" : Format.count(d.outboxRows()));
                row = pair(grid, row, "WAL held for Debezium", bytes(d.slotLagBytes()));
            }
            case DEBEZIUM -> {
                row = pair(grid, row, "replication slot", Names.REPLICATION_SLOT);
                row = pair(grid, row, "slot lag (WAL not yet confirmed)", bytes(d.slotLagBytes()));
                row = pair(grid, row, "writes into", Names.OUTBOX_TOPIC);
            }
            case KAFKA, PROCESSOR -> {
                row = pair(grid, row, "group", Names.CONSUMER_GROUP);
                grid.addRow(row++, header("partition"), header("log end"), header("committed"), header("lag"));
                for (PartitionLag p : d.partitions()) {
                    grid.addRow(row++, new Label(shortTopic(p.topic()) + " #" + p.partition()), number(p.end()), number(p.committed()), number(p.lag()));
                }
                if (d.partitions().isEmpty()) row = pair(grid, row, "partitions", "no committed offsets yet");
                row = pair(grid, row, "lag in all", Format.count(d.totalLag()));
                if (s == Connectivity.Service.PROCESSOR) row = instances(grid, row, model.processorsOfRun());
            }
            case MONGODB -> {
                row = pair(grid, row, "database", model.pipelineProperty().get() == null ? "" : model.pipelineProperty().get().settings().mongoDatabase());
                for (var e : d.documents().entrySet()) row = pair(grid, row, e.getKey(), Format.count(e.getValue()) + " documents");
            }
            default -> { }
        }
        box.getChildren().add(grid);
        for (String p : d.problems()) {
            Label l = new Label(p);
            l.getStyleClass().add("node-detail-problem");
            l.setWrapText(true);
            l.setMaxWidth(420);
            box.getChildren().add(l);
        }
        return box;
    }

    private static String shortTopic(String topic) {
        return Names.OUTBOX_TOPIC.equals(topic) ? "outbox" : topic;
    }

    /** One row per processor instance of the run: what each carried, its rate, its partitions. */
    private static int instances(GridPane g, int row, Map<String, InstanceCounts> byProcessor) {
        if (byProcessor.isEmpty()) return pair(g, row, "processors", "no run yet");
        g.addRow(row++, header("processor"), header("events"), header("events/s"), header("partitions"));
        for (var e : new TreeMap<>(byProcessor).entrySet()) {
            InstanceCounts c = e.getValue();
            g.addRow(row++, new Label(e.getKey()), number(c.processed()), number(Math.round(c.averageEps())),
                    new Label(c.partitions().isEmpty() ? "-" : c.partitions().stream().map(String::valueOf).collect(Collectors.joining(", "))));
        }
        return row;
    }

    private static int pair(GridPane g, int row, String name, String value) {
        Label v = new Label(value);
        v.getStyleClass().add("node-detail-value");
        g.add(new Label(name), 0, row);
        g.add(v, 1, row, 3, 1);
        return row + 1;
    }

    private static Label header(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("node-detail-header");
        return l;
    }

    private static Label number(long v) {
        Label l = new Label(Format.count(v));
        l.getStyleClass().add("node-detail-value");
        GridPane.setHalignment(l, HPos.RIGHT);
        return l;
    }

    static String bytes(long b) {
        if (b < 0) return "unknown";
        if (b < 1024) return Format.count(b) + " bytes";
        if (b < 1024 * 1024) return String.format(Locale.US, "%.1f KB", b / 1024.0);
        return String.format(Locale.US, "%.1f MB", b / 1024.0 / 1024.0);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        int n = nodes.size();
        double nodeW = w * 0.13;
        double hopW = (w - n * nodeW) / (n - 1);
        double x = 0;
        int i = 0;
        for (NodeBox b : nodes.values()) {
            b.resizeRelocate(x, 0, nodeW, h);
            if (i < hops.size()) hops.get(i).resizeRelocate(x + nodeW, 0, hopW, h);
            x += nodeW + hopW;
            i++;
        }
    }

    @Override
    protected double computePrefHeight(double width) {
        return 120;
    }

    /** One part: health light, name, live figure, what the figure is or where the part is. */
    final class NodeBox extends Region {
        final Circle light = new Circle(6);
        final FitText name = new FitText("node-name", FontWeight.BOLD);
        final ValueBody figure = new ValueBody();
        final FitText caption = new FitText("node-caption", FontWeight.NORMAL);
        /** What the caption would say with room enough; a problem too long for the part says where to find it. */
        private String wanted = "";

        NodeBox(Connectivity.Service s) {
            setId("node-" + s.name().toLowerCase(Locale.ROOT));
            getStyleClass().add("pipe-node");
            light.getStyleClass().add("light");
            light.setManaged(false);
            name.setText(s.label());
            setCursor(Cursor.HAND);
            getChildren().addAll(light, name, figure, caption);
        }

        void show(PipelineFigures.Node n) {
            boolean up = n.state() == PipelineFigures.State.UP;
            boolean down = n.state() == PipelineFigures.State.DOWN;
            for (var node : List.of(this, light)) {
                node.pseudoClassStateChanged(UP, up);
                node.pseudoClassStateChanged(DOWN, down);
            }
            figure.show(n.figure());
            pseudoClassStateChanged(EMPTY, !n.figure().measured());
            String text = down ? "DOWN: " + firstClause(n.problem()) : n.figure().caption();
            if (!text.equals(wanted)) {
                wanted = text;
                requestLayout();
            }
        }

        /** "connection refused or timed out" of "connection refused or timed out. Fix: ...". */
        static String firstClause(String problem) {
            int end = problem.indexOf(". ");
            return end < 0 ? problem : problem.substring(0, end);
        }

        @Override
        protected void layoutChildren() {
            double w = getWidth();
            double h = getHeight();
            double pad = Math.max(4, Math.min(10, w * 0.05));
            double nameH = h * 0.2;
            double capH = h * 0.18;
            double r = Math.max(4, Math.min(9, nameH * 0.25));
            light.setRadius(r);
            light.relocate(pad, pad + (nameH - 2 * r) / 2);
            name.setMaxPx(nameH / FitText.LINE);
            name.resizeRelocate(pad + 2.6 * r, pad, w - 2 * pad - 2.6 * r, nameH);
            double figH = h - 2 * pad - nameH - capH;
            figure.resizeRelocate(pad, pad + nameH, w - 2 * pad, figH);
            caption.setMaxPx(capH / FitText.LINE);
            boolean fits = !wanted.startsWith("DOWN") || caption.widthOf(wanted, FitText.MIN_PX) <= w - 2 * pad;
            caption.setText(fits ? wanted : "DOWN: click for why");
            caption.resizeRelocate(pad, h - pad - capH, w - 2 * pad, capH);
        }
    }

    /** One hop: an arrow, its median latency over it, its stage under it, and dots when events flow. */
    final class HopView extends Region {
        final FitText latency = new FitText("hop-latency", FontWeight.BOLD);
        final FitText stage = new FitText("hop-stage", FontWeight.NORMAL);
        final FitText what = new FitText("hop-what", FontWeight.NORMAL);
        private final Line line = new Line();
        private final Polygon head = new Polygon();
        private final Circle[] dots = new Circle[DOTS];
        private boolean flowing;
        private double frac;

        HopView() {
            getStyleClass().add("hop");
            line.getStyleClass().add("hop-line");
            head.getStyleClass().add("hop-head");
            line.setManaged(false);
            head.setManaged(false);
            latency.setAlign(HPos.CENTER);
            stage.setAlign(HPos.CENTER);
            what.setAlign(HPos.CENTER);
            getChildren().addAll(line, head, latency, stage, what);
            for (int i = 0; i < DOTS; i++) {
                dots[i] = new Circle(4);
                dots[i].getStyleClass().add("flow-dot");
                dots[i].setManaged(false);
                dots[i].setVisible(false);
                getChildren().add(dots[i]);
            }
        }

        void show(PipelineFigures.Hop hop) {
            latency.setText(hop.latency().value());
            stage.setText(hop.latency().unit());
            what.setText(hop.latency().caption());
            pseudoClassStateChanged(EMPTY, !hop.latency().measured());
            if (hop.flowing() != flowing) {
                flowing = hop.flowing();
                for (Circle c : dots) c.setVisible(flowing);
                place(frac);
            }
        }

        boolean isFlowing() {
            return flowing;
        }

        /** Places the dots at {@code frac} of the animation's cycle. */
        void place(double at) {
            frac = at;
            // Dots that are not shown are not moved: a frame with nothing moved has nothing to draw.
            if (!flowing) return;
            double x0 = line.getStartX();
            double len = line.getEndX() - x0;
            for (int i = 0; i < DOTS; i++) {
                double f = (frac + (double) i / DOTS) % 1.0;
                dots[i].setCenterX(x0 + f * len);
                dots[i].setCenterY(line.getStartY());
            }
        }

        @Override
        protected void layoutChildren() {
            double w = getWidth();
            double h = getHeight();
            double mid = h * 0.5;
            double inset = Math.min(6, w * 0.06);
            line.setStartX(inset);
            line.setEndX(w - inset - 8);
            line.setStartY(mid);
            line.setEndY(mid);
            head.getPoints().setAll(w - inset - 10, mid - 6, w - inset, mid, w - inset - 10, mid + 6);
            double labelH = h * 0.26;
            latency.setMaxPx(labelH / FitText.LINE);
            latency.resizeRelocate(0, mid - labelH - 4, w, labelH);
            double small = h * 0.17;
            stage.setMaxPx(small / FitText.LINE);
            stage.resizeRelocate(0, mid + 6, w, small);
            what.setMaxPx(small * 0.85 / FitText.LINE);
            what.resizeRelocate(0, mid + 6 + small, w, small);
            for (Circle c : dots) c.setRadius(Math.max(3, Math.min(6, h * 0.04)));
            place(frac);
        }
    }
}
