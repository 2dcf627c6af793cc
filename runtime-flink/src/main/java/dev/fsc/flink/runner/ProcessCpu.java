package dev.fsc.flink.runner;

import java.lang.management.ManagementFactory;

/**
 * CPU time this JVM has used, all threads. With a local MiniCluster the job's tasks run in this process, so a
 * job's CPU cost is the difference between two readings — a measure that other load on a shared machine does
 * not inflate the way it inflates wall-clock time.
 */
final class ProcessCpu {
    private ProcessCpu() {
    }

    /** Seconds of CPU used so far, or -1 where the JVM does not report it. */
    static double seconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? -1 : nanos / 1e9;
        }
        return -1;
    }
}
