package net.overlay.lab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time spent by this JVM and by the forwarder processes of one path (with their children, live
 * or reaped), so a row can say how much CPU its bytes cost: a figure the other jobs sharing the
 * machine disturb much less than the throughput itself. Linux {@code /proc/PID/stat} for other
 * processes (utime, stime, cutime, cstime at 100 ticks per second, the usual USER_HZ); elsewhere
 * only this JVM is counted.
 *
 * <p>Threading: the caller's thread.
 */
final class CpuMeter {
    /** USER_HZ: the unit of /proc's times on every Linux architecture we run on. */
    private static final long NS_PER_TICK = 10_000_000L;

    private final List<ProcessHandle> external;

    CpuMeter(List<ProcessHandle> external) {
        this.external = List.copyOf(external);
    }

    /** CPU nanoseconds used so far by this JVM and the external processes with their descendants. */
    long cpuNs() {
        long ns = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle p : external) {
            all.add(p);
            p.descendants().forEach(all::add);
        }
        for (ProcessHandle p : all) {
            ns += ticks(p.pid()) * NS_PER_TICK;
        }
        return ns;
    }

    /** utime + stime + cutime + cstime of {@code pid}, or 0 when it is gone or /proc is not there. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces and parentheses: fields are counted after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the name: state is field 3 of proc(5), so utime (14) .. cstime (17) are f[11] .. f[14].
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
