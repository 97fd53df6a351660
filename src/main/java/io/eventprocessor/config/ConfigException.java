package io.eventprocessor.config;

/** A configuration or connectivity problem a person can fix; its message says what and how. No stack trace is shown for it. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
