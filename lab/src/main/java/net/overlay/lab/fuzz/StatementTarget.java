package net.overlay.lab.fuzz;

import java.util.List;
import java.util.Set;
import net.overlay.core.proto.identity.ConnectionTicket;
import net.overlay.core.proto.identity.DeviceCertificate;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.MalformedStatementException;
import net.overlay.core.proto.identity.Role;
import net.overlay.core.spi.RandomSource;

/**
 * The signed statements a peer hands over (device certificates, connection tickets, grants): any
 * input ends in a statement or a {@link MalformedStatementException}, and a statement that decodes
 * from a mutated input never verifies under the issuer's key unless it is the original.
 */
public final class StatementTarget {
    private static final long NOW_MS = 1_750_000_000_000L;
    private static final Identity OWNER;
    private static final Identity USER;
    private static final DeviceId DEVICE = new DeviceId("camera-1");
    private static final byte[] GRANT;

    static {
        RandomSource random = RandomSource.seeded(7);
        OWNER = Identity.generate(random);
        USER = Identity.generate(random);
        GRANT = Grant.issue(OWNER, USER.peerId(), DEVICE, Set.of("http"), Role.USER, NOW_MS + 60_000, random).encode();
    }

    private StatementTarget() {}

    public static void fuzzerTestOneInput(byte[] data) {
        try {
            DeviceCertificate.decode(data);
        } catch (MalformedStatementException expected) {
            // refused: fine
        }
        try {
            ConnectionTicket.decode(data);
        } catch (MalformedStatementException expected) {
            // refused: fine
        }
        try {
            Grant g = Grant.decode(data);
            boolean verifies = g.verify(OWNER.peerId(), DEVICE, USER.peerId(), "http", NOW_MS).isOk();
            InvariantViolation.check(!verifies || java.util.Arrays.equals(g.encode(), GRANT),
                    "a grant other than the one the owner signed verifies");
        } catch (MalformedStatementException expected) {
            // refused: fine
        }
    }

    static List<byte[]> seeds() {
        RandomSource random = RandomSource.seeded(8);
        Identity device = Identity.generate(random);
        Identity rendezvous = Identity.generate(random);
        return List.of(GRANT,
                DeviceCertificate.issue(DEVICE, device, OWNER, 0, NOW_MS + 1000, 7).encode(),
                ConnectionTicket.issue(rendezvous, USER.peerId(), DEVICE, "http", USER.staticPublicKey(),
                        NOW_MS + 60_000, random).encode());
    }
}
