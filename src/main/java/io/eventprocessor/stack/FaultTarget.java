package io.eventprocessor.stack;

import java.time.Duration;

/** A stack that faults can be injected into: the embedded stack itself ({@link LocalStack}) or its control channel ({@link StackControl}). */
public interface FaultTarget {
    /** Injects a fault done by the stack ({@link Fault#byStack()}); returns once it has taken effect. */
    Injection inject(Fault fault, Duration down) throws Exception;

    /** The supervised parts and the latest events. */
    StackStatus status() throws Exception;
}
