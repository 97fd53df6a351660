package io.eventprocessor.ui;

import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.readmodel.NewestDocuments;
import io.eventprocessor.ui.model.DashboardModel;
import io.eventprocessor.ui.model.Figures;
import io.eventprocessor.ui.model.Format;
import io.eventprocessor.ui.model.Launch;
import io.eventprocessor.ui.model.PulseMeter;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.animation.AnimationTimer;
import javafx.css.PseudoClass;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * The window's content, built in code: menus, health strip, narrative banner, control panel, tiles and the
 * tabs below them. One UI clock ({@link AnimationTimer}, throttled to {@link #REFRESH_HZ}) samples the model and
 * pushes the figures to every view; the FX thread never does I/O.
 */
public final class DashboardView extends BorderPane {
    public static final int REFRESH_HZ = 4;
    private static final long TICK_NANOS = 1_000_000_000L / REFRESH_HZ;
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    private static final PseudoClass LIGHT = PseudoClass.getPseudoClass("light");
    public static final String CSS = "/io/eventprocessor/ui/dashboard.css";

    private final DashboardModel model;
    private final ZoneId zone = ZoneId.systemDefault();
    final TileBoard tiles = new TileBoard();
    final HealthStrip healthStrip;
    final ControlPanel controls;
    final EventsPane events = new EventsPane(zone);
    final HistoryTable history;
    final ChartsPane charts = new ChartsPane();
    final ListView<NewestDocuments.Doc> documents = new ListView<>();
    final Label banner = new Label();
    final Label error = new Label();
    final TabPane tabs = new TabPane();
    final PulseMeter meter = new PulseMeter();
    private final AnimationTimer clock;
    private long lastTick;
    private double scale = 1.0;
    private boolean dark = true;

    public DashboardView(DashboardModel model) {
        this.model = model;
        getStyleClass().add("dashboard");
        healthStrip = new HealthStrip(model);
        controls = new ControlPanel(model);
        history = new HistoryTable(model);

        Label title = new Label("EVENT PROCESSOR  \u2022  LIVE");
        title.getStyleClass().add("app-title");
        HBox header = new HBox(title, healthStrip);
        HBox.setHgrow(healthStrip, Priority.ALWAYS);
        header.getStyleClass().add("header");

        banner.setId("narrative");
        banner.getStyleClass().add("narrative");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.textProperty().bind(model.narrativeProperty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("busy");
        spinner.visibleProperty().bind(model.busyProperty());
        spinner.managedProperty().bind(model.busyProperty());
        Label phase = new Label();
        phase.getStyleClass().add("phase");
        phase.textProperty().bind(model.phaseProperty());
        HBox bannerRow = new HBox(spinner, banner, phase);
        HBox.setHgrow(banner, Priority.ALWAYS);
        bannerRow.getStyleClass().add("banner-row");

        error.setId("error");
        error.getStyleClass().add("error-banner");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(model.lastErrorProperty());
        error.visibleProperty().bind(model.lastErrorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        setTop(new VBox(menus(), header, bannerRow, error));

        ScrollPane left = new ScrollPane(controls);
        left.setFitToWidth(true);
        left.getStyleClass().add("left");
        setLeft(left);

        documents.setId("newest-documents");
        documents.setPlaceholder(new Label("The newest read-model documents appear here."));
        documents.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(NewestDocuments.Doc d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : (d.processedAt() == null ? "" : EventTimeline.clock(d.processedAt().getTime() * 1000, zone))
                        + "   " + d.collection() + "   " + d.summary());
            }
        });
        documents.setItems(model.newestDocuments());
        tabs.getTabs().addAll(tab("Recent events", events), tab("Run history", history), tab("Charts", charts),
                tab("MongoDB, newest documents", documents));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        GridPane center = new GridPane();
        center.getStyleClass().add("center");
        ColumnConstraints cc = new ColumnConstraints();
        cc.setPercentWidth(100);
        center.getColumnConstraints().add(cc);
        RowConstraints top = new RowConstraints();
        top.setPercentHeight(60);
        RowConstraints bottom = new RowConstraints();
        bottom.setPercentHeight(40);
        center.getRowConstraints().addAll(top, bottom);
        center.add(tiles, 0, 0);
        center.add(tabs, 0, 1);
        center.setVgap(8);
        center.setPadding(new Insets(8));
        setCenter(center);

        getStylesheets().add(DashboardView.class.getResource(CSS).toExternalForm());
        setTheme(true);

        clock = new AnimationTimer() {
            @Override
            public void handle(long now) {
                meter.pulse(now);
                if (now - lastTick < TICK_NANOS) return;
                lastTick = now;
                refresh();
                meter.refreshed();
            }
        };
    }

    private static Tab tab(String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId("tab-" + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-"));
        return t;
    }

    public void start() {
        clock.start();
    }

    public void stop() {
        clock.stop();
    }

    public PulseMeter meter() {
        return meter;
    }

    /** One tick of the UI clock: sample the model's snapshot, push it everywhere, schedule the slow polls. */
    void refresh() {
        Instant now = Instant.now();
        Figures f = model.tick(now);
        tiles.show(f, model.integrityProperty().get());
        healthStrip.tick(now);
        events.show(model.recentNewestFirst());
        charts.showThroughput(f.perSecond());
        charts.showCurves(model.curves());
    }

    private MenuBar menus() {
        MenuItem export = new MenuItem("Export report...");
        export.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        export.disableProperty().bind(model.lastReportProperty().isNull());
        export.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Export the last run's report (JSON, with an HTML page beside it)");
            fc.setInitialFileName("demo_metrics_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + ".json");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON report", "*.json"));
            File f = fc.showSaveDialog(getScene().getWindow());
            if (f != null) model.exportReport(f.toPath(), w -> {});
        });
        MenuItem snapshot = new MenuItem("Export snapshot (PNG)...");
        snapshot.setAccelerator(KeyCombination.keyCombination("Shortcut+P"));
        snapshot.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Save a picture of the dashboard");
            fc.setInitialFileName("dashboard_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + ".png");
            File f = fc.showSaveDialog(getScene().getWindow());
            if (f != null) saveSnapshot(f.toPath());
        });
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> ((Stage) getScene().getWindow()).close());
        Menu file = new Menu("File", null, export, snapshot, new SeparatorMenuItem(), quit);

        MenuItem full = new MenuItem("Full screen");
        full.setAccelerator(KeyCombination.keyCombination("F11"));
        full.setOnAction(e -> {
            Stage s = (Stage) getScene().getWindow();
            s.setFullScreen(!s.isFullScreen());
        });
        ToggleGroup scales = new ToggleGroup();
        Menu scaleMenu = new Menu("Presentation scale");
        for (double s : new double[] {1.0, 1.25, 1.5, 2.0}) {
            RadioMenuItem item = new RadioMenuItem(Math.round(s * 100) + "%");
            item.setToggleGroup(scales);
            item.setSelected(s == 1.0);
            item.setOnAction(e -> setScale(s));
            scaleMenu.getItems().add(item);
        }
        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem darkItem = new RadioMenuItem("Dark theme");
        darkItem.setToggleGroup(themes);
        darkItem.setSelected(true);
        darkItem.setOnAction(e -> setTheme(true));
        RadioMenuItem lightItem = new RadioMenuItem("Light theme");
        lightItem.setToggleGroup(themes);
        lightItem.setOnAction(e -> setTheme(false));
        Menu view = new Menu("View", null, full, scaleMenu, new SeparatorMenuItem(), darkItem, lightItem);

        Menu run = new Menu("Run");
        for (int i = 0; i < Scenario.PRESETS.size(); i++) {
            Scenario s = Scenario.PRESETS.get(i);
            MenuItem item = new MenuItem(Format.count(s.totalEvents()) + " events  (key " + (i + 1) + ")");
            item.disableProperty().bind(model.busyProperty());
            item.setOnAction(e -> model.runScenario(Launch.of(s)));
            run.getItems().add(item);
        }
        MenuItem stop = new MenuItem("Stop  (Esc)");
        stop.setOnAction(e -> model.cancel());
        run.getItems().addAll(new SeparatorMenuItem(), stop);
        return new MenuBar(file, view, run);
    }

    /** Keys 1-4 start the presets, Esc stops; not while typing in a field. */
    public void installShortcuts(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (scene.getFocusOwner() instanceof TextInputControl) return;
            int index = switch (e.getCode()) {
                case DIGIT1, NUMPAD1 -> 0;
                case DIGIT2, NUMPAD2 -> 1;
                case DIGIT3, NUMPAD3 -> 2;
                case DIGIT4, NUMPAD4 -> 3;
                default -> -1;
            };
            if (index >= 0) {
                model.runScenario(Launch.of(Scenario.PRESETS.get(index)));
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && model.runningProperty().get()) {
                model.cancel();
            }
        });
    }

    public void setTheme(boolean darkTheme) {
        dark = darkTheme;
        pseudoClassStateChanged(DARK, dark);
        pseudoClassStateChanged(LIGHT, !dark);
        tiles.applyTheme(dark);
    }

    /** Larger type for big rooms: every size in the CSS is in em, so one root font size scales the window. */
    public void setScale(double s) {
        scale = s;
        setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", 15 * scale));
    }

    /**
     * Saves a picture of the whole window (what the room sees): the picture is taken on the FX thread, the file
     * written on a background thread.
     */
    public CompletableFuture<Path> saveSnapshot(Path png) {
        WritableImage image = getScene().snapshot(null);
        var bits = SwingFXUtils.fromFXImage(image, null);
        return CompletableFuture.supplyAsync(() -> {
            try {
                ImageIO.write(bits, "png", png.toFile());
                return png;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
