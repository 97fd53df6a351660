package io.eventprocessor.ui.model;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * What File > Export report writes: the last run's JSON report in {@code folder} as {@code baseName.json}, and when
 * asked the HTML page and a picture of the window beside it.
 *
 * @param picture the window as it was when the export was asked for; null for no PNG
 * @param compared runs to compare on the HTML page (two or more), else empty
 */
public record ExportRequest(Path folder, String baseName, boolean html, BufferedImage picture, List<RunSummary> compared) {
    public ExportRequest {
        compared = List.copyOf(compared);
    }

    public Path json() {
        return folder.resolve(baseName + ".json");
    }
}
