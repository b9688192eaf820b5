package net.overlay.core.proto.noise;

import java.util.ArrayList;
import java.util.List;
import net.overlay.core.proto.crypto.Aead;
import net.overlay.core.proto.crypto.X25519;

/**
 * A handshake pattern, with any {@code pskN} modifiers applied (Noise rev. 34, sections 7 and 9):
 * the tokens each side's pre-message puts into the hash, and the token list of every message.
 * Messages alternate, the initiator sending the even-numbered ones (0, 2, ...).
 *
 * @param name the pattern as spelled in a protocol name, e.g. {@code IK} or {@code XXpsk3}
 * @param initiatorPreMessage tokens the responder knows about the initiator in advance
 * @param responderPreMessage tokens the initiator knows about the responder in advance
 * @param messages the token list of each handshake message, in order
 * @param oneWay whether this is one of the one-way patterns (N, K, X): a single message, after
 *     which only the initiator sends
 */
public record HandshakePattern(String name, List<Token> initiatorPreMessage,
                               List<Token> responderPreMessage, List<List<Token>> messages,
                               boolean oneWay) {
    private static final String PSK_MODIFIER = "psk";

    public HandshakePattern {
        initiatorPreMessage = List.copyOf(initiatorPreMessage);
        responderPreMessage = List.copyOf(responderPreMessage);
        messages = messages.stream().map(List::copyOf).toList();
    }

    /**
     * Parses a pattern name with optional modifiers: {@code XX}, {@code NNpsk0},
     * {@code XXpsk0+psk3}.
     *
     * @throws IllegalArgumentException naming the unknown pattern or unsupported modifier
     */
    public static HandshakePattern parse(String name) {
        int split = 0;
        while (split < name.length() && !Character.isLowerCase(name.charAt(split))) {
            split++;
        }
        String base = name.substring(0, split);
        String[] lines = PatternTable.PATTERNS.get(base);
        if (lines == null) {
            throw new IllegalArgumentException("unknown handshake pattern '" + base + "'");
        }
        List<Token> initPre = new ArrayList<>();
        List<Token> respPre = new ArrayList<>();
        List<List<Token>> messages = new ArrayList<>();
        parseLines(base, lines, initPre, respPre, messages);
        if (split < name.length()) {
            for (String modifier : name.substring(split).split("\\+", -1)) {
                applyModifier(name, modifier, messages);
            }
        }
        return new HandshakePattern(name, initPre, respPre, messages, PatternTable.ONE_WAY.contains(base));
    }

    /** Whether any message carries a {@code psk} token: then {@code e} also mixes the key (9.2). */
    public boolean pskMode() {
        return messages.stream().anyMatch(m -> m.contains(Token.PSK));
    }

    /** How many pre-shared keys the pattern consumes. */
    public int pskCount() {
        return (int) messages.stream().flatMap(List::stream).filter(t -> t == Token.PSK).count();
    }

    /** The role that sends message {@code index}. */
    public static Role sender(int index) {
        return index % 2 == 0 ? Role.INITIATOR : Role.RESPONDER;
    }

    /** Whether {@code role} must hold a static key pair before the handshake starts. */
    public boolean needsLocalStatic(Role role) {
        if (preMessage(role).contains(Token.S)) {
            return true;
        }
        for (int i = 0; i < messages.size(); i++) {
            if (sender(i) == role && messages.get(i).contains(Token.S)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The exact length of message {@code index} carrying {@code payloadBytes}, so that a writer
     * can check the limit before allocating. {@code keyed}: whether a cipher key is set before it.
     */
    public int messageBytes(int index, boolean keyed, int payloadBytes) {
        boolean hasKey = keyed;
        int size = 0;
        for (Token token : messages.get(index)) {
            switch (token) {
                case E -> {
                    size += X25519.KEY_BYTES;
                    hasKey |= pskMode();
                }
                case S -> size += X25519.KEY_BYTES + (hasKey ? Aead.TAG_BYTES : 0);
                default -> hasKey = true;
            }
        }
        return size + payloadBytes + (hasKey ? Aead.TAG_BYTES : 0);
    }

    /** The pre-message tokens of {@code role}. */
    public List<Token> preMessage(Role role) {
        return role == Role.INITIATOR ? initiatorPreMessage : responderPreMessage;
    }

    private static void parseLines(String base, String[] lines, List<Token> initPre, List<Token> respPre,
                                   List<List<Token>> messages) {
        boolean pre = List.of(lines).contains("...");
        for (String line : lines) {
            if (line.equals("...")) {
                pre = false;
                continue;
            }
            boolean fromInitiator = line.startsWith("->");
            List<Token> tokens = new ArrayList<>();
            for (String t : line.substring(2).split(",")) {
                Token token = Token.parse(t.strip());
                if (token == null) {
                    throw new IllegalStateException("bad token '" + t + "' in pattern table for " + base);
                }
                tokens.add(token);
            }
            if (pre) {
                (fromInitiator ? initPre : respPre).addAll(tokens);
            } else {
                if (fromInitiator != (sender(messages.size()) == Role.INITIATOR)) {
                    throw new IllegalStateException("pattern table for " + base + " does not alternate");
                }
                messages.add(tokens);
            }
        }
    }

    // Section 9.2: psk0 puts a psk token at the start of the first message, pskN (N >= 1) at the
    // end of the N-th message.
    private static void applyModifier(String name, String modifier, List<List<Token>> messages) {
        if (!modifier.startsWith(PSK_MODIFIER) || modifier.length() != PSK_MODIFIER.length() + 1
                || !Character.isDigit(modifier.charAt(PSK_MODIFIER.length()))) {
            throw new IllegalArgumentException(
                    "unsupported pattern modifier '" + modifier + "' in '" + name + "' (only pskN)");
        }
        int position = modifier.charAt(PSK_MODIFIER.length()) - '0';
        if (position == 0) {
            messages.getFirst().addFirst(Token.PSK);
        } else if (position <= messages.size()) {
            messages.get(position - 1).addLast(Token.PSK);
        } else {
            throw new IllegalArgumentException("modifier '" + modifier + "' in '" + name
                    + "' is past the pattern's " + messages.size() + " messages");
        }
    }
}
