// SPDX-License-Identifier: MIT
package dev.meshscope.app.bench.meshcore;

import dev.meshscope.core.GatheringState;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.WebRtcPeerConnection;
import dev.meshscope.core.event.MeshEvent;
import java.util.function.Consumer;

/**
 * In-process signalling from one mesh-core connection to another on the same owner thread, as the Godot
 * demo's signalling handlers do it: {@code session_description_created} calls {@code set_local_description}
 * and sends the description; candidates go as they are created (trickle), or the description goes once
 * gathering is complete, with every candidate in it (non-trickle).
 *
 * <p>Threads: the owner thread of both connections (listeners fire from their {@code poll()}).
 */
final class CoreLink {
    private final WebRtcPeerConnection from;
    private final WebRtcPeerConnection to;
    private final Consumer<String> onFailure;
    private String pendingType;
    private boolean gatheringComplete;
    private boolean sent;

    private CoreLink(WebRtcPeerConnection from, WebRtcPeerConnection to, Consumer<String> onFailure) {
        this.from = from;
        this.to = to;
        this.onFailure = onFailure;
    }

    /** Sends {@code from}'s descriptions (and, when trickling, its candidates) to {@code to}. Owner thread. */
    static void link(WebRtcPeerConnection from, WebRtcPeerConnection to, boolean trickle, Consumer<String> onFailure) {
        CoreLink link = new CoreLink(from, to, onFailure);
        if (trickle) {
            from.addListener(new WebRtcPeerConnection.Listener() {
                @Override
                public void sessionDescriptionCreated(String type, String sdp) {
                    link.check(from.setLocalDescription(type, sdp), "setLocalDescription");
                    link.check(to.setRemoteDescription(type, sdp), "setRemoteDescription(" + type + ")");
                }

                @Override
                public void iceCandidateCreated(String media, int index, String name) {
                    link.check(to.addIceCandidate(media, index, name), "addIceCandidate");
                }
            });
        } else {
            from.addListener(new WebRtcPeerConnection.Listener() {
                @Override
                public void sessionDescriptionCreated(String type, String sdp) {
                    link.check(from.setLocalDescription(type, sdp), "setLocalDescription");
                    link.pendingType = type;
                    link.sendComplete();
                }
            });
            from.addEventListener(e -> {
                if (e instanceof MeshEvent.GatheringStateChanged g && g.to() == GatheringState.COMPLETE) {
                    link.gatheringComplete = true;
                    link.sendComplete();
                }
            });
        }
    }

    private void sendComplete() {
        if (pendingType != null && gatheringComplete && !sent) {
            sent = true;
            check(to.setRemoteDescription(pendingType, from.getLocalDescription()),
                    "setRemoteDescription(" + pendingType + ", complete)");
        }
    }

    private void check(GodotError e, String what) {
        if (e != GodotError.OK) {
            onFailure.accept(what + " returned " + e + ": " + (to.getLastFailure() != null ? to.getLastFailure()
                    : from.getLastFailure()));
        }
    }
}
