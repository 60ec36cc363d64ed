// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link WebRtcPeerConnection#initialize} takes: Godot's configuration dictionary as a record.
 *
 * @param iceServers     STUN/TURN servers; none by default (host candidates only)
 * @param enableIceTcp   whether to gather TCP candidates (Godot native's {@code libdatachannel.enableIceTcp});
 *                       off by default: each connection then costs ~31 file descriptors, and a 32-peer mesh
 *                       exhausts the descriptor limit
 * @param portRangeBegin lowest local UDP port, or 0 for any
 * @param portRangeEnd   highest local UDP port, or 0 for any
 * @param iceTransportPolicy which candidates ICE may use; {@link IceTransportPolicy#RELAY} needs a TURN server
 */
public record RtcConfiguration(
        List<IceServer> iceServers,
        boolean enableIceTcp,
        int portRangeBegin,
        int portRangeEnd,
        IceTransportPolicy iceTransportPolicy) {

    /** No ICE servers, no TCP candidates, any port, every candidate type. */
    public static final RtcConfiguration DEFAULT = new RtcConfiguration(List.of(), false, 0, 0, IceTransportPolicy.ALL);

    /** Copies the server list. */
    public RtcConfiguration {
        iceServers = List.copyOf(iceServers);
        Objects.requireNonNull(iceTransportPolicy, "iceTransportPolicy");
    }

    /** The default configuration with these ICE servers. */
    public static RtcConfiguration withServers(List<IceServer> servers) {
        return new RtcConfiguration(servers, false, 0, 0, IceTransportPolicy.ALL);
    }

    /** The default configuration with these ICE servers and this transport policy. */
    public static RtcConfiguration withServers(List<IceServer> servers, IceTransportPolicy policy) {
        return new RtcConfiguration(servers, false, 0, 0, policy);
    }

    /** Whether some server entry has a {@code turn:} or {@code turns:} url. */
    public boolean hasTurnServer() {
        return iceServers.stream().anyMatch(IceServer::isTurn);
    }

    /**
     * Why this configuration cannot be used, or {@code null}. Native Godot returns FAILED for a missing or bad
     * {@code urls}; the reason here says which entry and what to write instead.
     */
    public @Nullable String problem() {
        for (int i = 0; i < iceServers.size(); i++) {
            String p = iceServers.get(i).problem();
            if (p != null) {
                return "ICE server " + (i + 1) + ": " + p;
            }
        }
        if (portRangeBegin < 0 || portRangeEnd > 65535 || portRangeBegin > portRangeEnd && portRangeEnd != 0) {
            return "The port range " + portRangeBegin + "-" + portRangeEnd
                    + " is not a range of UDP ports (0-65535, begin <= end).";
        }
        if (iceTransportPolicy == IceTransportPolicy.RELAY && !hasTurnServer()) {
            return "Relay-only ICE needs a TURN server: add one (turn:HOST:PORT with a username and a credential) "
                    + "or allow every candidate type.";
        }
        return null;
    }

    /**
     * One STUN or TURN server, as Godot's {@code {"urls": ..., "username": ..., "credential": ...}}.
     *
     * @param urls       one or more {@code stun:}, {@code stuns:}, {@code turn:} or {@code turns:} urls
     * @param username   the TURN username, or ""
     * @param credential the TURN credential, or ""
     */
    public record IceServer(List<String> urls, String username, String credential) {
        /** Copies the urls; null username/credential become "". */
        public IceServer {
            urls = List.copyOf(urls);
            username = Objects.requireNonNullElse(username, "");
            credential = Objects.requireNonNullElse(credential, "");
        }

        /** Whether one of the urls is a {@code turn:} or {@code turns:} url. */
        public boolean isTurn() {
            return urls.stream().map(u -> u.toLowerCase(Locale.ROOT)).anyMatch(u -> u.startsWith("turn"));
        }

        /** Why this server entry is unusable, or {@code null}. */
        public @Nullable String problem() {
            if (urls.isEmpty()) {
                return "\"urls\" is required and empty; give at least one url such as stun:stun.example.org:3478.";
            }
            for (String u : urls) {
                String l = u.toLowerCase(Locale.ROOT);
                boolean turn = l.startsWith("turn:") || l.startsWith("turns:");
                if (!turn && !l.startsWith("stun:") && !l.startsWith("stuns:")) {
                    return "\"" + u
                            + "\" is not a STUN or TURN url; it must start with stun:, stuns:, turn: or turns:.";
                }
                if (l.indexOf(':') == l.length() - 1) {
                    return "\"" + u + "\" has no host after the scheme.";
                }
                if (turn && (username.isEmpty() || credential.isEmpty())) {
                    return "the TURN url \"" + u + "\" needs a username and a credential.";
                }
            }
            return null;
        }
    }
}
