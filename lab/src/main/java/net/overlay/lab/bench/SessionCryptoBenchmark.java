package net.overlay.lab.bench;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.session.OpenStatus;
import net.overlay.core.proto.session.PacketOpener;
import net.overlay.core.proto.session.PacketSealer;
import net.overlay.core.proto.session.RekeyRequiredException;
import net.overlay.core.proto.session.SessionConfig;
import net.overlay.core.proto.session.SessionConstants;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One operation = one 1200-byte Transport datagram (14-byte header, {@value #PAYLOAD_BYTES}-byte
 * payload, 16-byte tag) sealed and then opened, on one thread.
 * <ul>
 *   <li>{@link #session}: through {@link PacketSealer} (header write, seal) and {@link PacketOpener}
 *       (header checks, replay screen, open, window update), with reused buffers;</li>
 *   <li>{@link #rawJdk}: the bare JDK {@link Cipher}, initialised with a fresh nonce for each
 *       encryption and decryption of the same payload with the same 14 bytes of associated data:
 *       the floor the session code is compared with.</li>
 * </ul>
 * Run by {@link CryptoBench}; JMH generates the harness from the annotations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SessionCryptoBenchmark {
    /** Bytes on the wire per datagram. */
    public static final int DATAGRAM_BYTES = 1200;
    /** Payload bytes per datagram: what the MB/s figures count. */
    public static final int PAYLOAD_BYTES = DATAGRAM_BYTES - SessionConstants.OVERHEAD_BYTES;

    @Param({"AES_GCM", "CHACHA_POLY"})
    public CipherSuite suite;

    private PacketSealer sealer;
    private PacketOpener opener;
    private final byte[] payload = new byte[PAYLOAD_BYTES];
    private final byte[] datagram = new byte[DATAGRAM_BYTES];
    private final byte[] plain = new byte[DATAGRAM_BYTES];

    private Cipher encryptor;
    private Cipher decryptor;
    private SecretKeySpec key;
    private final byte[] nonce = new byte[12];
    private final byte[] ad = new byte[SessionConstants.HEADER_BYTES];
    private long counter;

    @Setup
    public void setUp() throws GeneralSecurityException {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) 0x42);
        Arrays.fill(payload, (byte) 0x17);
        sealer = new PacketSealer(suite, k, 7, SessionConfig.DEFAULT);
        opener = new PacketOpener(suite, k, 7, SessionConfig.DEFAULT);
        boolean gcm = suite == CipherSuite.AES_GCM;
        key = new SecretKeySpec(k, gcm ? "AES" : "ChaCha20");
        encryptor = Cipher.getInstance(gcm ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305");
        decryptor = Cipher.getInstance(gcm ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305");
    }

    @Benchmark
    public int session() throws RekeyRequiredException {
        int len = sealer.seal(payload, 0, PAYLOAD_BYTES, datagram, 0);
        if (opener.open(datagram, 0, len, plain, 0) != OpenStatus.ACCEPTED) {
            throw new IllegalStateException("a datagram the benchmark sealed did not open");
        }
        return opener.lastPlaintextBytes();
    }

    @Benchmark
    public int rawJdk() throws GeneralSecurityException {
        long n = counter++;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (n >>> (56 - 8 * i));
        }
        encryptor.init(Cipher.ENCRYPT_MODE, key, spec());
        encryptor.updateAAD(ad);
        int sealed = encryptor.doFinal(payload, 0, PAYLOAD_BYTES, datagram, SessionConstants.HEADER_BYTES);
        decryptor.init(Cipher.DECRYPT_MODE, key, spec());
        decryptor.updateAAD(ad);
        return decryptor.doFinal(datagram, SessionConstants.HEADER_BYTES, sealed, plain, 0);
    }

    private AlgorithmParameterSpec spec() {
        return suite == CipherSuite.AES_GCM ? new GCMParameterSpec(128, nonce) : new IvParameterSpec(nonce);
    }
}
