package io.eventprocessor.contract;

/** How a failure reads in one line, on a terminal or on the wall. */
public final class Messages {
    private Messages() {}

    /** The exception's message followed by the distinct messages of its causes. */
    public static String describe(Throwable e) {
        if (e == null) return "unknown error";
        StringBuilder s = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !s.toString().contains(c.getMessage())) s.append(": ").append(c.getMessage());
        }
        return s.toString();
    }
}
