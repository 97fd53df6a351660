package io.eventprocessor.ui;

import io.eventprocessor.loadgen.Scenario;
import io.eventprocessor.readmodel.NewestDocuments;
import io.eventprocessor.stack.Health;
import io.eventprocessor.ui.model.DashboardModel;
import io.eventprocessor.ui.model.Figures;
import io.eventprocessor.ui.model.Format;
import io.eventprocessor.ui.model.GuidedDemo;
import io.eventprocessor.ui.model.HealthChange;
import io.eventprocessor.ui.model.Launch;
import io.eventprocessor.ui.model.PulseMeter;
import io.eventprocessor.ui.model.RunState;
import io.eventprocessor.ui.model.RunStatus;
import io.eventprocessor.ui.model.RunSummary;
import io.eventprocessor.ui.model.Shortcut;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.prefs.Preferences;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.css.PseudoClass;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBoxBase;
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
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.StatusBar;
import org.controlsfx.control.TaskProgressView;

/**
 * The window's content, built in code: menus, the banner telling the room what happens (and the guided demo's line),
 * the pipeline at a glance, the control panel, the tiles, the tabs below them and a status bar. One UI clock
 * ({@link UiClock}) samples the model once per tick and pushes the figures to every view; the FX thread never does
 * I/O, and nothing asks for frames except the pipeline's flowing events during a run.
 */
public final class DashboardView extends BorderPane {
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    private static final PseudoClass LIGHT = PseudoClass.getPseudoClass("light");
    public static final String CSS = "/io/eventprocessor/ui/dashboard.css";
    static final String PREF_EXPORT_FOLDER = "export.folder";
    /** Presentation scales offered: 125 % suits 1280x720 and up, 150 % 1920x1080 (at 1024x768, 100 %). */
    static final double[] SCALES = {1.0, 1.25, 1.5};
    /** The pipeline's share of the window's height, whatever the scale: the tiles keep their room. */
    static final double PIPELINE_SHARE = 0.165;

    private final DashboardModel model;
    private final Preferences prefs;
    private final ZoneId zone = ZoneId.systemDefault();
    final TileBoard tiles = new TileBoard();
    final PipelineView pipeline;
    final ControlPanel controls;
    final EventsPane events = new EventsPane(zone);
    final RunsPane runs;
    final ChartsPane charts = new ChartsPane();
    final ListView<NewestDocuments.Doc> documents = new ListView<>();
    final Label banner = new Label();
    final Label guideLine = new Label();
    final Label error = new Label();
    final Label down = new Label();
    final TabPane tabs = new TabPane();
    final Tab eventsTab;
    final Tab runsTab;
    final Tab chartsTab;
    final StatusBar status = new StatusBar();
    final Label keys = new Label(Shortcut.HINT);
    final PulseMeter meter = new PulseMeter();
    final TaskProgressView<Task<?>> work = new TaskProgressView<>();
    private final UiClock clock;
    private CompletableFuture<Void> warmed = CompletableFuture.completedFuture(null);
    private double scale = 1.0;
    private boolean dark = true;
    /** The key press just handled was a shortcut: the character it types goes nowhere. */
    private boolean swallowTyped;
    /** The last notification shown, for whoever checks what the room was told. */
    String lastNotification = "";

