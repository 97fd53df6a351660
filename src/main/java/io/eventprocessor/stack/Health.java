package io.eventprocessor.stack;

/**
 * One part of the pipeline, usable or not.
 *
 * @param address where it was looked for (host:port, slot or group name)
 * @param problem what is wrong and how to fix it; empty when ok
 */
public record Health(Connectivity.Service service, String address, boolean ok, String problem) {
    public String describe() {
        return service.label() + " at " + detail();
    }

    /** Where, and what is wrong when it is not ok: the line under the part's name on the health strip. */
    public String detail() {
        return ok ? address : address + ": " + problem;
    }
}
