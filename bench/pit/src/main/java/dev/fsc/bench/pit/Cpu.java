package dev.fsc.bench.pit;

import java.lang.management.ManagementFactory;

/** CPU time of this whole process (all threads, native ones included: DuckDB's workers run in-process). */
final class Cpu {
    private Cpu() {
    }

    /** Milliseconds spent in garbage collection so far, all collectors. */
    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
