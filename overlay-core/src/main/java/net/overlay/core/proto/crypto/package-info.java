/**
 * Cryptographic primitives the protocol is built from: AEAD ciphers with Noise's nonce layout,
 * hashes, Diffie-Hellman and signatures. Pure functions of their inputs; randomness (ephemeral keys)
 * is always passed in. Callers: the Noise handshake, identities, and the session transport.
 */
package net.overlay.core.proto.crypto;
