// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.transport;

/**
 * One ICE candidate of a connection as the transport view lists it. Immutable.
 *
 * @param side     "local" or "remote"
 * @param type     host, srflx, prflx or relay
 * @param protocol udp or tcp
 * @param address  the IP address (or host name)
 * @param port     the port, or -1 when the report had none
 * @param selected whether it is one end of the selected candidate pair
 */
public record CandidateRow(String side, String type, String protocol, String address, long port, boolean selected) {
    /** Whether the candidate is a TURN relay allocation. */
    public boolean relay() {
        return "relay".equals(type);
    }

    /**
     * Reads mesh-core's candidate text ({@code "type protocol address:port"}, e.g. {@code "relay udp 10.77.0.1:5000"};
     * an IPv6 address keeps its colons, the port is after the last one).
     */
    public static CandidateRow parse(String side, String text, boolean selected) {
        String[] parts = text.trim().split("\\s+", 3);
        String type = parts.length > 0 ? parts[0] : "";
        String protocol = parts.length > 1 ? parts[1] : "";
        String where = parts.length > 2 ? parts[2] : "";
        int colon = where.lastIndexOf(':');
        long port = -1;
        String address = where;
        if (colon >= 0) {
            address = where.substring(0, colon);
            try {
                port = Long.parseLong(where.substring(colon + 1));
            } catch (NumberFormatException e) {
                address = where;
            }
        }
        return new CandidateRow(side, type, protocol, address, port, selected);
    }

    /** "relay udp 10.77.0.1:5000 (TURN relay)". */
    public String describe() {
        return type + " " + protocol + " " + address + ":" + (port < 0 ? "?" : port) + (relay() ? " (TURN relay)" : "");
    }
}
