package net.overlay.core.proto.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

class ConnectionTicketTest {
    private static final long EXPIRY_MS = 1_750_000_060_000L;

    private final RandomSource random = RandomSource.seeded(11);
    private final Identity rendezvous = Identity.generate(random);
    private final Identity client = Identity.generate(random);
    private final DeviceId device = new DeviceId("nas");
    private final ConnectionTicket ticket = ConnectionTicket.issue(rendezvous, client.peerId(), device, "ssh",
            client.staticPublicKey(), EXPIRY_MS, random);

    @Test
    void roundTripsAndVerifiesForTheDeviceAndTheHandshakeKeyItNames() throws Exception {
        ConnectionTicket back = ConnectionTicket.decode(ticket.encode());
        assertThat(back).isEqualTo(ticket);
        assertThat(back.verify(rendezvous.peerId(), device, client.staticPublicKey(), EXPIRY_MS - 1))
                .isEqualTo(Verdict.OK);
    }

    @Test
    void expiresAtItsExpiry() {
        assertThat(ticket.verify(rendezvous.peerId(), device, EXPIRY_MS)).isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void anotherDeviceOrAnotherHandshakeKeyIsTheWrongSubject() {
        Identity thief = Identity.generate(RandomSource.seeded(12));
        assertThat(ticket.verify(rendezvous.peerId(), new DeviceId("printer"), EXPIRY_MS - 1))
                .isEqualTo(Verdict.WRONG_SUBJECT);
        assertThat(ticket.verify(rendezvous.peerId(), device, thief.staticPublicKey(), EXPIRY_MS - 1))
                .isEqualTo(Verdict.WRONG_SUBJECT);
    }

    @Test
    void aTicketSignedByAnyoneButTheRendezvousIsRefused() {
        ConnectionTicket selfMade = ConnectionTicket.issue(client, client.peerId(), device, "ssh",
                client.staticPublicKey(), EXPIRY_MS, random);
        assertThat(selfMade.verify(rendezvous.peerId(), device, EXPIRY_MS - 1)).isEqualTo(Verdict.WRONG_ISSUER);
        ConnectionTicket relabelled = new ConnectionTicket(rendezvous.peerId(), selfMade.client(), selfMade.device(),
                selfMade.service(), selfMade.clientStaticKey(), selfMade.notAfterMs(), selfMade.nonce(),
                selfMade.signature());
        assertThat(relabelled.verify(rendezvous.peerId(), device, EXPIRY_MS - 1)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void twoTicketsForTheSameRequestCarryDifferentNonces() {
        ConnectionTicket again = ConnectionTicket.issue(rendezvous, client.peerId(), device, "ssh",
                client.staticPublicKey(), EXPIRY_MS, random);
        assertThat(again.nonce()).isNotEqualTo(ticket.nonce());
    }

    @Test
    void serviceNamesFollowTheNameRule() {
        assertThatThrownBy(() -> ConnectionTicket.issue(rendezvous, client.peerId(), device, "SSH ",
                client.staticPublicKey(), EXPIRY_MS, random)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[a-z0-9._-]");
    }
}
