package net.overlay.lab.scale;

import static net.overlay.lab.scale.ScaleOutput.fmt;

import java.util.ArrayList;
import java.util.List;
import net.overlay.sim.device.ConnectRecord;
import net.overlay.sim.device.DeviceSimResult;

/**
 * The scale report's reading: the largest size's figures, how time and heap per device grow with
 * the size, the connection outcomes, and the linear extrapolation to a million devices, labelled as
 * such. Called by {@link ScaleOutput}.
 */
final class ScaleReading {
    static final int MILLION = 1_000_000;

    private ScaleReading() {}

    static List<String> paragraphs(ScaleSettings s, List<SizeRun.Measured> runs, long maxHeapBytes) {
        List<String> out = new ArrayList<>();
        SizeRun.Measured small = runs.stream().min((a, b) -> Long.compare(devices(a), devices(b))).orElseThrow();
        SizeRun.Measured big = runs.stream().max((a, b) -> Long.compare(devices(a), devices(b))).orElseThrow();
        out.add(fmt("Largest size, %,d devices and %,d connects for %.1f simulated minutes: %.1f s of wall time, "
                + "%.1f s of CPU time, %,d events (%,.0f per wall second, %,.0f per CPU second), peak heap %,.0f MB, "
                + "%,.0f B of live heap per device (rendezvous %,.0f, device machines %,.0f, NATs %,.0f).",
                devices(big), big.result().connects().size(), s.minutes(), big.wallNs() / 1e9, big.cpuNs() / 1e9,
                big.result().engine().events(), big.result().engine().events() / (big.wallNs() / 1e9),
                perCpuSecond(big), big.peakHeapBytes() / 1e6, heapPerDevice(big), part(big, 0), part(big, 3),
                part(big, 2)));
        if (small != big) {
            out.add(fmt("From %,d to %,d devices (%.0f times as many) the CPU time per device went from %.2f to %.2f ms "
                    + "and the live heap per device from %,.0f to %,.0f B: %s", devices(small), devices(big),
                    (double) devices(big) / devices(small), cpuMsPerDevice(small), cpuMsPerDevice(big),
                    heapPerDevice(small), heapPerDevice(big), growth(small, big)));
        }
        List<SizeRun.Measured> bySize = runs.stream().sorted((a, b) -> Long.compare(devices(a), devices(b))).toList();
        if (bySize.size() >= 3) {
            SizeRun.Measured next = bySize.get(bySize.size() - 2);
            out.add(fmt("Between the two largest sizes, %,d and %,d devices, the CPU time per device went from %.2f to "
                    + "%.2f ms and the live heap per device from %,.0f to %,.0f B: the growth there is the one to "
                    + "extrapolate from.", devices(next), devices(big), cpuMsPerDevice(next), cpuMsPerDevice(big),
                    heapPerDevice(next), heapPerDevice(big)));
        }
        out.add(outcomes(runs));
        out.add(extrapolation(s, big, maxHeapBytes));
        return out;
    }

    private static String growth(SizeRun.Measured small, SizeRun.Measured big) {
        double cpu = cpuMsPerDevice(big) / cpuMsPerDevice(small);
        double heap = heapPerDevice(big) / heapPerDevice(small);
        String whole;
        if (Math.max(cpu, heap) > 1.25) whole = "faster than linearly with the number of devices";
        else if (Math.min(cpu, heap) >= 0.8) whole = "about linearly with the number of devices";
        else whole = "less than linearly with the number of devices at these sizes";
        return fmt("per-device cost %s in CPU (ratio %.2f) and %s in memory (ratio %.2f), i.e. the whole run grows "
                + "%s. Small sizes carry fixed costs (JIT warm-up, the actor system, "
                + "the rendezvous nodes), which make their per-device figures larger.",
                trend(cpu), cpu, trend(heap), heap, whole);
    }

    private static String trend(double ratio) {
        if (ratio < 0.8) return "fell";
        if (ratio > 1.25) return "rose";
        return "stayed about level";
    }

    private static String outcomes(List<SizeRun.Measured> runs) {
        StringBuilder sb = new StringBuilder("Connection outcomes per size (direct / relayed / failed): ");
        List<String> parts = new ArrayList<>();
        for (SizeRun.Measured m : runs) {
            DeviceSimResult r = m.result();
            parts.add(fmt("%,d devices %d / %d / %d (%d of %d registered)", devices(m),
                    r.count(ConnectRecord.Outcome.DIRECT), r.count(ConnectRecord.Outcome.RELAYED),
                    r.count(ConnectRecord.Outcome.FAILED), r.devicesRegistered(), r.devicesStarted()));
        }
        return sb.append(String.join("; ", parts)).append(". The share that goes direct depends on the NAT mix, "
                + "not on the size: the sizes draw from the same mix.").toString();
    }

    private static String extrapolation(ScaleSettings s, SizeRun.Measured big, long maxHeapBytes) {
        if (devices(big) >= MILLION) {
            return fmt("A million devices were run, not extrapolated: the largest size above is %,d devices. "
                    + "Issue #5's target (1M devices, 10 minutes, within 10 minutes and 8 GB) is judged in "
                    + "docs/simulator.md with the 10-minute benchmark.", devices(big));
        }
        double heapGb = heapPerDevice(big) * MILLION / 1e9;
        double cpuS = cpuMsPerDevice(big) * MILLION / 1e3;
        return fmt("Extrapolation to 1,000,000 devices (not measured: linear from the largest size, %,d devices, "
                + "assuming the per-device cost stays as measured there): about %.1f GB of live heap, against %.1f GB "
                + "this JVM may use (which holds about %,.0f devices at that rate), and about %,.0f s of CPU for "
                + "%.1f simulated minutes, about %,.0f s of wall time on two otherwise idle cores if both stay busy. "
                + "Issue #5's target (1M devices, 10 minutes, within 10 minutes and 8 GB) is judged in "
                + "docs/simulator.md with the 10-minute benchmark.", devices(big), heapGb, maxHeapBytes / 1e9,
                maxHeapBytes / Math.max(1, heapPerDevice(big)), cpuS, s.minutes(), cpuS / 2);
    }

    private static long devices(SizeRun.Measured m) {
        return m.result().devicesStarted();
    }

    private static double heapPerDevice(SizeRun.Measured m) {
        return (double) m.liveBytes() / devices(m);
    }

    private static double part(SizeRun.Measured m, int index) {
        return (double) m.splitBytes()[index] / devices(m);
    }

    private static double cpuMsPerDevice(SizeRun.Measured m) {
        return m.cpuNs() / 1e6 / devices(m);
    }

    private static double perCpuSecond(SizeRun.Measured m) {
        return m.cpuNs() == 0 ? Double.NaN : m.result().engine().events() / (m.cpuNs() / 1e9);
    }
}
