// SPDX-License-Identifier: MIT
package dev.meshscope.core.testing;

import dev.meshscope.core.GodotError;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcPeerConnection;
import dev.meshscope.core.WebRtcRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * In-process signalling between multiplayer peers that live on the test thread: each pair gets a connection
 * on both sides, the larger id offers (the Godot demo rule), and descriptions and trickled candidates are
 * handed straight to the other side from inside {@code poll()}.
 */
public final class Loopback {
    private Loopback() {}

    /** One side of a wired pair. */
    public record Side(WebRtcMultiplayerPeer peer, int id, WebRtcPeerConnection connection) {}

    /**
     * Creates a connection on each side for the pair (a, b), adds it to both peers, wires signalling and starts
     * the offer from the larger id. Returns the two connections {a's, b's}.
     */
    public static WebRtcPeerConnection[] wire(
            WebRtcRuntime rt, WebRtcMultiplayerPeer a, int idA, WebRtcMultiplayerPeer b, int idB) {
        WebRtcPeerConnection ca = new WebRtcPeerConnection(rt);
        WebRtcPeerConnection cb = new WebRtcPeerConnection(rt);
        check(a.addPeer(ca, idB), "addPeer on " + idA);
        check(b.addPeer(cb, idA), "addPeer on " + idB);
        link(ca, cb);
        link(cb, ca);
        check(idA > idB ? ca.createOffer() : cb.createOffer(), "createOffer");
        return new WebRtcPeerConnection[] {ca, cb};
    }

    /** Trickle signalling: {@code from}'s descriptions and candidates go to {@code to}. */
    public static void link(WebRtcPeerConnection from, WebRtcPeerConnection to) {
        from.addListener(new WebRtcPeerConnection.Listener() {
            @Override
            public void sessionDescriptionCreated(String type, String sdp) {
                from.setLocalDescription(type, sdp);
                check(to.setRemoteDescription(type, sdp), "setRemoteDescription(" + type + ")");
            }

            @Override
            public void iceCandidateCreated(String media, int index, String name) {
                check(to.addIceCandidate(media, index, name), "addIceCandidate");
            }
        });
    }

    /** Creates {@code ids.length} mesh peers and wires every pair. */
    public static List<WebRtcMultiplayerPeer> mesh(WebRtcRuntime rt, int... ids) {
        List<WebRtcMultiplayerPeer> peers = new ArrayList<>();
        for (int id : ids) {
            WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
            check(p.createMesh(id), "createMesh(" + id + ")");
            peers.add(p);
        }
        for (int i = 0; i < ids.length; i++) {
            for (int j = i + 1; j < ids.length; j++) {
                wire(rt, peers.get(i), ids[i], peers.get(j), ids[j]);
            }
        }
        return peers;
    }

    /** {@link #mesh}, then polls on this thread until every pair is connected (bounded). */
    public static List<WebRtcMultiplayerPeer> connectedMesh(WebRtcRuntime rt, int... ids) {
        List<WebRtcMultiplayerPeer> peers = mesh(rt, ids);
        Pump.until(ids.length + "-peer mesh connected", () -> fullyConnected(peers), pollAll(peers));
        return peers;
    }

    /** Polls every peer once. */
    public static Runnable pollAll(List<WebRtcMultiplayerPeer> peers) {
        return () -> {
            for (WebRtcMultiplayerPeer p : peers) {
                p.poll();
            }
        };
    }

    /** True when every peer has every other peer connected. */
    public static boolean fullyConnected(List<WebRtcMultiplayerPeer> peers) {
        for (WebRtcMultiplayerPeer p : peers) {
            if (p.getPeers().size() != peers.size() - 1) {
                return false;
            }
            for (var info : p.getPeers().values()) {
                if (!info.connected()) {
                    return false;
                }
            }
        }
        return true;
    }

    static void check(GodotError e, String what) {
        if (e != GodotError.OK) {
            throw new AssertionError(what + " returned " + e);
        }
    }
}
