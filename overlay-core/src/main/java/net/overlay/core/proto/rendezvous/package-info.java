/**
 * The rendezvous's protocol logic: admitting peers, the registry of devices, brokering connections
 * (grant check, relay allocation, tickets, offers and answers). Sans-IO; hosted by the rendezvous
 * state machine, which the cluster nodes and the simulator run.
 */
package net.overlay.core.proto.rendezvous;
