package net.overlay.lab.fuzz;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The catalogue of fuzz targets: a name for the command line, the class Jazzer drives, a line of
 * description, its seed inputs, and a way to run one input in this JVM (for replaying findings
 * without Jazzer). Adding a target is one line here plus its class.
 */
public final class FuzzTargets {

    /** One target. */
    public record Target(String name, Class<?> type, String description, Supplier<List<byte[]>> seeds,
            Consumer<byte[]> runOne) {}

    private static final List<Target> ALL = List.of(
            new Target("wire", WireTarget.class, "packet headers, frames and varints (docs/wire-format.md)",
                    WireTarget::seeds, WireTarget::fuzzerTestOneInput),
            new Target("stun", StunTarget.class, "STUN messages, integrity and fingerprint checks, re-encoding",
                    StunTarget::seeds, StunTarget::fuzzerTestOneInput),
            new Target("signal", SignalTarget.class, "signalling messages between agents and the rendezvous",
                    SignalTarget::seeds, SignalTarget::fuzzerTestOneInput),
            new Target("statement", StatementTarget.class, "signed certificates, tickets and grants",
                    StatementTarget::seeds, StatementTarget::fuzzerTestOneInput),
            new Target("noise", NoiseTarget.class, "a Noise IK responder reading a stranger's first message",
                    NoiseTarget::seeds, NoiseTarget::fuzzerTestOneInput),
            new Target("rendezvous", RendezvousTarget.class,
                    "a rendezvous node fed strangers' datagrams: no reflection, no amplification beyond 3x",
                    RendezvousTarget::seeds, RendezvousTarget::fuzzerTestOneInput),
            new Target("transport", TransportTarget.class,
                    "streams fed a hostile authenticated peer's packets: flow-control windows hold",
                    TransportTarget::seeds, TransportTarget::fuzzerTestOneInput));

    private FuzzTargets() {}

    public static List<Target> all() {
        return ALL;
    }

    public static Optional<Target> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Checks that every target class has the static entry point Jazzer looks for. */
    static MethodHandle entryPoint(Class<?> type) throws ReflectiveOperationException {
        return MethodHandles.publicLookup().findStatic(type, "fuzzerTestOneInput",
                MethodType.methodType(void.class, byte[].class));
    }
}
