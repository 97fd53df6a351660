package io.eventprocessor.ui;

import io.eventprocessor.contract.Clock;
import io.eventprocessor.contract.EventTiming;
import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Names;
import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.measure.MetricsAggregator;
import io.eventprocessor.measure.PartitionLag;
import io.eventprocessor.measure.Snapshot;
import io.eventprocessor.scenario.Progress;
import io.eventprocessor.scenario.ScenarioRun;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.Health;
import io.eventprocessor.ui.model.DashboardModel;
import io.eventprocessor.ui.model.Figures;
import io.eventprocessor.ui.model.IntegrityView;
import io.eventprocessor.ui.model.Launch;
import io.eventprocessor.ui.model.PipelineMeter;
import io.eventprocessor.ui.model.RunState;
import io.eventprocessor.verify.IntegrityResult;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;

/**
 * Draws the tiles, the pipeline and the recent-events table a few dozen times, with made-up figures, in a scene of its
 * own that is never shown, while the window waits for its pipeline. A fresh process runs its code interpreted: the
 * first refreshes of a run would otherwise cost it a frozen second or more on a busy 2-core machine (class loading and
 * the JIT compiler on the FX thread's path), in front of the room. Nothing drawn here reaches the window or a model.
 */
final class Prewarm {
    /** Rounds of refresh and layout; every {@link #DRAW_EVERY}th is also drawn. */
    static final int ROUNDS = 60;
    static final int DRAW_EVERY = 6;
    /** Rounds per turn of the FX thread, so the window stays responsive meanwhile. */
    static final int PER_TURN = 3;

    private final TileBoard tiles = new TileBoard();
    private final PipelineView pipeline;
    private final EventsPane events;
    private final Scene scene;
    private final PipelineMeter meter = new PipelineMeter();
    private final MetricsAggregator aggregator = new MetricsAggregator(100, false);
    private final List<Health> health = new ArrayList<>();
    private final long t0 = Clock.nowMicros();
    private int round;

    Prewarm(DashboardModel model, ZoneId zone, List<String> stylesheets) {
        pipeline = new PipelineView(model);
        events = new EventsPane(zone);
        VBox root = new VBox(pipeline, tiles, events);
        root.getStyleClass().add("dashboard");
        root.pseudoClassStateChanged(PseudoClass.getPseudoClass("dark"), true);
        root.getStylesheets().addAll(stylesheets);
        scene = new Scene(root, 1280, 900);
        for (Connectivity.Service s : Connectivity.Service.values()) health.add(new Health(s, "warm", true, ""));
    }

    /** Runs the rounds on the FX thread, a few per turn; completes when done. Call on the FX thread. */
    CompletableFuture<Void> start() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> turn(done));
        return done;
    }

    private void turn(CompletableFuture<Void> done) {
        try {
            for (int i = 0; i < PER_TURN && round < ROUNDS; i++) round(round++);
        } catch (RuntimeException e) {
            // A warm-up that fails costs the room smoothness, never the dashboard.
            done.complete(null);
            return;
        }
        if (round < ROUNDS) Platform.runLater(() -> turn(done));
        else done.complete(null);
    }

    private void round(int n) {
        List<MetricRecord> recent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long start = t0 + (n * 20L + i) * 5_000;
            EventTiming t = new EventTiming(start, start + 900 + i * 37, start + 1400 + i * 41, start + 1900 + i * 43, start + 2000 + i * 47,
                    start + 3000 + i * 53 + n * 11);
            MetricRecord r = new MetricRecord(UUID.randomUUID().toString(), Names.EVENT_TYPES.get(i % Names.EVENT_TYPES.size()), "a",
                    MetricRecord.STATUS_PROCESSED, null, null, t, 0, i, "dashboard", "warm " + n);
            aggregator.accept(r);
            recent.add(r);
        }
        long now = t0 + (n + 1) * 100_000L;
        Snapshot s = aggregator.snapshot(now, List.of(new PartitionLag(Names.OUTBOX_TOPIC, 0, n * 10L, n * 12L)), null);
        boolean live = n % 10 != 9;
        Launch launch = Launch.of(Scenario.STRESS);
        RunState run = new RunState(1, launch, Instant.now(), new Progress(ScenarioRun.Phase.SENDING, n * 20L, launch.target(), s), null,
                live ? null : "warm");
        Figures f = Figures.of(s, launch.target(), live);
        IntegrityResult ir = new IntegrityResult(n * 20L, Map.of(), Map.of(), List.of(), 0, List.of(), true);
        tiles.show(f, IntegrityView.of(ir, live, "this run"), 1);
        pipeline.show(meter.update(run, health), Instant.now());
        events.show(recent, Long.MAX_VALUE);
        if (n == 0) events.table.getSelectionModel().select(0);
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        if (n % DRAW_EVERY == DRAW_EVERY - 1) scene.snapshot(null);
        if (n == ROUNDS - 1) pipeline.stop();
    }
}
