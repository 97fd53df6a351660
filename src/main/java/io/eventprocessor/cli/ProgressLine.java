package io.eventprocessor.cli;

import java.io.PrintWriter;

/**
 * A progress line for long work: redrawn in place on a terminal, printed every few seconds otherwise (logs, CI),
 * so both a person and a log reader can follow it.
 */
final class ProgressLine {
    private static final long PLAIN_INTERVAL_NANOS = 2_000_000_000L;

    private final PrintWriter out;
    private final boolean interactive;
    private long lastPlain;
    private int lastLength;

    ProgressLine(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    static boolean interactiveTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    void show(String text) {
        if (interactive) {
            String padded = text.length() < lastLength ? text + " ".repeat(lastLength - text.length()) : text;
            out.print("\r" + padded);
            lastLength = text.length();
            out.flush();
        } else if (System.nanoTime() - lastPlain > PLAIN_INTERVAL_NANOS) {
            out.println(text);
            out.flush();
            lastPlain = System.nanoTime();
        }
    }

    /** Ends the line: the last state stays visible. */
    void finish(String text) {
        if (interactive) {
            show(text);
            out.println();
        } else {
            out.println(text);
        }
        out.flush();
        lastLength = 0;
    }
}
