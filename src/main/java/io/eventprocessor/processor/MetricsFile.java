package io.eventprocessor.processor;

import io.eventprocessor.contract.MetricRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Appends metric records as JSON lines (METRICS_FILE); flushed once per poll. */
final class MetricsFile implements AutoCloseable {
    private final BufferedWriter out;

    MetricsFile(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open metrics file " + path, e);
        }
    }

    void append(List<MetricRecord> records) throws IOException {
        for (MetricRecord r : records) {
            out.write(r.toJsonLine());
            out.newLine();
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
