package io.eventprocessor.measure;

import java.util.List;

/**
 * The outcome of waiting for a set of events to be processed or dead-lettered.
 *
 * @param expected how many distinct event ids were waited for
 * @param missing ids with no outcome when the wait ended, sorted (empty when complete)
 */
public record AwaitResult(int expected, List<String> missing) {
    public AwaitResult {
        missing = List.copyOf(missing);
    }

    public boolean complete() {
        return missing.isEmpty();
    }

    public int seen() {
        return expected - missing.size();
    }
}
