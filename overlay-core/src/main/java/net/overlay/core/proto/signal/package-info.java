/**
 * Signalling: the messages devices, clients and rendezvous exchange to register, keep alive,
 * broker connections and synchronise punching, with their codec. Carried in Control frames of
 * Noise sessions and in handshake payloads. Used by the role state machines.
 */
package net.overlay.core.proto.signal;
