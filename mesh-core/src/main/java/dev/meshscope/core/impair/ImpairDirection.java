// SPDX-License-Identifier: MIT
package dev.meshscope.core.impair;

/** Which packets of a link an impairment applies to, seen from this peer. */
public enum ImpairDirection {
    /** Packets this peer sends to the remote: held, delayed, dropped before they reach libwebrtc. */
    OUTBOUND,
    /** Packets that arrived from the remote: held, delayed, dropped before the application can read them. */
    INBOUND
}
