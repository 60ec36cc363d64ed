// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.core.GatheringState;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.MeshThread;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcPeerConnection;
import dev.meshscope.core.sdp.SdpException;
import dev.meshscope.core.testing.Pump;
import dev.meshscope.core.testing.RuntimeExtension;
import dev.meshscope.signaling.message.CandidatePayload;
import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.SignalJson;
import dev.meshscope.signaling.message.SignalMessage;
import dev.meshscope.signaling.session.LobbyNotice;
import dev.meshscope.signaling.session.LobbySession;
import dev.meshscope.signaling.session.SignalTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, reconnection: an offer that arrives while a reconnect is queued is answered, a negotiation that never
 * connects is started over, the reconnect budget is renewed once a link stayed up, and a forged offer with a
 * garbage SDP never replaces a connected link. Real webrtc-java peers throughout.
 */
@Tag("native")
class LobbyRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** A transport the test drives: it delivers what the test says and records what the session sends. */
    private static final class ScriptedTransport implements SignalTransport {
        volatile Sink sink;
        final LinkedBlockingQueue<SignalMessage> sent = new LinkedBlockingQueue<>();

        @Override
        public void start(Sink s) {
            sink = s;
        }

        @Override
        public void send(SignalMessage m) {
            sent.add(m);
        }

        @Override
        public void close() {}
    }

    /** Peer 2 of a mesh lobby on its own owner thread, driven through a {@link ScriptedTransport}. */
    private final class Scripted implements AutoCloseable {
        final MeshThread thread = new MeshThread("scripted-2", RT.get());
        final WebRtcMultiplayerPeer peer = new WebRtcMultiplayerPeer();
        final ScriptedTransport transport = new ScriptedTransport();
        final LobbySession session = new LobbySession(thread, RT.get(), peer, List.of(), transport);
        final ConcurrentLinkedQueue<LobbyNotice> notices = new ConcurrentLinkedQueue<>();

        Scripted(Duration negotiationTimeout) {
            thread.addPoller(peer::poll);
            session.addListener(new LobbySession.Listener() {
                @Override
                public void notice(LobbyNotice n) {
                    notices.add(n);
                }
            });
            session.setTimings(negotiationTimeout, LobbySession.STABLE_LINK);
            session.start();
            transport.sink.received(SignalMessage.of(MessageType.ID, 2, "true"));
        }

        boolean noticed(String fragment) {
            return notices.stream().anyMatch(n -> n.text().contains(fragment));
        }

        <T> T query(java.util.concurrent.Callable<T> c) {
            try {
                return thread.call(c).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() throws Exception {
            session.close();
            thread.call(() -> {
                        peer.close();
                        return null;
                    })
                    .get(10, TimeUnit.SECONDS);
            thread.close();
        }
    }

    private FolderPeer folderPeer(int id, Duration stableLink) {
        FolderPeer p = new FolderPeer(
                RT.get(), dir, id, NetworkMode.MESH, List.of(), LobbySession.NEGOTIATION_TIMEOUT, stableLink);
        open.add(p);
        return p;
    }

    @Test
    void anOfferArrivingWhileTheReconnectIsQueuedIsAnsweredAndConnects() throws Exception {
        Scripted two = new Scripted(LobbySession.NEGOTIATION_TIMEOUT);
        open.add(two);
        two.transport.sink.received(SignalMessage.of(MessageType.PEER_CONNECT, 3, ""));
        await("waits for 3's offer").atMost(WAIT).until(() -> two.query(() -> two.peer.hasPeer(3)));

        WebRtcMultiplayerPeer three = new WebRtcMultiplayerPeer();
        open.add(three::close);
        assertThat(three.createMesh(3)).isEqualTo(GodotError.OK);
        WebRtcPeerConnection to2 = new WebRtcPeerConnection(RT.get());
        assertThat(three.addPeer(to2, 2)).isEqualTo(GodotError.OK);
        assertThat(to2.createOffer()).isEqualTo(GodotError.OK);
        Pump.until("offer gathered", () -> to2.getGatheringState() == GatheringState.COMPLETE, three::poll);
        String offer = to2.getLocalDescription();

        // What a resumed (SIGSTOPped) peer meets, made deterministic on its owner thread: 3's new offer is already
        // queued when the old connection drops, so the drop's reconnect is queued behind the offer.
        two.query(() -> {
            two.transport.sink.received(SignalMessage.of(MessageType.OFFER, 3, offer));
            two.peer.removePeer(3);
            return null;
        });
        Pump.until(
                "the answer comes back",
                () -> {
                    SignalMessage m = two.transport.sent.poll();
                    while (m != null) {
                        apply(to2, m);
                        m = two.transport.sent.poll();
                    }
                    return to2.getSignalingState().name().equals("STABLE");
                },
                three::poll);
        Pump.until(
                "connected",
                () -> {
                    SignalMessage m = two.transport.sent.poll();
                    while (m != null) {
                        apply(to2, m);
                        m = two.transport.sent.poll();
                    }
                    return three.getPeer(2).connected()
                            && two.query(() -> two.peer.getPeer(3).connected());
                },
                three::poll);
        assertThat(two.noticed("offered while the new connection to it was still queued"))
                .isTrue();
        assertThat(two.noticed("Ignored an offer")).isFalse();
        await("the loss is still reported once the departure grace is over")
                .atMost(WAIT)
                .until(() -> two.noticed("was lost") && two.noticed("it offered a new one first"));
        assertThat(two.noticed("making a new one")).as("no second connection").isFalse();
    }

    private static void apply(WebRtcPeerConnection pc, SignalMessage m) {
        if (m.knownType() == MessageType.ANSWER) {
            assertThat(pc.setRemoteDescription("answer", m.data())).isEqualTo(GodotError.OK);
        } else if (m.knownType() == MessageType.CANDIDATE) {
            try {
                CandidatePayload c = CandidatePayload.parse(m.data());
                pc.addIceCandidate(c.mid(), c.index(), c.candidate());
            } catch (SdpException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aNegotiationThatNeverConnectsIsStartedOver() throws Exception {
        Scripted two = new Scripted(Duration.ofMillis(800));
        open.add(two);
        two.transport.sink.received(SignalMessage.of(MessageType.PEER_CONNECT, 3, ""));
        await("started over")
                .atMost(WAIT)
                .until(() -> two.noticed("has not connected after 800 ms") && two.noticed("making a new one (1 of 3)"));
        await("with a new connection").atMost(WAIT).until(() -> two.query(() -> two.peer.hasPeer(3)));
    }

    @Test
    void aLinkThatConnectsIsNotStartedOver() {
        FolderPeer a = new FolderPeer(
                RT.get(), dir, 2, NetworkMode.MESH, List.of(), Duration.ofMillis(800), LobbySession.STABLE_LINK);
        open.add(a);
        FolderPeer b = new FolderPeer(
                RT.get(), dir, 3, NetworkMode.MESH, List.of(), Duration.ofMillis(800), LobbySession.STABLE_LINK);
        open.add(b);
        await("pair")
                .atMost(WAIT)
                .until(() -> a.connected().equals(Set.of(3)) && b.connected().equals(Set.of(2)));
        await("stays")
                .during(Duration.ofMillis(2000))
                .atMost(WAIT)
                .until(() -> a.connected().equals(Set.of(3)));
        assertThat(a.noticed("starting it over")).isFalse();
        assertThat(b.noticed("starting it over")).isFalse();
    }

    @Test
    void theReconnectBudgetIsRenewedOnceALinkStayedUp() {
        FolderPeer a = folderPeer(2, Duration.ofMillis(700));
        FolderPeer b = folderPeer(3, Duration.ofMillis(700));
        for (int i = 1; i <= LobbySession.MAX_RECONNECTS + 1; i++) {
            int renewed = i - 1;
            await("up and renewed " + renewed)
                    .atMost(WAIT)
                    .until(() -> a.connected().equals(Set.of(3))
                            && b.connected().equals(Set.of(2))
                            && a.count("is renewed") >= renewed);
            drop(a);
            int n = i;
            await("drop " + n + " reported").atMost(WAIT).until(() -> a.count("was lost") >= n);
        }
        await("connected again").atMost(WAIT).until(() -> a.connected().equals(Set.of(3)));
        assertThat(a.noticed("gave up")).isFalse();
    }

    @Test
    void withoutAStableLinkTheBudgetRunsOut() {
        FolderPeer a = folderPeer(2, LobbySession.STABLE_LINK);
        FolderPeer b = folderPeer(3, LobbySession.STABLE_LINK);
        for (int i = 1; i <= LobbySession.MAX_RECONNECTS + 1; i++) {
            await("up")
                    .atMost(WAIT)
                    .until(() ->
                            a.connected().equals(Set.of(3)) && b.connected().equals(Set.of(2)));
            drop(a);
            int n = i;
            await("drop " + n + " reported").atMost(WAIT).until(() -> a.count("was lost") >= n);
        }
        await("gave up").atMost(WAIT).until(() -> a.noticed("gave up after 3"));
    }

    private static void drop(FolderPeer p) {
        p.query(() -> {
            p.peer.getPeer(3).connection().close();
            return null;
        });
    }

    @Test
    void aForgedOfferWithAGarbageSdpDoesNotReplaceAConnectedLink() throws IOException {
        FolderPeer a = folderPeer(2, LobbySession.STABLE_LINK);
        FolderPeer b = folderPeer(3, LobbySession.STABLE_LINK);
        await("pair")
                .atMost(WAIT)
                .until(() -> a.connected().equals(Set.of(3)) && b.connected().equals(Set.of(2)));
        Object before = a.query(() -> a.peer.getPeer(3).connection());
        FolderEnvelope forged = new FolderEnvelope(
                MessageType.OFFER.code(),
                3,
                "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\n",
                b.transport.instance(),
                a.transport.instance());
        FolderLayout.writeAtomically(
                dir.resolve("inbox/2").resolve(FolderLayout.messageName(3, 9_999_999_999_999L, 1)),
                SignalJson.MAPPER.writeValueAsString(forged));
        await("refused").atMost(WAIT).until(() -> a.noticed("was refused before it touched any connection"));
        assertThat(a.noticed("replacing the old connection")).isFalse();
        assertThat(a.query(() -> a.peer.getPeer(3).connection()))
                .as("the same connection")
                .isSameAs(before);
        assertThat(a.connected()).containsExactly(3);
        assertThat(Files.exists(dir.resolve("inbox/2"))).isTrue();
    }
}
