package io.eventprocessor.ui;

import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.ui.model.Format;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Recent events (newest first) and, for the selected one, its timeline T0..T5 to the millisecond. */
public final class EventsPane extends SplitPane {
    final TableView<MetricRecord> table = new TableView<>();
    final VBox timeline = new VBox();
    private final ObservableList<MetricRecord> rows = FXCollections.observableArrayList();
    private final ZoneId zone;
    /** Rows kept, newest first. */
    static final int ROWS = 50;
    static final long UPDATE_EVERY_MS = 1000;
    private long lastUpdate;

    public EventsPane(ZoneId zone) {
        this.zone = zone;
        getStyleClass().add("events-pane");
        table.setId("recent-events");
        table.setItems(rows);
        Label empty = new Label("Events appear here as the processor reports them.");
        empty.setWrapText(true);
        table.setPlaceholder(empty);
        table.getColumns().add(column("", r -> r.processed() ? "\u2713" : "\u2717", 30));
        table.getColumns().add(column("Type", MetricRecord::eventType, 140));
        table.getColumns().add(column("Detail", r -> r.processed() ? Objects.toString(r.detail(), "") : "FAILED: " + r.error(), 170));
        table.getColumns().add(column("Latency", r -> r.timing() == null ? "ERR" : Format.ms(Stage.END_TO_END.of(r.timing()) / 1000.0), 85));
        table.getColumns().add(column("In MongoDB", r -> r.timing() == null ? "" : EventTimeline.clock(r.timing().t5(), zone), 115));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) showTimeline(b);
        });
        timeline.setId("timeline");
        timeline.getStyleClass().add("timeline");
        Label pick = new Label("Select an event to follow it through the pipeline.");
        pick.setWrapText(true);
        timeline.getChildren().add(pick);
        // A journey taller than its pane scrolls rather than being cut.
        ScrollPane journey = new ScrollPane(timeline);
        journey.setFitToWidth(true);
        journey.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        journey.getStyleClass().add("timeline-scroll");
        getItems().addAll(table, journey);
        setDividerPositions(0.58);
    }

    private static TableColumn<MetricRecord, String> column(String title, Function<MetricRecord, String> value, double width) {
        TableColumn<MetricRecord, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    /**
     * Called by the UI clock, at most once a second: puts the events newer than the top row on top and drops the
     * oldest beyond {@link #ROWS}, so the rows already shown (and the selection) stay as they are.
     */
    void show(List<MetricRecord> newestFirst, long nowMillis) {
        if (newestFirst.isEmpty()) {
            if (!rows.isEmpty()) rows.clear();
            return;
        }
        if (!rows.isEmpty() && rows.get(0).eventId().equals(newestFirst.get(0).eventId())) return;
        if (nowMillis - lastUpdate < UPDATE_EVERY_MS) return;
        lastUpdate = nowMillis;
        int known = -1;
        if (!rows.isEmpty()) {
            String top = rows.get(0).eventId();
            for (int i = 0; i < newestFirst.size(); i++) {
                if (top.equals(newestFirst.get(i).eventId())) {
                    known = i;
                    break;
                }
            }
        }
        if (known < 0) {
            rows.setAll(newestFirst.subList(0, Math.min(ROWS, newestFirst.size())));
        } else {
            rows.addAll(0, newestFirst.subList(0, Math.min(ROWS, known)));
            if (rows.size() > ROWS) rows.remove(ROWS, rows.size());
        }
    }

    void showTimeline(MetricRecord r) {
        timeline.getChildren().clear();
        Label head = new Label(r.eventType() + (r.detail() == null ? "" : "  " + r.detail()));
        head.getStyleClass().add("timeline-title");
        head.setWrapText(true);
        timeline.getChildren().add(head);
        Optional<EventTimeline> t = EventTimeline.of(r, zone);
        if (t.isEmpty()) {
            Label l = new Label("Dead-lettered: " + r.errorKind() + " - " + r.error());
            l.setWrapText(true);
            timeline.getChildren().add(l);
            return;
        }
        Label sentence = new Label(t.get().sentence());
        sentence.setId("timeline-sentence");
        sentence.getStyleClass().add("timeline-sentence");
        sentence.setWrapText(true);
        GridPane grid = new GridPane();
        grid.getStyleClass().add("timeline-grid");
        int row = 0;
        for (EventTimeline.Point p : t.get().points()) {
            Label at = new Label(p.clock());
            at.getStyleClass().add("timeline-clock");
            Label hop = new Label(row == 0 ? "" : "+" + Format.ms(p.sincePreviousMs()));
            hop.getStyleClass().add("timeline-hop");
            Label what = new Label(p.label());
            what.setWrapText(true);
            at.setMinWidth(Region.USE_PREF_SIZE);
            hop.setMinWidth(Region.USE_PREF_SIZE);
            grid.addRow(row++, at, hop, what);
        }
        Label id = new Label("event " + r.eventId());
        id.getStyleClass().add("hint");
        id.setWrapText(true);
        timeline.getChildren().addAll(sentence, grid, id);
    }
}
