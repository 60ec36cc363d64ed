// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.testing.RuntimeExtension;
import dev.meshscope.signaling.message.SignalJson;
import dev.meshscope.signaling.session.LobbyNotice;
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

/**
 * Issue 8, shared folder: symbolic links are never followed, no reason quotes a file's content, and one bad file
 * never breaks a live peer. Real files, real links, real webrtc-java peers; every refusal has a twin that is taken.
 */
@Tag("native")
class FolderHardeningTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** What a linked file would leak: the first word of /etc/passwd. */
    private static final String SECRET = "rootsecret:x:0:0:root:/root:/bin/bash\n";

    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    @TempDir
    Path dir;

    @TempDir
    Path outside;

    private final List<FolderPeer> peers = new ArrayList<>();

    @AfterEach
    void closePeers() {
        for (FolderPeer p : peers) {
            p.close();
        }
    }

    private FolderPeer start(int id) {
        FolderPeer p = new FolderPeer(RT.get(), dir, id, NetworkMode.MESH, List.of());
        peers.add(p);
        return p;
    }

    private Path secret() throws IOException {
        Path s = outside.resolve("passwd");
        Files.writeString(s, SECRET);
        return s;
    }

    private static void assertNothingQuoted(FolderPeer p) {
        assertThat(p.notices).extracting(LobbyNotice::text).noneMatch(t -> t.contains("rootsecret"));
    }

    private List<String> reasons() throws IOException {
        List<String> out = new ArrayList<>();
        Path r = dir.resolve("rejected");
        if (Files.isDirectory(r)) {
            try (Stream<Path> s = Files.list(r)) {
                for (Path p : s.filter(x -> x.toString().endsWith(".reason")).toList()) {
                    out.add(Files.readString(p));
                }
            }
        }
        return out;
    }

    private static Presence presence(int id, String instance, long pid, String host) {
        return new Presence(
                id, "mesh", List.of(), instance, pid, host, 0, System.currentTimeMillis(), Presence.ownPidNamespace());
    }

    private void writePresence(Presence p) throws IOException {
        Files.createDirectories(dir.resolve("peers"));
        FolderLayout.writeAtomically(dir.resolve("peers/" + p.id() + ".json"), SignalJson.MAPPER.writeValueAsString(p));
    }

    // ---------------------------------------------------------------- links

    @Test
    void aLinkedInboxFileIsMovedAsideUnreadAndNothingOfItsTargetIsShown() throws IOException {
        FolderPeer a = start(2);
        await().atMost(WAIT).until(() -> Files.isDirectory(dir.resolve("inbox/2")));
        Path secret = secret();
        Files.createSymbolicLink(dir.resolve("inbox/2/3-0000000000001-000000001.json"), secret);
        await("link moved aside").atMost(WAIT).until(() -> a.noticed("symbolic link"));
        assertNothingQuoted(a);
        assertThat(String.join("\n", reasons())).contains("never follows links").doesNotContain("rootsecret");
        assertThat(Files.readString(secret)).as("the target is untouched").isEqualTo(SECRET);
        try (Stream<Path> s = Files.list(dir.resolve("rejected"))) {
            assertThat(s.filter(Files::isSymbolicLink))
                    .as("the link itself was moved")
                    .hasSize(1);
        }
    }

    @Test
    void aRegularFileWithTheSameContentIsRejectedWithoutQuotingIt() throws IOException {
        FolderPeer a = start(2);
        await().atMost(WAIT).until(() -> Files.isDirectory(dir.resolve("inbox/2")));
        FolderLayout.writeAtomically(dir.resolve("inbox/2/3-0000000000001-000000001.json"), SECRET);
        FolderLayout.writeAtomically(dir.resolve("peers/5.json"), SECRET);
        await("both moved aside").atMost(WAIT).until(() -> reasons().size() == 2);
        assertThat(String.join("\n", reasons()))
                .contains("not valid JSON (line 1, column")
                .doesNotContain("rootsecret");
        assertNothingQuoted(a);
    }

    @Test
    void aLinkedPresenceFileIsNeverReadButARealOneIsAnnounced() throws IOException {
        FolderPeer a = start(2);
        await().atMost(WAIT).until(() -> Files.isDirectory(dir.resolve("peers")));
        Files.createSymbolicLink(dir.resolve("peers/5.json"), secret());
        await("link moved aside").atMost(WAIT).until(() -> a.noticed("symbolic link"));
        assertNothingQuoted(a);
        assertThat(a.known()).isEmpty();
        writePresence(presence(6, "0000000000000006", 4242, "elsewhere"));
        await("the real presence is announced")
                .atMost(WAIT)
                .until(() -> a.known().contains(6));
    }

    @Test
    void aLinkedRejectedFolderIsRefusedAtStartAndNeverWrittenInto() throws IOException {
        Files.createSymbolicLink(dir.resolve("rejected"), outside);
        FolderPeer a = start(2);
        await("refused").atMost(WAIT).until(() -> a.stopped != null);
        assertThat(a.stopped).contains("rejected/", "symbolic link");
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void aRejectedFolderSwappedForALinkLaterIsNotWrittenIntoARealOneIs() throws IOException {
        FolderPeer a = start(2);
        await().atMost(WAIT).until(() -> Files.isDirectory(dir.resolve("rejected")));
        FolderLayout.writeAtomically(dir.resolve("inbox/2/hello.txt"), "x");
        await("moved into the real rejected/")
                .atMost(WAIT)
                .until(() -> reasons().size() == 1);
        Path real = dir.resolve("rejected-real");
        Files.move(dir.resolve("rejected"), real);
        Files.createSymbolicLink(dir.resolve("rejected"), outside);
        FolderLayout.writeAtomically(dir.resolve("inbox/2/hello2.txt"), "x");
        await("refused to move into the link").atMost(WAIT).until(() -> a.noticed("Could not move inbox/2/hello2.txt"));
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s).as("nothing written outside the folder").isEmpty();
        }
        assertThat(a.stopped).isNull();
    }

    @Test
    void aLinkedInboxOfAnotherPeerIsNotWrittenIntoARealOneIs() throws IOException {
        FolderPeer a = start(5);
        Files.createDirectories(dir.resolve("inbox"));
        Files.createSymbolicLink(dir.resolve("inbox/3"), outside);
        writePresence(presence(3, "0000000000000003", 4242, "elsewhere"));
        await("the offer to 3 is refused").atMost(WAIT).until(() -> a.noticed("Could not write OFFER"));
        assertThat(a.notices).extracting(LobbyNotice::text).anyMatch(t -> t.contains("inbox/3/: a symbolic link"));
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s).as("nothing written outside the folder").isEmpty();
        }
        writePresence(presence(4, "0000000000000004", 4242, "elsewhere"));
        await("the offer to 4 is written").atMost(WAIT).until(() -> {
            try (Stream<Path> s = Files.list(dir.resolve("inbox/4"))) {
                return s.anyMatch(p -> p.getFileName().toString().startsWith("5-"));
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    void aMissingFolderIsNotCreatedByTheTransport() {
        Path missing = dir.resolve("lobyb");
        FolderPeer a = new FolderPeer(RT.get(), missing, 2, NetworkMode.MESH, List.of());
        peers.add(a);
        await("refused").atMost(WAIT).until(() -> a.stopped != null);
        assertThat(a.stopped).contains("does not exist", "check the path");
        assertThat(Files.exists(missing)).isFalse();
    }

    // ---------------------------------------------------------------- presence files

    @Test
    void garbageOverALivePeersPresenceDoesNotDisconnectIt() throws Exception {
        FolderPeer a = start(2);
        FolderPeer b = start(3);
        await("pair")
                .atMost(WAIT)
                .until(() -> a.connected().equals(Set.of(3)) && b.connected().equals(Set.of(2)));
        Path file = dir.resolve("peers/3.json");
        long end = System.nanoTime() + FolderPeer.STALE.multipliedBy(2).toNanos();
        while (System.nanoTime() < end) {
            FolderLayout.writeAtomically(file, "garbage " + System.nanoTime());
            await().atMost(WAIT).until(() -> !Files.readString(file).startsWith("garbage"));
        }
        assertThat(a.noticed("left the lobby")).isFalse();
        assertThat(a.noticed("is gone")).isFalse();
        assertThat(a.noticed("keeping its last good presence")).isTrue();
        assertThat(a.connected()).containsExactly(3);
        assertThat(b.connected()).containsExactly(2);
        assertThat(reasons()).as("a live peer's file is never moved aside").isEmpty();
    }

    @Test
    void garbageOverADeadPeersPresenceIsMovedAsideAfterTheStaleTime() throws IOException {
        FolderPeer a = start(2);
        writePresence(presence(9, "0000000000000009", 4242, "elsewhere"));
        await("ghost announced").atMost(WAIT).until(() -> a.known().contains(9));
        FolderLayout.writeAtomically(dir.resolve("peers/9.json"), "garbage");
        await("moved aside once it stayed bad")
                .atMost(WAIT)
                .until(() -> reasons().size() == 1);
        await("and the silent ghost is gone")
                .atMost(WAIT)
                .until(() -> !a.known().contains(9));
    }

    @Test
    void aForgedPresenceWithAnotherTokenNeitherStopsTheOwnerNorDisconnectsIt() throws Exception {
        FolderPeer a = start(4);
        FolderPeer b = start(6);
        await("pair")
                .atMost(WAIT)
                .until(() -> a.connected().equals(Set.of(6)) && b.connected().equals(Set.of(4)));
        // Written again until each owner has met it: an owner's own heartbeat may overwrite a forgery unseen.
        await("owners met the forgeries")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    writePresence(presence(4, "f0f0f0f0f0f0f0f0", 1, "elsewhere"));
                    writePresence(presence(6, "e0e0e0e0e0e0e0e0", 1, "elsewhere"));
                    return a.noticed("keeping id 4") && b.noticed("keeping id 6");
                });
        await("owners rewrote their files")
                .atMost(WAIT)
                .until(() -> Files.readString(dir.resolve("peers/4.json")).contains(a.transport.instance())
                        && Files.readString(dir.resolve("peers/6.json")).contains(b.transport.instance()));
        await("and stay connected")
                .during(FolderPeer.STALE)
                .atMost(WAIT)
                .until(() -> a.connected().equals(Set.of(6)) && b.connected().equals(Set.of(4)));
        assertThat(a.stopped).isNull();
        assertThat(b.stopped).isNull();
        assertThat(a.noticed("restarted")).isFalse();
    }

    @Test
    void aRealRestartWithANewTokenIsStillSeen() throws IOException {
        FolderPeer a = start(2);
        writePresence(presence(9, "0000000000000009", 4242, "elsewhere"));
        await("announced").atMost(WAIT).until(() -> a.known().contains(9));
        Presence[] restarted = {presence(9, "0000000000000099", 4343, "elsewhere")};
        await("a new run that beats replaces the old one")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    writePresence(restarted[0]);
                    restarted[0] = restarted[0].next(System.currentTimeMillis());
                    return a.noticed("restarted");
                });
    }

    @Test
    void aSameHostPresenceWhoseProcessIsDeadIsStaleAtOnceALiveOneIsNot() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        long dead = p.pid();
        FolderPeer a = start(2);
        String host = FolderTransport.hostName();
        writePresence(presence(9, "0000000000000009", dead, host));
        writePresence(presence(8, "0000000000000008", ProcessHandle.current().pid(), host));
        await("the live one is announced").atMost(WAIT).until(() -> a.known().contains(8));
        assertThat(a.noticed("pid " + dead + ", which is no longer running on this host"))
                .isTrue();
        assertThat(a.known()).doesNotContain(9);
    }

    @Test
    void aPidFromAnotherPidNamespaceIsNeverJudgedOnThisHost() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        FolderPeer a = start(2);
        writePresence(new Presence(
                9,
                "mesh",
                List.of(),
                "0000000000000009",
                p.pid(),
                FolderTransport.hostName(),
                0,
                System.currentTimeMillis(),
                "pid:[1]"));
        await("a container sharing the host name is announced")
                .atMost(WAIT)
                .until(() -> a.known().contains(9));
    }

    @Test
    void ownIdHeldByADeadSameHostProcessIsTakenOverAtOnce() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        writePresence(presence(4, "0000000000000004", p.pid(), FolderTransport.hostName()));
        FolderPeer a = start(4);
        await("taken over").atMost(WAIT).until(() -> a.noticed("no longer running on this host"));
        assertThat(a.stopped).isNull();
    }
}
