package io.eventprocessor.loadgen;

/**
 * When one event was meant to go, went, and was committed; epoch microseconds.
 *
 * @param intendedMicros  PACED: start + i / rate; BURST: when its batch was handed to the database (a burst has
 *                        no schedule to fall behind)
 * @param sentMicros      when its batch was handed to the database; sent - intended = time queued in the sender
 * @param committedMicros when the commit of its batch returned; the row's created_at (T0) lies in [sent, committed]
 */
public record SendTiming(long intendedMicros, long sentMicros, long committedMicros) {}
