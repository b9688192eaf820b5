package net.overlay.core.testing;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.random.RandomGenerator;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.traversal.PunchConfig;
import net.overlay.core.proto.traversal.PunchPlan;
import net.overlay.core.proto.wire.Bytes;

/**
 * Executes a {@link PunchPlan} with bare datagrams, to check the planner's theory against the NAT
 * models without sessions or cryptography (tests, and the lab's planner-theory runs): primes at the start, then probe rounds; answers every
 * probe it hears on the socket it arrived on. {@link #heard()} says whether the peer got through.
 */
public final class BarePunchRunner implements DatagramMachine<String> {
    private final Bytes probe;
    private final Bytes answer;
    private final java.util.Set<InetSocketAddress> challenged = new java.util.HashSet<>();

    private final PunchPlan plan;
    private final PunchConfig config;
    private final RandomGenerator random;
    private final long startNs;
    private final ArrayDeque<Transmit> out = new ArrayDeque<>();
    private long nextRoundNs;
    private int round;
    private int randomSent;
    private long nextRandomNs;
    private boolean heard;
    private boolean answered;

    /**
     * @param name tags this side's packets, so that a probe that loops back to its sender (a host
     *     candidate with the same private address on another LAN reaches ourselves) counts for nothing
     */
    public BarePunchRunner(String name, PunchPlan plan, PunchConfig config, RandomGenerator random, long startNs) {
        this.probe = Bytes.of(("probe:" + name).getBytes());
        this.answer = Bytes.of(("answer:" + name).getBytes());
        this.plan = plan;
        this.config = config;
        this.random = random;
        this.startNs = startNs;
        this.nextRoundNs = plan.relayOnly() ? NO_DEADLINE : startNs;
        this.nextRandomNs = plan.randomProbes() > 0 ? startNs + config.probeIntervalNs() : NO_DEADLINE;
    }

    /** Whether a probe from the peer reached us. */
    public boolean heard() {
        return heard;
    }

    /** Whether the peer answered one of our probes: the path works both ways. */
    public boolean answered() {
        return answered;
    }

    @Override
    public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        String text = new String(buf, off, len);
        if (text.startsWith("probe:") && !Bytes.of(buf, off, len).equals(probe)) {
            heard = true;
            out.add(new Transmit(socket, from, answer, Transmit.DEFAULT_TTL));
            // As a session validates a peer's new address: challenge it back, once.
            if (challenged.add(from)) {
                out.add(new Transmit(socket, from, probe, Transmit.DEFAULT_TTL));
            }
        } else if (text.startsWith("answer:") && !Bytes.of(buf, off, len).equals(answer)) {
            answered = true;
        }
    }

    @Override
    public void handleTimeout(long nowNs) {
        if (nowNs >= nextRoundNs) {
            sendRound();
            round++;
            nextRoundNs = round < config.probeRounds() && !answered ? nowNs + config.probeIntervalNs() : NO_DEADLINE;
        }
        if (nowNs >= nextRandomNs) {
            // Guess a few ports per tick at the configured pace.
            long perTick = Math.max(1, config.birthdayProbesPerSecond() * config.probeIntervalNs() / 1_000_000_000L);
            for (int i = 0; i < perTick && randomSent < plan.randomProbes(); i++, randomSent++) {
                int port = config.birthdayPortLow()
                        + random.nextInt(config.birthdayPortHigh() - config.birthdayPortLow() + 1);
                out.add(new Transmit(0, new InetSocketAddress(plan.randomProbeAddress().getAddress(), port), probe,
                        Transmit.DEFAULT_TTL));
            }
            nextRandomNs = randomSent < plan.randomProbes() && !answered ? nowNs + config.probeIntervalNs() : NO_DEADLINE;
        }
    }

    private void sendRound() {
        for (int socket = 0; socket <= plan.extraSockets(); socket++) {
            for (InetSocketAddress t : socket == 0 ? plan.targets() : plan.targets().subList(0, 1)) {
                // Birthday sockets only ever prime (see Puncher): they must not reach the easy NAT first.
                if (round == 0 && plan.prime() || socket > 0) {
                    out.add(new Transmit(socket, t, probe, config.primeTtl()));
                } else {
                    out.add(new Transmit(socket, t, probe, Transmit.DEFAULT_TTL));
                }
            }
        }
    }

    @Override
    public Transmit pollTransmit() {
        return out.poll();
    }

    @Override
    public String pollEvent() {
        return null;
    }

    @Override
    public long pollTimeoutNs() {
        return Math.min(nextRoundNs, nextRandomNs);
    }
}
