package net.overlay.core.vectors;

import java.util.List;
import net.overlay.core.proto.wire.Bytes;

/**
 * One handshake of a cacophony-format vector file: both sides' configuration and the expected
 * messages. Optional keys are {@code null} when the file does not give them.
 *
 * @param index position in the file, from 0, for error messages
 * @param messages handshake messages first, then transport messages
 */
record NoiseVector(int index, String protocolName,
                   Bytes initPrologue, List<Bytes> initPsks, Bytes initStatic, Bytes initEphemeral,
                   Bytes initRemoteStatic,
                   Bytes respPrologue, List<Bytes> respPsks, Bytes respStatic, Bytes respEphemeral,
                   Bytes respRemoteStatic,
                   Bytes handshakeHash, List<Message> messages) {

    NoiseVector {
        initPsks = List.copyOf(initPsks);
        respPsks = List.copyOf(respPsks);
        messages = List.copyOf(messages);
    }

    /** One message: what the sender's application passed in, and the bytes on the wire. */
    record Message(Bytes payload, Bytes ciphertext) {}
}
