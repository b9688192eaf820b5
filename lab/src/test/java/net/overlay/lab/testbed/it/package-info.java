/**
 * Issue #7's integration tests on the namespace testbed: the real agents as separate processes
 * across real nftables NATs, with nginx, sshd, curl, ssh, wrk, nmap and tcpdump run inside the
 * namespaces. Root only; each class builds its own testbed under a fresh prefix and always tears it
 * down. Run by Maven's test phase (and so by {@code .ci/run}, which runs as root).
 */
package net.overlay.lab.testbed.it;