    /**
     * @param prefs where the last export folder is remembered
     */
    public DashboardView(DashboardModel model, Preferences prefs) {
        this.model = model;
        this.prefs = prefs;
        getStyleClass().add("dashboard");
        pipeline = new PipelineView(model);
        controls = new ControlPanel(model);
        runs = new RunsPane(model);

        banner.setId("narrative");
        banner.getStyleClass().add("narrative");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setWrapText(true);
        banner.textProperty().bind(model.narrativeProperty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("busy");
        spinner.visibleProperty().bind(model.busyProperty());
        banner.graphicProperty().bind(Bindings.when(model.busyProperty()).then((Node) spinner).otherwise((Node) null));

        guideLine.setId("guide-line");
        guideLine.getStyleClass().add("guide-line");
        guideLine.setWrapText(true);
        guideLine.setMaxWidth(Double.MAX_VALUE);
        guideLine.textProperty().bind(model.guideLineProperty());
        guideLine.visibleProperty().bind(model.guideLineProperty().isNotEmpty());
        guideLine.managedProperty().bind(guideLine.visibleProperty());

        error.setId("error");
        error.getStyleClass().add("error-banner");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(model.lastErrorProperty());
        error.visibleProperty().bind(model.lastErrorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        // A part that is down, in full: what is wrong and how to fix it (the pipeline's parts have room for a few words).
        down.setId("health-problems");
        down.getStyleClass().add("error-banner");
        down.setWrapText(true);
        down.setMaxWidth(Double.MAX_VALUE);
        down.visibleProperty().bind(down.textProperty().isNotEmpty());
        down.managedProperty().bind(down.visibleProperty());
        model.health().addListener((ListChangeListener<Health>) c -> down.setText(String.join("\n",
                model.health().stream().filter(h -> !h.ok()).map(h -> h.service().label() + " is down at " + h.detail()).toList())));

        pipeline.getStyleClass().add("pipeline-band");
        VBox top = new VBox(menus(), banner, guideLine, error, down, pipeline);
        top.getStyleClass().add("top");
        setTop(top);

        ScrollPane left = new ScrollPane(controls);
        left.setFitToWidth(true);
        left.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // A minimum viewport width makes the pane's width count its scroll bar even while none shows: when the panel
        // outgrows a small window (the guided demo's extra button at 1280x720 and 125 %), the bar takes no width from the
        // buttons, whose texts would be cut.
        left.setMinViewportWidth(1);
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
        eventsTab = tab("Recent events", events);
        runsTab = tab("Runs, compared", runs);
        chartsTab = tab("Charts", charts);
        tabs.getTabs().addAll(eventsTab, runsTab, chartsTab, tab("MongoDB, newest documents", documents));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> clock().soon());

        GridPane center = new GridPane();
        center.getStyleClass().add("center");
        ColumnConstraints cc = new ColumnConstraints();
        cc.setPercentWidth(100);
        center.getColumnConstraints().add(cc);
        RowConstraints upper = new RowConstraints();
        upper.setPercentHeight(60);
        RowConstraints lower = new RowConstraints();
        lower.setPercentHeight(40);
        center.getRowConstraints().addAll(upper, lower);
        center.add(tiles, 0, 0);
        center.add(tabs, 0, 1);
        center.setVgap(8);
        center.setPadding(new Insets(8));
        // Background work (start-up, warm-up, clearing, verifying, exporting) with its progress, over the tabs' corner.
        work.setId("background-work");
        work.getStyleClass().add("background-work");
        work.visibleProperty().bind(Bindings.isNotEmpty(work.getTasks()));
        work.setMouseTransparent(false);
        model.backgroundWork().addListener((ListChangeListener<Task<?>>) c -> {
            while (c.next()) {
                for (Task<?> t : c.getAddedSubList()) if (!work.getTasks().contains(t)) work.getTasks().add(t);
                for (Task<?> t : c.getRemoved()) work.getTasks().remove(t);
            }
        });
        StackPane.setAlignment(work, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(work, new Insets(8));
        setCenter(new StackPane(center, work));

        status.setId("status-bar");
        keys.setId("keys-hint");
        keys.getStyleClass().add("keys-hint");
        status.getRightItems().add(keys);
        status.progressProperty().bind(Bindings.createDoubleBinding(
                () -> model.runningProperty().get() ? model.figuresProperty().get().progress() : 0,
                model.runningProperty(), model.figuresProperty()));
        setBottom(status);

        getStylesheets().add(DashboardView.class.getResource(CSS).toExternalForm());
        setTheme(true);
        setFocusTraversable(false);

        String remembered = prefs.get(PREF_EXPORT_FOLDER, null);
        if (remembered != null) model.setExportFolder(Path.of(remembered));
        model.exportFolderProperty().addListener((o, a, b) -> prefs.put(PREF_EXPORT_FOLDER, b.toString()));
        model.setPictureSource(this::picture);
        model.onHealthChange(this::notify);
        model.runningProperty().addListener((o, a, b) -> {
            if (b) meter.begin(System.nanoTime());
            else meter.end(System.nanoTime());
            clock().soon();
        });
        model.guidePhaseProperty().addListener((o, a, b) -> follow(b));
        model.history().addListener((ListChangeListener<RunSummary>) c -> {
            GuidedDemo.Phase p = model.guidePhaseProperty().get();
            // The warm-up is there to follow single events: open the newest one's journey.
            if (p != null && p.action() == GuidedDemo.Action.SCENARIO && p.number() == 2) selectNewestEvent();
        });
        // Often while a fault plays out too: health is read every second then.
        clock = new UiClock(this::refresh, () -> model.busyProperty().get() || model.faultActiveProperty().get() || pipeline.flowing());
        sceneProperty().addListener((o, a, s) -> {
            if (s != null) {
                s.addPreLayoutPulseListener(() -> meter.pulse(System.nanoTime()));
                s.heightProperty().addListener((ob, x, y) -> applyFontSize());
                applyFontSize();
            }
        });
    }

    private UiClock clock() {
        return clock;
    }

    private static Tab tab(String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId("tab-" + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-"));
        return t;
    }

    public void start() {
        clock.start();
        warmed = new Prewarm(model, zone, getStylesheets()).start();
    }

    /** Completes once the views were drawn a few dozen times offscreen (see {@link Prewarm}); the window works before. */
    public CompletableFuture<Void> warmed() {
        return warmed;
    }

    public void stop() {
        clock.close();
        pipeline.stop();
    }

    public PulseMeter meter() {
        return meter;
    }

    /** One tick of the UI clock: one snapshot of the model, pushed everywhere; the slow polls scheduled. */
    void refresh() {
        Instant now = Instant.now();
        Figures f = model.tick(now);
        RunState run = model.runProperty().get();
        tiles.show(f, model.integrityProperty().get(), run == null ? 0 : run.number());
        pipeline.show(model.pipelineFiguresProperty().get(), now);
        if (tabs.getSelectionModel().getSelectedItem() == eventsTab) events.show(model.recentNewestFirst(), now.toEpochMilli());
        if (tabs.getSelectionModel().getSelectedItem() == chartsTab) {
            charts.showThroughput(f.perSecond());
            charts.showCurves(model.curves());
        }
        status.setText(statusText(now));
        meter.refreshed();
    }

    private String statusText(Instant now) {
        RunStatus s = model.statusProperty().get();
        Instant since = model.connectedAtProperty().get();
        String up = since == null ? "" : "   up " + Format.upFor((now.toEpochMilli() - since.toEpochMilli()) / 1000);
        String phase = model.phaseProperty().get();
        return "\u25CF " + s.name() + up + (phase.isBlank() ? "" : "   " + phase);
    }

    /** Opens the tab each phase of the guided demo talks about. */
    private void follow(GuidedDemo.Phase p) {
        if (p == null) return;
        switch (p.action()) {
            case SCENARIO -> tabs.getSelectionModel().select(p.number() == 2 ? eventsTab : chartsTab);
            case REPORT -> tabs.getSelectionModel().select(runsTab);
            default -> { }
        }
    }

    private void selectNewestEvent() {
        tabs.getSelectionModel().select(eventsTab);
        events.show(model.recentNewestFirst(), Long.MAX_VALUE);
        if (!events.table.getItems().isEmpty()) events.table.getSelectionModel().select(0);
    }

    /** A part of the pipeline went down or came back: tell the room in a corner, whatever else is on screen. */
    private void notify(HealthChange c) {
        lastNotification = c.title() + ": " + c.detail();
        if (getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) return;
        Notifications n = Notifications.create().title(c.title()).text(c.detail()).owner(getScene().getWindow())
                .position(Pos.TOP_RIGHT).hideAfter(Duration.seconds(c.up() ? 6 : 15));
        if (c.up()) n.showInformation();
        else n.showWarning();
    }

    private MenuBar menus() {
        MenuItem export = new MenuItem("Export report...");
        export.setId("menu-export");
        export.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        export.disableProperty().bind(model.lastReportProperty().isNull());
        export.setOnAction(e -> openExport());
        MenuItem snapshot = new MenuItem("Export a picture of the window (PNG)...");
        snapshot.setAccelerator(KeyCombination.keyCombination("Shortcut+P"));
        snapshot.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Save a picture of the dashboard");
            fc.setInitialDirectory(model.exportFolderProperty().get().toFile());
            fc.setInitialFileName(DashboardModel.exportName("dashboard") + ".png");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
            File f = fc.showSaveDialog(getScene().getWindow());
            if (f != null) {
                model.setExportFolder(f.toPath().getParent());
                saveSnapshot(f.toPath());
            }
        });
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> getScene().getWindow().hide());
        Menu file = new Menu("File", null, export, snapshot, new SeparatorMenuItem(), quit);

        MenuItem full = new MenuItem("Full screen");
        full.setAccelerator(KeyCombination.keyCombination("F11"));
        full.setOnAction(e -> {
            Stage s = (Stage) getScene().getWindow();
            s.setFullScreen(!s.isFullScreen());
        });
        ToggleGroup scales = new ToggleGroup();
        Menu scaleMenu = new Menu("Presentation scale");
        for (double s : SCALES) {
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
        MenuItem fault = new MenuItem("Inject a fault...  (Ctrl+F)");
        fault.setId("menu-fault");
        fault.disableProperty().bind(controls.faults.disableProperty());
        fault.setOnAction(e -> controls.openFaults());
        run.getItems().addAll(new SeparatorMenuItem(), stop, new SeparatorMenuItem(), fault);

        MenuItem next = new MenuItem("Next phase  (G or Page Down)");
        next.setOnAction(e -> model.guideNext());
        MenuItem leave = new MenuItem("Leave the guided demo  (Esc)");
        leave.setOnAction(e -> model.guideLeave());
        leave.disableProperty().bind(model.guidePhaseProperty().isNull());
        Menu demo = new Menu("Guided demo", null, next, leave);
        return new MenuBar(file, view, run, demo);
    }

    /** File > Export report: a picture of the window as it is now, then the dialog. */
    void openExport() {
        if (model.lastReportProperty().get() == null) return;
        ExportDialog d = new ExportDialog(model, picture());
        d.initOwner(getScene().getWindow());
        d.getDialogPane().getStylesheets().addAll(getStylesheets());
        d.showAndWait().ifPresent(r -> model.exportReport(r, x -> { }));
    }

    /**
     * The keys (see {@link Shortcut}): without a modifier only while no text field is being edited, with Ctrl always,
     * and a shortcut never types into a field. A click outside the fields takes the focus away from them, and the
     * window starts with the focus on no field.
     */
    public void installShortcuts(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean editing = editing(scene.getFocusOwner());
            Shortcut s = Shortcut.of(e.getCode(), e.isShortcutDown(), editing);
            switch (s) {
                case RUN_PRESET -> model.runScenario(Launch.of(Scenario.PRESETS.get(Shortcut.preset(e.getCode()))));
                case GUIDE_NEXT -> model.guideNext();
                case FAULT_MENU -> controls.openFaults();
                case ESCAPE -> {
                    if (editing) requestFocus();
                    if (model.runningProperty().get()) model.cancel();
                    else if (!editing && model.guidePhaseProperty().get() != null) model.guideLeave();
                }
                default -> {
                    return;
                }
            }
            swallowTyped = true;
            e.consume();
        });
        scene.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (swallowTyped) e.consume();
        });
        scene.addEventFilter(KeyEvent.KEY_RELEASED, e -> swallowTyped = false);
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (editing(scene.getFocusOwner()) && !(e.getTarget() instanceof Node n && insideField(n))) requestFocus();
        });
        requestFocus();
    }

    /** A text field (also a spinner's or an editable combo box's) has the focus. */
    static boolean editing(Node focus) {
        if (focus instanceof TextInputControl t) return t.isEditable();
        if (focus instanceof Spinner<?> s) return s.isEditable();
        if (focus instanceof ComboBoxBase<?> c) return c.isEditable();
        return false;
    }

    private static boolean insideField(Node n) {
        for (Node p = n; p != null; p = p.getParent()) if (editing(p) || p instanceof Spinner<?>) return true;
        return false;
    }

    public void setTheme(boolean darkTheme) {
        dark = darkTheme;
        tiles.applyTheme(dark);
        pseudoClassStateChanged(DARK, dark);
        pseudoClassStateChanged(LIGHT, !dark);
    }

    /** Larger type for big rooms: every size in the style sheet is in em, so one root font size scales the window. */
    public void setScale(double s) {
        scale = s;
        applyFontSize();
    }

    /** The root font size: from the window's height (12 px at 768, 16 px at 1080 and up), times the presentation scale. */
    static double baseFontPx(double height) {
        return Math.max(12, Math.min(16, Math.floor(height / 64)));
    }

    private void applyFontSize() {
        double h = getScene() == null ? 1080 : getScene().getHeight();
        setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", baseFontPx(h) * scale));
        pipeline.setPrefHeight(Math.round(h * PIPELINE_SHARE));
        pipeline.setMinHeight(Math.round(h * PIPELINE_SHARE));
    }

    /** The window as the room sees it, for a PNG. FX thread. */
    BufferedImage picture() {
        if (getScene() == null) return null;
        WritableImage image = getScene().snapshot(null);
        return SwingFXUtils.fromFXImage(image, null);
    }

    /** What a room can read of the window now (run after a layout pass). */
    public LayoutAudit audit() {
        applyCss();
        layout();
        return LayoutAudit.of(this);
    }

    /**
     * Saves a picture of the whole window (what the room sees): the picture is taken on the FX thread, the file
     * written on a background thread.
     */
    public CompletableFuture<Path> saveSnapshot(Path png) {
        BufferedImage bits = picture();
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
