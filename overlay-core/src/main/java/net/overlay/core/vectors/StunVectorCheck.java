package net.overlay.core.vectors;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.overlay.core.proto.stun.StunAttribute;
import net.overlay.core.proto.stun.StunCodec;
import net.overlay.core.proto.stun.StunException;
import net.overlay.core.proto.stun.StunIntegrity;
import net.overlay.core.proto.stun.StunMessage;
import net.overlay.core.proto.wire.Bytes;

/**
 * Checks a STUN vector file (the format of {@code stun-rfc5769.txt}, see {@link StunVectorFile})
 * against our codec; {@code ./overlay vectors stun FILE} and the test suite call it.
 *
 * <p>For each vector: decode; verify FINGERPRINT when present; for names that say which RFC 5769
 * section they are, verify MESSAGE-INTEGRITY with that section's credentials and compare the
 * values the RFC states ({@link Rfc5769Samples}); re-encode the decoded message and compare with
 * the original bytes. RFC 5769 2.1-2.3 pad USERNAME and SOFTWARE with spaces where we pad with
 * zeros (RFC 5389 15 allowed any padding value; RFC 8489 14 says send zeros and ignore what
 * arrives): a re-encoding that differs only in padding bytes counts as a match and the line says
 * so. The padding is covered by MESSAGE-INTEGRITY and FINGERPRINT, which is why both are verified
 * on the original bytes.
 */
public final class StunVectorCheck {
    private StunVectorCheck() {}

    /** One vector's verdict and the line printed for it. */
    record Result(boolean matched, String line) {}

    /**
     * Prints one line per vector and a final "N of M matched"; returns 0 when all matched (and
     * there was at least one), 1 otherwise.
     *
     * @throws IOException when the file is missing or unreadable
     */
    public static int run(Path file, PrintStream out) throws IOException {
        List<StunVectorFile.Entry> entries = StunVectorFile.parse(readLines(file));
        int matched = 0;
        for (StunVectorFile.Entry entry : entries) {
            Result r = check(entry);
            out.println(r.line());
            matched += r.matched() ? 1 : 0;
        }
        out.println(matched + " of " + entries.size() + " matched"
                + (entries.isEmpty() ? " (no vectors in file)" : ""));
        return !entries.isEmpty() && matched == entries.size() ? 0 : 1;
    }

    /** The file's lines, or an IOException whose message alone says what went wrong. */
    private static List<String> readLines(Path file) throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String why = switch (e) {
                case NoSuchFileException n -> "no such file";
                case AccessDeniedException a -> "permission denied";
                case CharacterCodingException c -> "not UTF-8 text";
                default -> e.toString();
            };
            throw new IOException("cannot read STUN vector file " + file + ": " + why, e);
        }
    }

    static Result check(StunVectorFile.Entry entry) {
        return switch (entry) {
            case StunVectorFile.Entry.Malformed m -> fail(m.name(), m.reason());
            case StunVectorFile.Entry.Vector v -> checkVector(v.name(), v.message().toArray());
        };
    }

    private static Result checkVector(String name, byte[] bytes) {
        StunMessage message;
        try {
            message = StunCodec.decode(bytes, 0, bytes.length);
        } catch (StunException e) {
            return fail(name, "does not decode: " + e.getMessage());
        }
        List<String> notes = new ArrayList<>();
        switch (StunIntegrity.checkFingerprint(bytes, 0, bytes.length)) {
            case VALID -> notes.add("fingerprint ok");
            case ABSENT -> notes.add("no fingerprint");
            case INVALID -> {
                return fail(name, "FINGERPRINT does not match");
            }
        }
        Optional<Rfc5769Samples.Sample> sample = Rfc5769Samples.forName(name);
        if (sample.isEmpty()) {
            notes.add("integrity not checked: no credentials known");
        } else {
            Optional<String> problem = checkSample(sample.get(), message, bytes);
            if (problem.isPresent()) {
                return fail(name, problem.get());
            }
            notes.add("integrity ok (" + sample.get().credentials() + ")");
            notes.add(sample.get().values().size() + " values as RFC 5769 " + sample.get().section() + " states");
        }
        Optional<String> reencoding = compareReencoding(message, bytes);
        if (reencoding.isEmpty()) {
            return fail(name, "re-encoding differs beyond padding");
        }
        notes.add(reencoding.get());
        return new Result(true, "OK    " + name + ": " + String.join(", ", notes));
    }

    private static Optional<String> checkSample(Rfc5769Samples.Sample sample, StunMessage message, byte[] bytes) {
        if (message.messageClass() != sample.messageClass()) {
            return Optional.of("class " + message.messageClass() + ", RFC 5769 says " + sample.messageClass());
        }
        if (!message.transactionId().equals(sample.transactionId())) {
            return Optional.of("transaction id " + message.transactionId() + ", RFC says " + sample.transactionId());
        }
        StunIntegrity.Check integrity = StunIntegrity.checkIntegrity(bytes, 0, bytes.length, sample.key());
        if (integrity != StunIntegrity.Check.VALID) {
            return Optional.of("MESSAGE-INTEGRITY " + integrity + " with " + sample.credentials());
        }
        for (StunAttribute expected : sample.values()) {
            Optional<? extends StunAttribute> found = message.find(expected.getClass());
            if (!found.equals(Optional.of(expected))) {
                return Optional.of("expected " + expected + ", found " + found.map(Object::toString).orElse("none"));
            }
        }
        return Optional.empty();
    }

    /** Empty when the re-encoding differs in more than padding bytes; else what was seen. */
    private static Optional<String> compareReencoding(StunMessage message, byte[] original) {
        byte[] again = StunCodec.encode(message);
        if (Bytes.of(again).equals(Bytes.of(original))) {
            return Optional.of("re-encoded identically");
        }
        if (again.length != original.length) {
            return Optional.empty();
        }
        boolean[] padding = paddingMask(original);
        int differing = 0;
        for (int i = 0; i < original.length; i++) {
            if (again[i] != original[i]) {
                if (!padding[i]) {
                    return Optional.empty();
                }
                differing++;
            }
        }
        return Optional.of("re-encoded identically except " + differing + " padding byte(s)"
                + " (the original pads with non-zero bytes; we pad with zeros)");
    }

    /** Which bytes of a (decodable) message are attribute padding. */
    private static boolean[] paddingMask(byte[] msg) {
        boolean[] mask = new boolean[msg.length];
        for (int pos = 20; pos + 4 <= msg.length; ) {
            int valueLen = ((msg[pos + 2] & 0xFF) << 8) | (msg[pos + 3] & 0xFF);
            int valueEnd = pos + 4 + valueLen;
            int next = pos + 4 + ((valueLen + 3) & ~3);
            for (int i = valueEnd; i < next && i < msg.length; i++) {
                mask[i] = true;
            }
            pos = next;
        }
        return mask;
    }

    private static Result fail(String name, String reason) {
        return new Result(false, "FAIL  " + name + ": " + reason);
    }
}
