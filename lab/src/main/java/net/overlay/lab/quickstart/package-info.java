/**
 * The {@code quickstart} scenario, the README's main job: a small punch matrix and the keepalive
 * sweep in one run of well under a minute, on embedded defaults. Found by the scenario catalogue.
 */
package net.overlay.lab.quickstart;
