package io.eventprocessor.ui;

import static io.eventprocessor.ui.DashboardViewTest.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventprocessor.contract.EventTiming;
import io.eventprocessor.contract.MetricRecord;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The recent-events table (headless, Monocle): newest first, its rows and their cells kept, the selection following its event. */
class EventsPaneTest {
    private final FxRobot robot = new FxRobot();
    private EventsPane pane;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void open() throws Exception {
        FxToolkit.setupStage(s -> {
            pane = new EventsPane(ZoneOffset.UTC);
            s.setScene(new Scene(pane, 900, 500));
            s.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Events e{from}..e{to-1}, newest (highest) first. */
    private static List<MetricRecord> events(int from, int to) {
        List<MetricRecord> list = new ArrayList<>();
        for (int i = to - 1; i >= from; i--) {
            EventTiming t = new EventTiming(1_000_000L * i, 1_000_000L * i + 4_000, 1_000_000L * i + 5_000, 1_000_000L * i + 6_000,
                    1_000_000L * i + 6_100, 1_000_000L * i + 12_000);
            list.add(new MetricRecord("e" + i, "UserCreated", "a" + i, MetricRecord.STATUS_PROCESSED, null, null, t, 0, i, "p", "user" + i));
        }
        return list;
    }

    private List<Node> rowCells() {
        return List.copyOf(pane.table.lookupAll(".table-row-cell"));
    }

    @Test
    void newEventsGoOnTopAndTheOldestBeyondTheRowsKeptGo() throws Exception {
        assertThat(fx(() -> pane.empty.isVisible())).isTrue();

        robot.interact(() -> pane.show(events(0, 30), 10_000));
        assertThat(fx(() -> pane.shown())).extracting(MetricRecord::eventId).startsWith("e29", "e28").hasSize(30).endsWith("e0");
        assertThat(fx(() -> pane.empty.isVisible())).isFalse();

        // Within a second of the last update nothing changes; a second later the 40 newer ones go on top.
        robot.interact(() -> pane.show(events(0, 70), 10_500));
        assertThat(fx(() -> pane.shown())).hasSize(30);
        robot.interact(() -> pane.show(events(0, 70), 11_000));
        assertThat(fx(() -> pane.shown())).extracting(MetricRecord::eventId)
                .containsExactlyElementsOf(IntStream.iterate(69, i -> i - 1).limit(EventsPane.ROWS).mapToObj(i -> "e" + i).toList());
        assertThat(fx(() -> pane.table.getItems().get(0).record().detail())).isEqualTo("user69");

        robot.interact(() -> pane.show(List.of(), 12_000));
        assertThat(fx(() -> pane.shown())).isEmpty();
        assertThat(fx(() -> pane.empty.isVisible())).isTrue();
    }

    @Test
    void anUpdateChangesTheRowsTextsNotTheTableItemsNorItsRowCells() throws Exception {
        AtomicInteger itemChanges = new AtomicInteger();
        robot.interact(() -> pane.table.getItems().addListener((ListChangeListener<EventsPane.Row>) c -> itemChanges.incrementAndGet()));
        List<Node> before = fx(this::rowCells);
        assertThat(before).hasSizeGreaterThan(5);

        robot.interact(() -> pane.show(events(0, 10), 10_000));
        robot.interact(() -> pane.show(events(0, 60), 11_000));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(itemChanges).hasValue(0);
        assertThat(fx(this::rowCells)).containsExactlyInAnyOrderElementsOf(before);
        assertThat(fx(() -> pane.table.lookupAll(".table-cell").stream().map(n -> ((TableCell<?, ?>) n).getText())
                .toList())).contains("user59", "12.0 ms");
    }

    @Test
    void theSelectedEventStaysSelectedAsNewerOnesPushItDown() throws Exception {
        robot.interact(() -> pane.show(events(0, 10), 10_000));
        robot.interact(() -> pane.table.getSelectionModel().select(2)); // e7
        Label sentence = fx(() -> (Label) pane.timeline.lookup("#timeline-sentence"));
        assertThat(sentence).isNotNull();

        robot.interact(() -> pane.show(events(0, 15), 11_000));
        assertThat(fx(() -> pane.table.getSelectionModel().getSelectedItem().record().eventId())).isEqualTo("e7");
        assertThat(fx(() -> pane.table.getSelectionModel().getSelectedIndex())).isEqualTo(7);
        assertThat(fx(() -> pane.timeline.lookup("#timeline-sentence"))).as("the timeline is not redrawn for the same event").isSameAs(sentence);

        // Pushed beyond the rows kept, it is no longer selected.
        robot.interact(() -> pane.show(events(0, 60), 12_000));
        assertThat(fx(() -> pane.table.getSelectionModel().getSelectedItem())).isNull();
    }
}
