package net.overlay.lab.testbed.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Pattern;
import net.overlay.lab.testbed.Cmd;
import net.overlay.lab.testbed.NsProcess;
import net.overlay.lab.testbed.TestbedAgents;
import net.overlay.lab.testbed.TestbedControl;
import net.overlay.lab.testbed.TestbedException;
import net.overlay.lab.testbed.Tools;

/** What the fault tests share: waiting for the n-th occurrence of a line, flushing conntrack, teardown. */
final class FaultSupport {
    private FaultSupport() {
    }

    /** How many lines of {@code p}'s output match {@code pattern}. */
    static long count(NsProcess p, Pattern pattern) {
        return p.output().lines().filter(l -> pattern.matcher(l).find()).count();
    }

    /**
     * Waits until {@code p} printed more than {@code already} lines matching {@code pattern};
     * returns the seconds it took. Fails with the output when the time runs out or {@code p} exits.
     */
    static double awaitMore(NsProcess p, Pattern pattern, long already, Duration timeout) {
        long startNs = System.nanoTime();
        while (count(p, pattern) <= already) {
            if (!p.isAlive() || System.nanoTime() - startNs > timeout.toNanos()) {
                throw new TestbedException(p + " printed no new /" + pattern + "/ within " + timeout.toSeconds()
                        + " s; its output:\n" + p.output());
            }
            sleepMs(100);
        }
        return (System.nanoTime() - startNs) / 1e9;
    }

    /** {@code conntrack -F} in namespace {@code ns}: every connection-tracking entry, NAT mappings included, goes. */
    static Tools.Result flushConntrack(String ns) {
        return Tools.tryRun(Cmd.in(ns, "conntrack", "-F"), Duration.ofSeconds(20));
    }

    static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestbedException("interrupted");
        }
    }

    /**
     * A fault test's teardown: the agents, then the echo service, then the testbed, which always
     * goes down (even when closing the processes failed) and must leave no namespace behind.
     */
    static void tearDown(String prefix, TestbedAgents agents, NsProcess echo) {
        try {
            if (agents != null) {
                agents.close();
            }
            if (echo != null) {
                echo.close();
            }
        } finally {
            if (prefix != null) {
                TestbedControl.down(prefix);
                assertThat(TestbedControl.namespaces(prefix)).as("namespaces left after down").isEmpty();
            }
        }
    }
}
