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
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Recent events (newest first) and, for the selected one, its timeline T0..T5 to the millisecond. */
public final class EventsPane extends SplitPane {
    final TableView<MetricRecord> table = new TableView<>();
    final VBox timeline = new VBox();
    private final ObservableList<MetricRecord> rows = FXCollections.observableArrayList();
    private final ZoneId zone;
    private String newestShown;
    private MetricRecord selected;

    public EventsPane(ZoneId zone) {
        this.zone = zone;
        getStyleClass().add("events-pane");
        table.setId("recent-events");
        table.setItems(rows);
        table.setPlaceholder(new Label("Events appear here as the processor reports them."));
        table.getColumns().add(column("", r -> r.processed() ? "\u2713" : "\u2717", 50));
        table.getColumns().add(column("Type", MetricRecord::eventType, 190));
        table.getColumns().add(column("Detail", r -> r.processed() ? Objects.toString(r.detail(), "") : "FAILED: " + r.error(), 260));
        table.getColumns().add(column("Latency", r -> r.timing() == null ? "ERR" : Format.ms(Stage.END_TO_END.of(r.timing()) / 1000.0), 120));
        table.getColumns().add(column("In MongoDB at", r -> r.timing() == null ? "" : EventTimeline.clock(r.timing().t5(), zone), 150));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) showTimeline(b);
        });
        timeline.setId("timeline");
        timeline.getStyleClass().add("timeline");
        timeline.getChildren().add(new Label("Select an event to follow it through the pipeline."));
        getItems().addAll(table, timeline);
        setDividerPositions(0.58);
    }

    private static TableColumn<MetricRecord, String> column(String title, Function<MetricRecord, String> value, double width) {
        TableColumn<MetricRecord, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    /** Called by the UI clock; rebuilds the rows only when a newer event arrived, keeping the selection. */
    void show(List<MetricRecord> newestFirst) {
        String newest = newestFirst.isEmpty() ? null : newestFirst.get(0).eventId() + "/" + newestFirst.size();
        if (Objects.equals(newest, newestShown)) return;
        newestShown = newest;
        String keep = selected == null ? null : selected.eventId();
        rows.setAll(newestFirst.subList(0, Math.min(50, newestFirst.size())));
        if (keep != null) {
            for (int i = 0; i < rows.size(); i++) {
                if (keep.equals(rows.get(i).eventId())) {
                    table.getSelectionModel().select(i);
                    break;
                }
            }
        }
    }

    void showTimeline(MetricRecord r) {
        selected = r;
        timeline.getChildren().clear();
        Label head = new Label(r.eventType() + (r.detail() == null ? "" : "  " + r.detail()));
        head.getStyleClass().add("timeline-title");
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
            grid.addRow(row++, at, hop, new Label(p.label()));
        }
        Label id = new Label("event " + r.eventId());
        id.getStyleClass().add("hint");
        timeline.getChildren().addAll(sentence, grid, id);
    }
}
