package io.eventprocessor.loadgen;

/** Told after every committed batch; called on the sending thread, so it must be quick (a UI hands it over). */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (sent, total) -> {};

    void onProgress(int sent, int total);
}
