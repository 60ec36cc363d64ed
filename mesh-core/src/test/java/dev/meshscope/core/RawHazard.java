// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSignalingState;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;

/**
 * Control experiments for {@link CrashHazardTest}: each mode does, on raw webrtc-java in a child JVM, what
 * mesh-core's guard prevents, to show that the hazard is real on this machine. Exit code 0 means it survived.
 */
public final class RawHazard {
    private RawHazard() {}

    /** {@code args[0]}: default-audio, duplicate-channel-id, dispose-factory-first, throwing-callback. */
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "default-audio" -> new PeerConnectionFactory();
            case "duplicate-channel-id" -> {
                PeerConnectionFactory f = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
                RTCPeerConnection pc = f.createPeerConnection(new RTCConfiguration(), c -> {});
                RTCDataChannelInit init = new RTCDataChannelInit();
                init.negotiated = true;
                init.id = 1;
                pc.createDataChannel("a", init);
                pc.createDataChannel("b", init);
            }
            case "dispose-factory-first" -> {
                PeerConnectionFactory f = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
                RTCPeerConnection pc = f.createPeerConnection(new RTCConfiguration(), c -> {});
                f.dispose();
                RTCSignalingState s = pc.getSignalingState();
                System.err.println("still alive, state " + s);
            }
            case "throwing-callback" -> {
                PeerConnectionFactory f = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
                RTCPeerConnection pc = f.createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
                    @Override
                    public void onIceCandidate(RTCIceCandidate candidate) {}

                    @Override
                    public void onSignalingChange(RTCSignalingState state) {
                        throw new IllegalStateException("thrown inside a webrtc-java callback");
                    }
                });
                RTCDataChannelInit init = new RTCDataChannelInit();
                init.negotiated = true;
                init.id = 1;
                pc.createDataChannel("a", init);
                pc.createOffer(
                        new dev.onvoid.webrtc.RTCOfferOptions(),
                        new dev.onvoid.webrtc.CreateSessionDescriptionObserver() {
                            @Override
                            public void onSuccess(dev.onvoid.webrtc.RTCSessionDescription d) {
                                pc.setLocalDescription(d, new dev.onvoid.webrtc.SetSessionDescriptionObserver() {
                                    @Override
                                    public void onSuccess() {}

                                    @Override
                                    public void onFailure(String error) {}
                                });
                            }

                            @Override
                            public void onFailure(String error) {}
                        });
                // The process dies when the signalling thread runs the throwing callback; this bounded wait only
                // keeps main alive until then (nothing counts the latch down).
                new java.util.concurrent.CountDownLatch(1).await(5, java.util.concurrent.TimeUnit.SECONDS);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }
}
