package io.eventprocessor.ui;

import io.eventprocessor.contract.MetricRecord;
import io.eventprocessor.contract.Stage;
import io.eventprocessor.ui.model.Format;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Recent events (newest first) and, for the selected one, its timeline T0..T5 to the millisecond.
 *
 * <p>The table always holds {@link #ROWS} rows, blank until events fill them, and an update only changes the texts of
 * its rows: a change to a table's list of items (even one item replaced) makes it build new row cells and style them
 * afresh, which was most of the FX thread's work while the first click's events flowed (docs/benchmark.md).
 */
public final class EventsPane extends SplitPane {
    final TableView<Row> table = new TableView<>();
    final VBox timeline = new VBox();
    /** Said over the blank rows until the first event arrives. */
    final Label empty = new Label("Events appear here as the processor reports them.");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ZoneId zone;
    /** Rows kept, newest first. */
    static final int ROWS = 50;
    static final long UPDATE_EVERY_MS = 1000;
    private long lastUpdate;
    /** The event the timeline shows, or null. */
    private MetricRecord inTimeline;

    /** A column: its title, its preferred width and its text for an event. */
    private record Column(String title, double width, Function<MetricRecord, String> text) {}

    private final List<Column> columns;

    /** A row of the table: the event it shows (null: none) and the texts of its columns. */
    static final class Row {
        private MetricRecord record;
        private final List<StringProperty> texts = new ArrayList<>();

        private Row(int columns) {
            for (int c = 0; c < columns; c++) texts.add(new SimpleStringProperty(""));
        }

        MetricRecord record() {
            return record;
        }

        private void show(MetricRecord r, List<Column> columns) {
            record = r;
            for (int c = 0; c < columns.size(); c++) texts.get(c).set(r == null ? "" : columns.get(c).text().apply(r));
        }
    }

    public EventsPane(ZoneId zone) {
        this.zone = zone;
        getStyleClass().add("events-pane");
        table.setId("recent-events");
        columns = List.of(
                new Column("", 30, r -> r.processed() ? "\u2713" : "\u2717"),
                new Column("Type", 140, MetricRecord::eventType),
                new Column("Detail", 170, r -> r.processed() ? Objects.toString(r.detail(), "") : "FAILED: " + r.error()),
                new Column("Latency", 85, r -> r.timing() == null ? "ERR" : Format.ms(Stage.END_TO_END.of(r.timing()) / 1000.0)),
                new Column("In MongoDB", 115, r -> r.timing() == null ? "" : EventTimeline.clock(r.timing().t5(), zone)));
        for (int c = 0; c < columns.size(); c++) table.getColumns().add(column(columns.get(c), c));
        for (int i = 0; i < ROWS; i++) rows.add(new Row(columns.size()));
        table.setItems(rows);
        empty.setWrapText(true);
        empty.setMouseTransparent(true);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b.record() != null && b.record() != inTimeline) showTimeline(b.record());
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
        getItems().addAll(new StackPane(table, empty), journey);
        setDividerPositions(0.58);
    }

    private static TableColumn<Row, String> column(Column column, int index) {
        TableColumn<Row, String> c = new TableColumn<>(column.title());
        c.setCellValueFactory(cd -> cd.getValue().texts.get(index));
        c.setPrefWidth(column.width());
        c.setSortable(false);
        return c;
    }

    /** The events the rows show, newest first. */
    List<MetricRecord> shown() {
        return rows.stream().map(Row::record).filter(Objects::nonNull).toList();
    }

    /**
     * Called by the UI clock, at most once a second: puts the events newer than the top row on top and drops the
     * oldest beyond {@link #ROWS}; a selected event stays selected while it is still shown.
     */
    void show(List<MetricRecord> newestFirst, long nowMillis) {
        MetricRecord top = rows.get(0).record(); // the rows fill from the top: null when none shows an event
        if (newestFirst.isEmpty()) {
            if (top != null) fill(List.of(), -1);
            return;
        }
        if (top != null && top.eventId().equals(newestFirst.get(0).eventId())) return;
        if (nowMillis - lastUpdate < UPDATE_EVERY_MS) return;
        lastUpdate = nowMillis;
        int known = -1;
        if (top != null) {
            for (int i = 0; i < newestFirst.size(); i++) {
                if (top.eventId().equals(newestFirst.get(i).eventId())) {
                    known = i;
                    break;
                }
            }
        }
        List<MetricRecord> after = new ArrayList<>(newestFirst.subList(0, Math.min(ROWS, known < 0 ? newestFirst.size() : known)));
        if (known >= 0) {
            List<MetricRecord> before = shown();
            after.addAll(before.subList(0, Math.min(before.size(), ROWS - after.size())));
        }
        fill(after, known);
    }

    /** Shows {@code events} in the rows; {@code shift}: how far the events shown before moved down (-1: all replaced). */
    private void fill(List<MetricRecord> events, int shift) {
        int selected = table.getSelectionModel().getSelectedIndex();
        for (int i = 0; i < ROWS; i++) rows.get(i).show(i < events.size() ? events.get(i) : null, columns);
        empty.setVisible(events.isEmpty());
        if (selected < 0) return;
        if (shift >= 0 && selected + shift < events.size()) table.getSelectionModel().clearAndSelect(selected + shift);
        else table.getSelectionModel().clearSelection();
    }

    void showTimeline(MetricRecord r) {
        inTimeline = r;
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
