// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.testing.RuntimeExtension;
import dev.meshscope.signaling.message.SignalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Real peers, real webrtc-java connections and real files: the folder lobby end to end, in one process. */
@Tag("native")
class FolderSignalingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<TransferMode> EXTRAS = List.of(TransferMode.UNRELIABLE_ORDERED);

    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    @TempDir
    Path dir;

    private final List<FolderPeer> peers = new ArrayList<>();

    @AfterEach
    void closePeers() {
        for (FolderPeer p : peers) {
            p.close();
        }
    }

    private FolderPeer start(int id, NetworkMode mode, List<TransferMode> channels) {
        FolderPeer p = new FolderPeer(RT.get(), dir, id, mode, channels);
        peers.add(p);
        return p;
    }

    @Test
    void threeMeshPeersConnectThroughAFolderAndALeaverIsReported() throws IOException {
        FolderPeer a = start(2, NetworkMode.MESH, EXTRAS);
        FolderPeer b = start(3, NetworkMode.MESH, EXTRAS);
        FolderPeer c = start(7, NetworkMode.MESH, EXTRAS);
        await("full mesh")
                .atMost(WAIT)
                .until(() -> a.connected().equals(Set.of(3, 7))
                        && b.connected().equals(Set.of(2, 7))
                        && c.connected().equals(Set.of(2, 3)));
        assertThat(Files.exists(dir.resolve("peers/2.json"))).isTrue();
        assertThat(a.noticed("offering to it")).as("2 waits, 7 offers to it").isFalse();
        assertThat(c.noticed("offering to it")).isTrue();
        // The timeline of the folder path: 7 sent its offers, 2 received 7's offer and used it.
        assertThat(c.traces).anySatisfy(t -> {
            assertThat(t.path()).isEqualTo("folder");
            assertThat(t.direction()).isEqualTo(dev.meshscope.signaling.timeline.SignalTrace.Direction.SENT);
            assertThat(t.type()).isEqualTo(4);
            assertThat(t.to()).isEqualTo(2);
        });
        assertThat(a.traces).anySatisfy(t -> {
            assertThat(t.direction()).isEqualTo(dev.meshscope.signaling.timeline.SignalTrace.Direction.RECEIVED);
            assertThat(t.type()).isEqualTo(4);
            assertThat(t.from()).isEqualTo(7);
            assertThat(t.verdict()).isEqualTo(dev.meshscope.signaling.timeline.SignalTrace.Verdict.OK);
        });

        c.close();
        peers.remove(c);
        await("leaver reported and removed")
                .atMost(WAIT)
                .until(() -> a.known().equals(Set.of(3))
                        && b.known().equals(Set.of(2))
                        && a.noticed("left the lobby")
                        && b.noticed("left the lobby"));
        assertThat(Files.exists(dir.resolve("peers/7.json")))
                .as("a clean leave removes the presence file")
                .isFalse();
        assertThat(a.connected()).containsExactly(3);
        assertThat(rejected()).as("nothing was moved aside").isEmpty();
    }

    @Test
    void aLostConnectionToAPeerStillInTheLobbyIsMadeAgain() {
        FolderPeer a = start(2, NetworkMode.MESH, EXTRAS);
        FolderPeer b = start(3, NetworkMode.MESH, EXTRAS);
        await("pair")
                .atMost(WAIT)
                .until(() -> a.connected().equals(Set.of(3)) && b.connected().equals(Set.of(2)));
        a.query(() -> {
            a.peer.getPeer(3).connection().close();
            return null;
        });
        await("both sides made a new connection")
                .atMost(WAIT)
                .until(() -> a.noticed("making a new one (1 of 3)")
                        && b.noticed("making a new one (1 of 3)")
                        && a.connected().equals(Set.of(3))
                        && b.connected().equals(Set.of(2)));
        assertThat(a.stopped).isNull();
    }

    @Test
    void aPeerThatLeftTheLobbyIsNotReconnected() {
        FolderPeer a = start(2, NetworkMode.MESH, List.of());
        FolderPeer b = start(3, NetworkMode.MESH, List.of());
        await("pair").atMost(WAIT).until(() -> a.connected().equals(Set.of(3)));
        b.close();
        peers.remove(b);
        await("removed").atMost(WAIT).until(() -> a.known().isEmpty() && a.noticed("left the lobby"));
        await("and stays removed: only peers still in the lobby are reconnected")
                .during(Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> a.known().isEmpty());
    }

    @Test
    void aPeerWhoseHeartbeatStopsIsReportedGoneAndRemoved() throws IOException {
        FolderPeer a = start(2, NetworkMode.MESH, List.of());
        Presence ghost = new Presence(
                9, "mesh", List.of(), "0123456789abcdef", 4242, "elsewhere", 0, System.currentTimeMillis());
        Files.createDirectories(dir.resolve("peers"));
        FolderLayout.writeAtomically(dir.resolve("peers/9.json"), SignalJson.MAPPER.writeValueAsString(ghost));
        await("ghost announced").atMost(WAIT).until(() -> a.known().contains(9));
        await("ghost gone").atMost(WAIT).until(() -> !a.known().contains(9) && a.noticed("no heartbeat"));
        assertThat(a.noticed("pid 4242 on elsewhere")).isTrue();
        assertThat(Files.exists(dir.resolve("inbox/9")))
                .as("2 < 9 so 2 waited for 9's offer and wrote nothing")
                .isFalse();
    }

    @Test
    void badRelayedMessagesFromAnAnnouncedPeerAreReportedAndChangeNothing() throws IOException {
        FolderPeer a = start(2, NetworkMode.MESH, List.of());
        String ghostInstance = "00000000000000aa";
        Presence ghost =
                new Presence(9, "mesh", List.of(), ghostInstance, 4242, "elsewhere", 0, System.currentTimeMillis());
        Files.createDirectories(dir.resolve("peers"));
        FolderLayout.writeAtomically(dir.resolve("peers/9.json"), SignalJson.MAPPER.writeValueAsString(ghost));
        await("ghost announced").atMost(WAIT).until(() -> a.known().contains(9));
        Path inbox = dir.resolve("inbox/2");
        String to = a.transport.instance();
        FolderLayout.writeAtomically(
                inbox.resolve(FolderLayout.messageName(9, 1, 1)),
                SignalJson.MAPPER.writeValueAsString(
                        new FolderEnvelope(6, 9, "\n\n0\ncandidate:1", ghostInstance, to)));
        FolderLayout.writeAtomically(
                inbox.resolve(FolderLayout.messageName(9, 1, 2)),
                SignalJson.MAPPER.writeValueAsString(
                        new FolderEnvelope(4, 9, "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\n", ghostInstance, to)));
        await("both reported")
                .atMost(WAIT)
                .until(() -> a.noticed("Ignored a malformed candidate from peer 9")
                        && a.noticed("The offer from peer 9 was refused"));
        assertThat(a.query(
                        () -> a.peer.getPeer(9).connection().getSignalingState().name()))
                .isEqualTo("STABLE");
        assertThat(a.stopped).isNull();
    }

    @Test
    void aStalePresenceLeftOverFromACrashIsNotConnectedTo() throws IOException {
        Presence old = new Presence(5, "mesh", List.of(), "feedfacefeedface", 1, "crashed", 12, 1_000_000L);
        Files.createDirectories(dir.resolve("peers"));
        FolderLayout.writeAtomically(dir.resolve("peers/5.json"), SignalJson.MAPPER.writeValueAsString(old));
        FolderPeer a = start(2, NetworkMode.MESH, List.of());
        await("leftover noticed").atMost(WAIT).until(() -> a.noticed("a leftover"));
        assertThat(a.known()).isEmpty();
    }

    @Test
    void secondProcessWithTheSameIdIsToldSoAndTheFirstGoesOn() {
        FolderPeer first = start(4, NetworkMode.MESH, List.of());
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve("peers/4.json")));
        FolderPeer second = start(4, NetworkMode.MESH, List.of());
        await("duplicate refused").atMost(WAIT).until(() -> second.stopped != null);
        assertThat(second.stopped).contains("already peer 4", "pick another one");
        assertThat(first.stopped).isNull();
        FolderPeer other = start(6, NetworkMode.MESH, List.of());
        await("first still works").atMost(WAIT).until(() -> first.connected().equals(Set.of(6)));
        assertThat(other.connected()).containsExactly(4);
    }

    @Test
    void clientsConnectOnlyToTheServerAndNeverSeeEachOther() {
        FolderPeer server = start(1, NetworkMode.SERVER, EXTRAS);
        FolderPeer c2 = start(2, NetworkMode.CLIENT, EXTRAS);
        FolderPeer c3 = start(3, NetworkMode.CLIENT, EXTRAS);
        await("star")
                .atMost(WAIT)
                .until(() -> server.connected().equals(Set.of(2, 3))
                        && c2.connected().equals(Set.of(1))
                        && c3.connected().equals(Set.of(1)));
        assertThat(c2.known()).containsExactly(1);
        assertThat(c3.known()).containsExactly(1);
    }

    @Test
    void peersWithAnotherChannelConfigurationOrModeAreReportedNotConnected() {
        FolderPeer a = start(2, NetworkMode.MESH, EXTRAS);
        FolderPeer b = start(3, NetworkMode.MESH, List.of(TransferMode.RELIABLE));
        FolderPeer c = start(4, NetworkMode.CLIENT, EXTRAS);
        await("mismatches reported")
                .atMost(WAIT)
                .until(() -> a.noticed("Peer 3 uses extra channels [reliable] (2)")
                        && a.noticed("Peer 4 is a client peer and this one a mesh peer"));
        assertThat(a.known()).isEmpty();
        assertThat(b.known()).isEmpty();
        assertThat(c.known()).isEmpty();
    }

    @Test
    void sealedLobbyRefusesNewcomers() {
        FolderPeer host = start(1, NetworkMode.MESH, List.of());
        FolderPeer b = start(2, NetworkMode.MESH, List.of());
        await().atMost(WAIT).until(() -> host.connected().equals(Set.of(2)));
        host.session.seal();
        await("sealed everywhere").atMost(WAIT).until(() -> host.sealed && b.sealed);
        assertThat(Files.exists(dir.resolve("sealed"))).isTrue();
        FolderPeer late = start(3, NetworkMode.MESH, List.of());
        await("newcomer refused").atMost(WAIT).until(() -> late.stopped != null);
        assertThat(late.stopped).contains("is sealed", "Delete");
        assertThat(host.connected()).containsExactly(2);
    }

    @Test
    void onlyTheHostCanSeal() {
        FolderPeer b = start(2, NetworkMode.MESH, List.of());
        await().atMost(WAIT).until(() -> b.noticed("Joined lobby"));
        b.session.seal();
        await().atMost(WAIT).until(() -> b.noticed("Only the host (peer 1) can seal"));
        assertThat(Files.exists(dir.resolve("sealed"))).isFalse();
    }

    @Test
    void malformedOversizedMisnamedAndUnknownFilesAreMovedAsideWithAReason() throws IOException {
        FolderPeer a = start(2, NetworkMode.MESH, List.of());
        await().atMost(WAIT).until(() -> Files.isDirectory(dir.resolve("inbox/2")));
        Path inbox = dir.resolve("inbox/2");
        write(inbox.resolve("hello.txt"), "not for you");
        write(inbox.resolve("3-0000000000001-000000001.json"), "{ this is not json");
        write(inbox.resolve("3-0000000000001-000000002.json"), "x".repeat(FolderTransport.MAX_MESSAGE_BYTES + 1));
        write(inbox.resolve("3-0000000000001-000000003.json"), "{\"type\":42,\"id\":3,\"data\":\"\"}");
        write(inbox.resolve("3-0000000000001-000000004.json"), "{\"type\":4,\"id\":8,\"data\":\"v=0\"}");
        write(inbox.resolve("3-0000000000001-000000005.json"), "{\"type\":7,\"id\":3,\"data\":\"\"}");
        write(
                inbox.resolve("3-0000000000001-000000006.json"),
                "{\"type\":4,\"id\":3,\"data\":\"v=0\",\"fromInstance\":\"a\",\"toInstance\":\"someone-else\"}");
        write(dir.resolve("peers/notanid.json"), "{}");
        write(dir.resolve("peers/8.json"), "{\"id\":8,\"mode\":\"ring\",\"channels\":[],\"instance\":\"x\"}");
        write(dir.resolve("peers/99999999999.json"), "{}");
        await("ten files moved aside").atMost(WAIT).until(() -> rejected().size() == 10);
        List<String> reasons = new ArrayList<>();
        for (Path r : rejected()) {
            Path reason = r.resolveSibling(r.getFileName().toString().replace(".rejected", ".reason"));
            await().atMost(WAIT).until(() -> Files.exists(reason));
            reasons.add(Files.readString(reason));
        }
        assertThat(String.join("\n", reasons))
                .contains(
                        "original: inbox/2/hello.txt",
                        "not a message file",
                        "not a signaling message",
                        "larger than",
                        "unknown message type 42",
                        "named for sender 3 but the message says it is from 8",
                        "relay only OFFER, ANSWER and CANDIDATE",
                        "earlier run of peer 2",
                        "not a presence file",
                        "its mode is not server, client or mesh",
                        "original: peers/99999999999.json");
        assertThat(a.stopped).as("nothing is fatal").isNull();
        assertThat(a.notices).anySatisfy(n -> assertThat(n.text()).contains("aside to rejected/"));
        assertThat(Files.exists(inbox.resolve("hello.txt"))).isFalse();
        try (Stream<Path> left = Files.list(inbox)) {
            assertThat(left).isEmpty();
        }
        FolderPeer b = start(3, NetworkMode.MESH, List.of());
        await("still connects after all that")
                .atMost(WAIT)
                .until(() -> a.connected().equals(Set.of(3)));
        assertThat(b.connected()).containsExactly(2);
    }

    /** Writes as a well-behaved writer does (temporary name, then rename), so the scan never sees half a file. */
    private static void write(Path target, String content) throws IOException {
        FolderLayout.writeAtomically(target, content);
    }

    private List<Path> rejected() throws IOException {
        Path r = dir.resolve("rejected");
        if (!Files.isDirectory(r)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(r)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".rejected"))
                    .sorted()
                    .toList();
        }
    }
}
