package io.eventprocessor.measure;

/** Processed events whose T5 fell in one epoch second: one point of the throughput-over-time chart. */
public record ThroughputPoint(long epochSecond, long events) {}
