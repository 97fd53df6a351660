package io.eventprocessor.loadgen;

/** The order in which generated events are emitted. Both keep referential integrity in emission order. */
public enum EventOrder {
    /** All users, then all activities, then all participants, as a service that creates its users first would. */
    GROUPED,
    /**
     * The three types spread evenly over the run (a proportional merge), the way real traffic arrives. An activity
     * only names a creator emitted before it; a participant only names a user and an activity emitted before it.
     */
    INTERLEAVED
}
