package io.eventprocessor.ui.model;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** This process's CPU time so far, from the operating system's counter for the process (all its threads). */
public final class ProcessCpu {
    private ProcessCpu() {}

    /** Nanoseconds of CPU this process used so far; -1 where the platform does not say. */
    public static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) return os.getProcessCpuTime();
        return -1;
    }
}
