package io.eventprocessor.ui.model;

import io.eventprocessor.contract.Stage;
import io.eventprocessor.stack.Connectivity;
import java.util.List;

/**
 * The pipeline at a glance, for one tick: each part with its health and its live figure, each hop between two parts
 * with its median latency and whether events are flowing through it now.
 *
 * @param live a run is going: node figures are rates and hop latencies are of the newest events
 */
public record PipelineFigures(List<Node> nodes, List<Hop> hops, boolean live) {

    public PipelineFigures {
        nodes = List.copyOf(nodes);
        hops = List.copyOf(hops);
    }

    /** Whether a part is usable, as the last health check found it. */
    public enum State {
        UNKNOWN, UP, DOWN
    }

    /**
     * @param where its address (host:port, slot, group)
     * @param problem what is wrong, when it is down
     */
    public record Node(Connectivity.Service service, State state, String where, String problem, Headline figure) {}

    /**
     * @param stage the stage this hop measures (the time from the part on its left to the part on its right)
     * @param latency its median, with what the median is of
     * @param flowing events are passing through it now
     */
    public record Hop(Stage stage, Headline latency, boolean flowing) {}

    public Node node(Connectivity.Service s) {
        return nodes.stream().filter(n -> n.service() == s).findFirst().orElseThrow();
    }
}
