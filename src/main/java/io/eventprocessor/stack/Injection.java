package io.eventprocessor.stack;

import java.time.Duration;
import java.time.Instant;

/**
 * A fault that was injected.
 *
 * @param injectedAt when the fault took effect (the part stopped, the crash was triggered, the poison written)
 * @param duration how long the part was kept down on purpose
 * @param detail one sentence of what was done
 */
public record Injection(Fault fault, Instant injectedAt, Duration duration, String detail) {}
