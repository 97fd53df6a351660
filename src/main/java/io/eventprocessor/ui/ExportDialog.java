package io.eventprocessor.ui;

import io.eventprocessor.ui.model.DashboardModel;
import io.eventprocessor.ui.model.ExportRequest;
import io.eventprocessor.ui.model.RunSummary;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;

/**
 * File > Export report: where (the last folder used), under which name, and what beside the JSON report: the
 * self-contained HTML page, a PNG of the window as it was when the export was asked for, the comparison of the runs
 * ticked in the run history.
 */
final class ExportDialog extends Dialog<ExportRequest> {
    final TextField folder = new TextField();
    final TextField name = new TextField();
    final CheckBox html = new CheckBox("the HTML page (self-contained: opens offline, fits in an e-mail)");
    final CheckBox png = new CheckBox("a PNG of the window");
    final CheckBox compare = new CheckBox();
    final ValidationSupport validation = new ValidationSupport();
    private final BufferedImage picture;
    private final List<RunSummary> compared;

    ExportDialog(DashboardModel model, BufferedImage picture) {
        this.picture = picture;
        this.compared = List.copyOf(model.compared());
        setTitle("Export report");
        setHeaderText("The last run's report as JSON, and beside it:");
        folder.setId("export-folder");
        folder.setText(model.exportFolderProperty().get().toString());
        name.setId("export-name");
        name.setText(DashboardModel.exportName("demo_metrics"));
        html.setId("export-html");
        html.setSelected(true);
        png.setId("export-png");
        png.setSelected(picture != null);
        png.setDisable(picture == null);
        compare.setId("export-compare");
        compare.setText(compared.size() >= 2 ? "on the page, the " + compared.size() + " runs ticked in the run history, compared"
                : "on the page, a comparison (tick two or more runs in the run history first)");
        compare.setSelected(compared.size() >= 2);
        if (compared.size() < 2) compare.setDisable(true);
        else compare.disableProperty().bind(html.selectedProperty().not());
        Button choose = new Button("Choose...");
        choose.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Folder for the report");
            File start = Path.of(folder.getText()).toFile();
            if (start.isDirectory()) dc.setInitialDirectory(start);
            File f = dc.showDialog(getOwner());
            if (f != null) folder.setText(f.getAbsolutePath());
        });
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.setPadding(new Insets(12));
        g.addRow(0, new Label("Folder"), folder, choose);
        g.addRow(1, new Label("Name"), name, new Label(".json"));
        g.add(html, 1, 2, 2, 1);
        g.add(compare, 1, 3, 2, 1);
        g.add(png, 1, 4, 2, 1);
        GridPane.setHgrow(folder, Priority.ALWAYS);
        folder.setPrefColumnCount(36);
        getDialogPane().setContent(g);
        ButtonType export = new ButtonType("Export", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(export, ButtonType.CANCEL);
        validation.registerValidator(folder, true, Validator.<String>createPredicateValidator(ExportDialog::usableFolder,
                "A folder that exists or can be created"));
        validation.registerValidator(name, true, Validator.<String>createPredicateValidator(ExportDialog::usableName,
                "A file name without / or \\"));
        getDialogPane().lookupButton(export).disableProperty().bind(validation.invalidProperty());
        setResultConverter(b -> b == export ? request() : null);
    }

    /** The export as the fields say now. */
    ExportRequest request() {
        String base = name.getText().trim();
        if (base.endsWith(".json")) base = base.substring(0, base.length() - 5);
        return new ExportRequest(Path.of(folder.getText().trim()), base, html.isSelected(), png.isSelected() ? picture : null,
                html.isSelected() && compare.isSelected() ? compared : List.of());
    }

    static boolean usableFolder(String text) {
        if (text == null || text.isBlank()) return false;
        try {
            Path p = Path.of(text.trim()).toAbsolutePath();
            while (p != null && !Files.exists(p)) p = p.getParent();
            return p != null && Files.isDirectory(p) && Files.isWritable(p);
        } catch (RuntimeException e) {
            return false;
        }
    }

    static boolean usableName(String text) {
        return text != null && !text.isBlank() && !text.contains("/") && !text.contains("\\") && !text.trim().equals(".json");
    }
}
