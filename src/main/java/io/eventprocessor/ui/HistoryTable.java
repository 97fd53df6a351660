package io.eventprocessor.ui;

import io.eventprocessor.measure.Throughput;
import io.eventprocessor.ui.model.DashboardModel;
import io.eventprocessor.ui.model.Format;
import io.eventprocessor.ui.model.RunSummary;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Every finished scenario side by side: "10 vs 1,000 vs 10,000" at a glance. */
public final class HistoryTable extends TableView<RunSummary> {
    public HistoryTable(DashboardModel model) {
        setId("run-history");
        setItems(model.history());
        setPlaceholder(new Label("Finished runs are listed here."));
        add("#", s -> Integer.toString(s.number()));
        add("Scenario", RunSummary::scenario);
        add("Events", s -> Format.count(s.processed()) + " / " + Format.count(s.generated()));
        add("Duration", s -> Format.seconds(s.durationSeconds()));
        add("Throughput", s -> Format.rate(s.averageEps()) + " /s");
        add("P50", s -> Format.ms(s.p50Ms()));
        add("P95", s -> Format.ms(s.p95Ms()));
        add("P99", s -> Format.ms(s.p99Ms()));
        add("Success", s -> String.format(Locale.US, "%.1f%%", s.successRate()));
        add("Integrity", s -> s.integrityMatch() ? "matched" : "MISMATCH");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    private void add(String title, Function<RunSummary, String> value) {
        TableColumn<RunSummary, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setSortable(false);
        getColumns().add(c);
    }
}
