/**
 * The host contract of every protocol state machine: handle inputs with the time as an argument,
 * poll outputs in a fixed order. Implemented by the device, client, rendezvous and relay machines;
 * called by the real drivers, the simulator and the in-memory test network.
 */
package net.overlay.core.proto.host;
