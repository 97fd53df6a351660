package io.eventprocessor.stack;

/**
 * One light of the health strip.
 *
 * @param address where the dashboard looked (host:port, group name)
 * @param problem what is wrong, readable; empty when ok
 */
public record Health(String service, String address, boolean ok, String problem) {
    public String describe() {
        return ok ? address : address + " - " + problem;
    }
}
