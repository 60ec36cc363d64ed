// SPDX-License-Identifier: MIT
package dev.meshscope.bench.meshcore;

import dev.meshscope.core.GatheringState;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.WebRtcPeerConnection;
import dev.meshscope.core.event.MeshEvent;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * In-process signalling from one mesh-core connection to another, as the Godot
 * demo's signalling handlers do it: {@code session_description_created} calls {@code set_local_description}
 * and sends the description; candidates go as they are created (trickle), or the description goes once
 * gathering is complete, with every candidate in it (non-trickle).
 *
 * <p>Threads: listeners fire on {@code from}'s owner thread (from its {@code poll()}); every call on {@code to}
 * goes through {@code toOwner}, its owner thread (a direct executor when both share one).
 */
final class CoreLink {
    private final WebRtcPeerConnection from;
    private final WebRtcPeerConnection to;
    private final Executor toOwner;
    private final Consumer<String> onFailure;
    private String pendingType;
    private boolean gatheringComplete;
    private boolean sent;

    private CoreLink(WebRtcPeerConnection from, WebRtcPeerConnection to, Executor toOwner, Consumer<String> onFailure) {
        this.from = from;
        this.to = to;
        this.toOwner = toOwner;
        this.onFailure = onFailure;
    }

    /** Sends {@code from}'s descriptions (and, when trickling, its candidates) to {@code to}. Any thread. */
    static void link(
            WebRtcPeerConnection from,
            WebRtcPeerConnection to,
            Executor toOwner,
            boolean trickle,
            Consumer<String> onFailure) {
        CoreLink link = new CoreLink(from, to, toOwner, onFailure);
        if (trickle) {
            from.addListener(new WebRtcPeerConnection.Listener() {
                @Override
                public void sessionDescriptionCreated(String type, String sdp) {
                    link.check(from.setLocalDescription(type, sdp), from, "setLocalDescription");
                    link.toOwner.execute(() ->
                            link.check(to.setRemoteDescription(type, sdp), to, "setRemoteDescription(" + type + ")"));
                }

                @Override
                public void iceCandidateCreated(String media, int index, String name) {
                    link.toOwner.execute(
                            () -> link.check(to.addIceCandidate(media, index, name), to, "addIceCandidate"));
                }
            });
        } else {
            from.addListener(new WebRtcPeerConnection.Listener() {
                @Override
                public void sessionDescriptionCreated(String type, String sdp) {
                    link.check(from.setLocalDescription(type, sdp), from, "setLocalDescription");
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
            String type = pendingType;
            String complete = from.getLocalDescription();
            toOwner.execute(() ->
                    check(to.setRemoteDescription(type, complete), to, "setRemoteDescription(" + type + ", complete)"));
        }
    }

    private void check(GodotError e, WebRtcPeerConnection on, String what) {
        if (e != GodotError.OK) {
            onFailure.accept(what + " returned " + e + ": " + on.getLastFailure());
        }
    }
}
