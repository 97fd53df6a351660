package io.eventprocessor.ui.model;

import java.util.Locale;

/** What the dashboard is doing, as the health strip shows it. */
public enum RunStatus {
    /** Starting or attaching to the pipeline. */
    CONNECTING,
    /** Connected, no scenario running. */
    READY,
    RUNNING,
    COMPLETE,
    /** The last scenario was stopped before it sent everything. */
    STOPPED,
    ERROR;

    public String pseudoClass() {
        return name().toLowerCase(Locale.ROOT);
    }
}
