// SPDX-License-Identifier: MIT
package dev.meshscope.core.sdp;

import java.util.Locale;
import java.util.Set;

/**
 * One ICE candidate attribute, checked field by field (RFC 8839 section 5.1). libwebrtc throws a
 * {@code java.lang.Error} on a garbage candidate and silently ignores one with a wrong mid, so candidates
 * are checked here before any native call.
 *
 * @param value     the attribute value, starting with "candidate:"
 * @param component the component id (1 for data channels)
 * @param transport "udp" or "tcp"
 * @param address   the connection address
 * @param port      the port
 * @param type      host, srflx, prflx or relay
 */
public record IceCandidate(String value, int component, String transport, String address, int port, String type) {

    private static final Set<String> TYPES = Set.of("host", "srflx", "prflx", "relay");

    /** Parses {@code candidate:...} or {@code a=candidate:...}; thread-safe. */
    public static IceCandidate parse(String text) throws SdpException {
        if (text == null || text.isBlank()) {
            throw new SdpException("The candidate is empty.");
        }
        String v = text.strip();
        if (v.startsWith("a=")) {
            v = v.substring(2);
        }
        if (!v.startsWith("candidate:")) {
            throw new SdpException(
                    "A candidate must start with \"candidate:\", this starts with \"" + SdpInfo.abbreviate(v) + "\".");
        }
        String[] f = v.substring("candidate:".length()).split(" ");
        if (f.length < 8 || !f[6].equals("typ")) {
            throw new SdpException(
                    "The candidate \"" + SdpInfo.abbreviate(v) + "\" is incomplete: it needs foundation, "
                            + "component, transport, priority, address, port, \"typ\" and a type.");
        }
        try {
            int component = Integer.parseInt(f[1]);
            Long.parseLong(f[3]);
            int port = Integer.parseInt(f[5]);
            String transport = f[2].toLowerCase(Locale.ROOT);
            if (component < 1 || component > 256 || port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            if (!transport.equals("udp") && !transport.equals("tcp")) {
                throw new SdpException("The candidate's transport is \"" + f[2] + "\"; only udp and tcp exist.");
            }
            if (!TYPES.contains(f[7])) {
                throw new SdpException(
                        "The candidate's type is \"" + f[7] + "\"; it must be host, srflx, prflx or relay.");
            }
            if (f[4].isEmpty()) {
                throw new NumberFormatException();
            }
            return new IceCandidate(v, component, transport, f[4], port, f[7]);
        } catch (NumberFormatException e) {
            throw new SdpException("The candidate \"" + SdpInfo.abbreviate(v) + "\" has a field that is not a valid "
                    + "number (component, priority or port).");
        }
    }

    /** "type transport address:port", as the event log shows it. */
    public String brief() {
        return type + " " + transport + " " + address + ":" + port;
    }
}
