package io.eventprocessor.cli;

/** Exit codes every command shares. */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    /** Something went wrong while running. */
    public static final int FAILURE = 1;
    /** A service is unreachable or misconfigured, or the configuration is invalid: the message says what to fix. */
    public static final int CONFIG = 2;
    /** Work finished, but not all of it succeeded (events missing, integrity not matched). */
    public static final int INCOMPLETE = 3;
}
