// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.timeline.SignalTrace;
import dev.meshscope.signaling.websocket.WebSocketOptions;
import dev.meshscope.signalserver.LobbyServer;
import dev.meshscope.signalserver.LobbyServerConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent Godot demo client joins MeshScope lobbies through the MeshScope lobby server: a Python program
 * ({@code interop/godot_demo_client.py}, Debian's python3-websockets and python3-aiortc, written from the behaviour of
 * the demo's {@code multiplayer_client.gd}) meets MeshScope peers in the test JVM ({@code LobbySession} over
 * {@code WebSocketTransport}, whose channel counters the test reads) and a MeshScope agent process
 * ({@code --signal-url}, echoing). Every pair connects, and packets flow on all three of Godot's channels both ways,
 * counted on each side by that side: the Python client's own counts against MeshScope's channel counters and the
 * agent's traffic reports. A client/server lobby puts the Python client under a MeshScope host. The negative twins:
 * joining a sealed lobby gets the server's 4000 "Lobby is sealed" and stops the client, as the demo's does; a
 * CANDIDATE from a lobby peer that a MeshScope client does not have as a peer is ignored (traced UNEXPECTED) and the
 * lobby carries on. The server listens on the private namespace's veth address (loopback outside it); skipped,
 * loudly, only where {@code /usr/bin/python3} cannot import aiortc and websockets.
 */
@Tag("multiprocess")
@Tag("native")
class GodotDemoClientInteropTest {
    /** Bound for a lobby with a Python client, an agent JVM and in-process peers to connect on a loaded 2-core box. */
    private static final Duration FORM = Duration.ofSeconds(90);
    /** Bound for one lobby event or a burst of packets to reach everyone. */
    private static final Duration NOTICE = Duration.ofSeconds(30);
    /** Packets per channel each side sends: a burst small enough for the 1 ms-lifetime channels to keep most. */
    private static final int SEND = 20;
    /**
     * The server's wait for a JOIN (the demo's 1 s): a Python interpreter or agent JVM starting on a loaded machine
     * can take longer than that between handshake and JOIN; that rule is the server's own tests' business.
     */
    private static final Duration NO_LOBBY = Duration.ofSeconds(15);
    /** No seal close during a test: a sealed lobby stays open to be refused. */
    private static final Duration NO_SEAL_CLOSE = Duration.ofMinutes(10);
    /** The Python client's own bound on its run, past every wait here (it exits 3 then, never hangs). */
    private static final String PY_TIMEOUT = "240";
    /** The Python client's exit code when signaling closed before the seal (the demo's stop()). */
    private static final int PY_STOPPED = 2;

    private static WebRtcRuntime rt;

    @TempDir
    Path work;

    @RegisterExtension
    final AgentProcesses agents = new AgentProcesses();

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<DemoClientProcess> pythons = new ArrayList<>();

    @BeforeAll
    static void needPythonClientAndWebRtc() throws Exception {
        String why = null;
        if (!Files.isExecutable(Path.of(DemoClientProcess.PYTHON))) {
            why = DemoClientProcess.PYTHON + " does not exist";
        } else {
            Process p = new ProcessBuilder(DemoClientProcess.PYTHON, "-c", "import aiortc, websockets")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                why = DemoClientProcess.PYTHON + " cannot import aiortc and websockets (" + out + ")";
            }
        }
        if (why != null) {
            String msg = "SKIPPED: the Godot demo client interop test needs Debian's python3-aiortc and "
                    + "python3-websockets: " + why + ". Install them with 'apt-get install -y python3-aiortc "
                    + "python3-websockets' (./meshscope test does when it can).";
            System.err.println("\n*** " + msg + " ***\n");
            Assumptions.assumeTrue(false, msg);
        }
        rt = WebRtcRuntime.create();
        if (rt.loadProblem() != null) {
            throw new IllegalStateException(rt.loadProblem());
        }
    }

    @AfterAll
    static void closeRuntime() {
        if (rt != null) {
            rt.close();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    // ---------------------------------------------------------------- positive

    @Test
    void aPythonDemoClientJoinsAMeshOfMeshScopePeersAndEveryChannelCarriesPacketsBothWays() throws Exception {
        String url = server();
        InProcessLobbyPeer a = peer("a", url, "", true);
        until("a created the lobby as its host", NOTICE, () -> a.lobbyName != null && a.ownId == 1);
        InProcessLobbyPeer b = peer("b", url, a.lobbyName, true);
        AgentProcess c = agents.start(
                work, "c", "--signal-url", url, "--lobby", a.lobbyName, "--echo", "--report-interval", "300");
        until("b and the agent have their ids", FORM, () -> b.ownId > 1 && agentId(c) > 1);
        int bId = b.ownId;
        int cId = agentId(c);

        long started = System.nanoTime();
        DemoClientProcess py = python("py", "--url", url, "--lobby", a.lobbyName, "--send", Integer.toString(SEND));
        until("the Python client has its id", NOTICE, () -> py.id() > 1);
        int p = py.id();
        until(
                "every pair of the lobby connected",
                FORM,
                () -> py.connectedTo(1)
                        && py.connectedTo(bId)
                        && py.connectedTo(cId)
                        && a.connectedTo(p)
                        && b.connectedTo(p)
                        && a.connectedTo(bId)
                        && a.connectedTo(cId)
                        && b.connectedTo(cId));
        System.err.printf(
                "godot demo client: JOIN to connected with 3 MeshScope peers in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(py.last("id").path("mesh").asBoolean()).isTrue();
        assertThat(py.last("id").path("role").asText()).isEqualTo("mesh");
        assertThat(py.last("lobby").path("name").asText()).isEqualTo(a.lobbyName);

        for (InProcessLobbyPeer x : List.of(a, b)) {
            assertThat(x.sendTo(p, SEND)).as(x.name + " put every packet").containsExactly(SEND, SEND, SEND);
        }
        until("each side read the other's packets on every channel", NOTICE, () -> {
            JsonNode r = py.report(10);
            for (int ch = 0; ch < 3; ch++) {
                for (InProcessLobbyPeer x : List.of(a, b)) {
                    if (x.pydemoRead.getOrDefault(p + "/" + ch, 0) < SEND) {
                        return false;
                    }
                }
                if (agentTraffic(c, p, ch, "received") < SEND
                        || DemoClientProcess.figures(r, cId, ch + 1)
                                        .path("echoed")
                                        .asLong()
                                == 0) {
                    return false;
                }
            }
            return DemoClientProcess.figures(r, 1, 1).path("received").asLong() == SEND
                    && DemoClientProcess.figures(r, bId, 1).path("received").asLong() == SEND
                    && DemoClientProcess.figures(r, cId, 1).path("echoed").asLong() == SEND;
        });

        JsonNode r = py.report(10);
        System.err.println("godot demo client report: " + r);
        for (InProcessLobbyPeer x : List.of(a, b)) {
            assertBothWaysOnEveryChannel(x, p, r);
        }
        for (int ch = 0; ch < 3; ch++) {
            JsonNode f = DemoClientProcess.figures(r, cId, ch + 1);
            assertThat(agentTraffic(c, p, ch, "received"))
                    .as("the agent's count of the Python client's packets on channel %d against its own %s", ch, f)
                    .isEqualTo(f.path("sent").asLong());
            long echoedByAgent = agentTraffic(c, p, ch, "echoed");
            if (ch == 0) {
                assertThat(f.path("echoed").asLong())
                        .as("reliable: every echo the agent sent came back")
                        .isEqualTo(echoedByAgent)
                        .isEqualTo(SEND);
            } else {
                assertThat(f.path("echoed").asLong())
                        .as("1 ms lifetime echoes on channel %d: some, never more than the agent sent", ch)
                        .isPositive()
                        .isLessThanOrEqualTo(echoedByAgent);
            }
        }
        assertThat(py.events("ignored"))
                .as("nothing the demo client would ignore")
                .isEmpty();
        assertLargerIdOffers(py, List.of(1, bId, cId));
        assertSignalingMatches(a, py);
        assertSignalingMatches(b, py);
        quit(py);
    }

    @Test
    void aPythonDemoClientIsAClientOfAMeshScopeHostInAClientServerLobby() throws Exception {
        String url = server();
        InProcessLobbyPeer host = peer("host", url, "", false);
        until("the host created the lobby", NOTICE, () -> host.lobbyName != null && host.ownId == 1);
        DemoClientProcess py = python(
                "py", "--url", url, "--lobby", host.lobbyName, "--mode", "client", "--send", Integer.toString(SEND));
        until("the Python client has its id", NOTICE, () -> py.id() > 1);
        int p = py.id();
        assertThat(py.last("id").path("mesh").asBoolean()).isFalse();
        assertThat(py.last("id").path("role").asText()).isEqualTo("client");
        until("client and server connected", FORM, () -> py.connectedTo(1) && host.connectedTo(p));

        assertThat(host.sendTo(p, SEND)).containsExactly(SEND, SEND, SEND);
        until("each side read the other's packets", NOTICE, () -> {
            JsonNode r = py.report(10);
            return DemoClientProcess.figures(r, 1, 1).path("received").asLong() == SEND
                    && host.pydemoRead.getOrDefault(p + "/0", 0) == SEND
                    && host.pydemoRead.getOrDefault(p + "/1", 0) == SEND
                    && host.pydemoRead.getOrDefault(p + "/2", 0) == SEND;
        });
        assertBothWaysOnEveryChannel(host, p, py.report(10));
        assertThat(host.traces())
                .as("the host (1) never offers")
                .noneMatch(t -> t.direction() == SignalTrace.Direction.SENT && t.type() == MessageType.OFFER.code());
        assertLargerIdOffers(py, List.of(1));
        assertSignalingMatches(host, py);
        quit(py);
    }

    // ---------------------------------------------------------------- negative twins

    @Test
    void aPythonDemoClientJoiningASealedLobbyIsClosedWith4000LobbyIsSealedAndStops() throws Exception {
        String url = server();
        InProcessLobbyPeer host = peer("host", url, "", true);
        until("the host created the lobby", NOTICE, () -> host.lobbyName != null);
        InProcessLobbyPeer b = peer("b", url, host.lobbyName, true);
        until("b joined and connected", FORM, () -> b.ownId > 1 && host.connectedTo(b.ownId));
        host.session.seal();
        until("both saw the seal", NOTICE, () -> host.sealed && b.sealed);

        DemoClientProcess py = python("py", "--url", url, "--lobby", host.lobbyName);
        assertThat(py.process.waitFor(NOTICE.toSeconds(), TimeUnit.SECONDS))
                .as("the Python client stopped" + py.diagnostics())
                .isTrue();
        assertThat(py.process.exitValue()).as(py.diagnostics()).isEqualTo(PY_STOPPED);
        JsonNode closed = py.last("closed");
        assertThat(closed.path("code").asInt()).as(closed.toString()).isEqualTo(4000);
        assertThat(closed.path("reason").asText()).isEqualTo("Lobby is sealed");
        assertThat(closed.path("sealed").asBoolean()).isFalse();
        assertThat(py.last("stopped").path("why").asText()).contains("before the seal", "Lobby is sealed");
        assertThat(py.events("id")).as("the server gave it no id").isEmpty();
        assertThat(py.events("signal"))
                .as("it sent JOIN and received nothing")
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.path("dir").asText()).isEqualTo("sent");
                    assertThat(s.path("type").asInt()).isEqualTo(MessageType.JOIN.code());
                    assertThat(s.path("data").asText()).isEqualTo(host.lobbyName);
                });
        assertThat(host.connectedTo(b.ownId)).as("the sealed mesh is untouched").isTrue();
        assertThat(host.stopped).isNull();
        assertThat(b.stopped).isNull();
    }

    @Test
    void aCandidateFromALobbyPeerAMeshScopeClientDoesNotHaveIsIgnoredAndTheLobbyCarriesOn() throws Exception {
        String url = server();
        InProcessLobbyPeer host = peer("host", url, "", false);
        until("the host created the lobby", NOTICE, () -> host.lobbyName != null && host.ownId == 1);
        InProcessLobbyPeer b = peer("b", url, host.lobbyName, false);
        until("b is a client of the host", FORM, () -> b.ownId > 1 && host.connectedTo(b.ownId) && b.connectedTo(1));
        int bId = b.ownId;
        DemoClientProcess py = python(
                "py", "--url", url, "--lobby", host.lobbyName, "--mode", "client", "--send", Integer.toString(SEND));
        until("the Python client has its id", NOTICE, () -> py.id() > 1);
        int p = py.id();
        until("the Python client and the host connected", FORM, () -> py.connectedTo(1) && host.connectedTo(p));
        // The server announces every peer to every peer (as the Node server does); clients refuse each other.
        assertThat(py.events("add_peer_refused"))
                .as("the Python client refused client " + bId + " as Godot's add_peer does")
                .anySatisfy(e -> assertThat(e.path("peer").asInt()).isEqualTo(bId));
        assertThat(b.query(() -> b.peer.hasPeer(p))).isFalse();

        py.command("stray-candidate " + bId);
        until(
                "b traced the Python client's candidate as unexpected",
                NOTICE,
                () -> b.traces().stream()
                        .anyMatch(t -> t.direction() == SignalTrace.Direction.RECEIVED
                                && t.type() == MessageType.CANDIDATE.code()
                                && t.from() == p
                                && t.verdict() == SignalTrace.Verdict.UNEXPECTED));
        assertThat(b.traces())
                .as("every message b did not take is about the Python client, and none was refused")
                .filteredOn(t -> t.verdict() != SignalTrace.Verdict.OK)
                .allSatisfy(t -> {
                    assertThat(t.verdict()).isEqualTo(SignalTrace.Verdict.UNEXPECTED);
                    assertThat(t.from()).isEqualTo(p);
                    assertThat(t.note()).contains("not a peer of this session");
                });
        assertThat(b.query(() -> b.peer.hasPeer(p)))
                .as("b still does not have the Python client")
                .isFalse();
        assertThat(b.stopped).isNull();

        // Nothing broke: the host's links to both clients carry a fresh burst on every channel.
        long[] bBefore = b.counters(1)[1];
        assertThat(host.sendTo(bId, SEND)).containsExactly(SEND, SEND, SEND);
        assertThat(host.sendTo(p, SEND)).containsExactly(SEND, SEND, SEND);
        until("b and the Python client read the host's burst on the reliable channel", NOTICE, () -> {
            JsonNode r = py.report(10);
            return b.counters(1)[1][0] == bBefore[0] + SEND
                    && DemoClientProcess.figures(r, 1, 1).path("received").asLong() == SEND;
        });
        assertThat(host.connectedTo(bId) && host.connectedTo(p) && b.connectedTo(1))
                .isTrue();
        assertThat(py.events("stopped")).isEmpty();
        quit(py);
    }

    // ---------------------------------------------------------------- checks

    /**
     * Both ways between MeshScope peer {@code x} and the Python client {@code p}, each side's count against the
     * other's: x's channel counters and own reading of the Python packets against the Python client's sent figures;
     * the Python client's received figures against x's sent counters (exact on the reliable channel; on the 1 ms
     * lifetime channels at least one and never more than x sent); no packet misrouted or repeated either way.
     */
    private static void assertBothWaysOnEveryChannel(InProcessLobbyPeer x, int p, JsonNode report) {
        long[][] counters = x.counters(p);
        for (int ch = 0; ch < 3; ch++) {
            JsonNode f = DemoClientProcess.figures(report, x.ownId, ch + 1);
            String where = x.name + " <-> Python client " + p + ", channel " + ch + " (" + InProcessLobbyPeer.mode(ch)
                    + "): MeshScope sent/received " + counters[0][ch] + "/" + counters[1][ch] + ", Python " + f;
            assertThat(f.path("sent").asLong()).as(where).isEqualTo(SEND);
            assertThat(counters[1][ch])
                    .as("MeshScope's counter of messages received, " + where)
                    .isEqualTo(f.path("sent").asLong());
            assertThat(x.pydemoRead.getOrDefault(p + "/" + ch, 0))
                    .as("packets MeshScope read in the Python form, " + where)
                    .isEqualTo(SEND);
            assertThat(counters[0][ch]).as(where).isEqualTo(SEND);
            if (ch == 0) {
                assertThat(f.path("received").asLong()).as(where).isEqualTo(counters[0][ch]);
            } else {
                assertThat(f.path("received").asLong()).as(where).isPositive().isLessThanOrEqualTo(counters[0][ch]);
            }
            assertThat(f.path("misrouted").asLong()).as(where).isZero();
            assertThat(f.path("duplicates").asLong()).as(where).isZero();
        }
        assertThat(x.misrouted)
                .as(x.name + ": Python packets that named another sender, addressee or channel")
                .isEmpty();
    }

    /** The Python client offered to exactly the peers with a smaller id, and to no other. */
    private static void assertLargerIdOffers(DemoClientProcess py, List<Integer> peers) {
        int p = py.id();
        List<Integer> offeredTo = py.events("signal").stream()
                .filter(s ->
                        "sent".equals(s.path("dir").asText()) && s.path("type").asInt() == MessageType.OFFER.code())
                .map(s -> s.path("id").asInt())
                .toList();
        List<Integer> smaller = peers.stream().filter(id -> id < p).toList();
        assertThat(offeredTo).as("the larger id offers").containsExactlyInAnyOrderElementsOf(smaller);
    }

    /**
     * What MeshScope peer {@code x} sent the Python client is what the Python client received from x, in order, and
     * what the Python client sent x reached x in order and was taken (verdict OK).
     */
    private static void assertSignalingMatches(InProcessLobbyPeer x, DemoClientProcess py) {
        int p = py.id();
        List<String> xSent = x.traces().stream()
                .filter(t -> t.direction() == SignalTrace.Direction.SENT && t.to() == p)
                .map(t -> t.type() + ":" + t.data())
                .toList();
        List<String> pyReceived = py.events("signal").stream()
                .filter(s -> "received".equals(s.path("dir").asText())
                        && s.path("id").asInt() == x.ownId
                        && s.path("type").asInt() >= MessageType.OFFER.code())
                .map(s -> s.path("type").asInt() + ":" + s.path("data").asText())
                .toList();
        assertThat(pyReceived)
                .as(x.name + "'s messages as the Python client got them")
                .isEqualTo(xSent);
        List<SignalTrace> xReceived = x.traces().stream()
                .filter(t -> t.direction() == SignalTrace.Direction.RECEIVED
                        && t.from() == p
                        && t.type() >= MessageType.OFFER.code())
                .toList();
        List<String> pySent = py.events("signal").stream()
                .filter(s -> "sent".equals(s.path("dir").asText())
                        && s.path("id").asInt() == x.ownId
                        // not JOIN, whose id 1 means client/server
                        && s.path("type").asInt() >= MessageType.OFFER.code())
                .map(s -> s.path("type").asInt() + ":" + s.path("data").asText())
                .toList();
        assertThat(xReceived.stream().map(t -> t.type() + ":" + t.data()).toList())
                .as("the Python client's messages as " + x.name + " got them")
                .isEqualTo(pySent);
        assertThat(xReceived).as("all taken").allMatch(t -> t.verdict() == SignalTrace.Verdict.OK);
        assertThat(pySent).as("an offer or answer, then candidates").isNotEmpty();
    }

    // ---------------------------------------------------------------- helpers

    /** The address the server listens on: the private namespace's veth address, or loopback outside one. */
    private static String serverHost() {
        return "private".equals(System.getenv("MESHSCOPE_NETNS")) ? "10.77.0.1" : "127.0.0.1";
    }

    private String server() throws Exception {
        LobbyServer s = new LobbyServer(LobbyServerConfig.defaults().withTimeouts(NO_LOBBY, NO_SEAL_CLOSE));
        open.add(s);
        int port = s.start(serverHost(), 0);
        return "ws://" + serverHost() + ":" + port;
    }

    private InProcessLobbyPeer peer(String name, String url, String lobby, boolean mesh) {
        InProcessLobbyPeer x = new InProcessLobbyPeer(name, rt, WebSocketOptions.of(URI.create(url), lobby, mesh));
        open.add(x);
        return x;
    }

    private DemoClientProcess python(String name, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--timeout", PY_TIMEOUT));
        DemoClientProcess py = DemoClientProcess.start(work, name, all.toArray(String[]::new));
        open.add(py);
        pythons.add(py);
        return py;
    }

    /** Ends the Python client by its quit command: it closes everything and exits 0. */
    private static void quit(DemoClientProcess py) throws Exception {
        py.command("quit");
        assertThat(py.process.waitFor(NOTICE.toSeconds(), TimeUnit.SECONDS))
                .as("quit" + py.diagnostics())
                .isTrue();
        assertThat(py.process.exitValue()).as(py.diagnostics()).isZero();
    }

    private static int agentId(AgentProcess a) {
        return a.events().stream()
                .filter(e -> "LobbyJoined".equals(e.path("event").asText()))
                .mapToInt(e -> e.path("id").asInt())
                .findFirst()
                .orElse(0);
    }

    /** The agent's latest traffic figure {@code field} for packets from {@code peer} on internal channel {@code ch}. */
    private static long agentTraffic(AgentProcess a, int peer, int ch, String field) {
        long v = 0;
        for (JsonNode e : a.events()) {
            if ("TrafficReport".equals(e.path("event").asText())
                    && e.path("peerId").asInt() == peer
                    && e.path("channel").asInt() == ch) {
                v = e.path(field).asLong();
            }
        }
        return v;
    }

    private void until(String what, Duration atMost, Callable<Boolean> condition) {
        try {
            await(what).atMost(atMost).pollInterval(Duration.ofMillis(200)).until(condition);
        } catch (ConditionTimeoutException e) {
            StringBuilder d = new StringBuilder(e.getMessage());
            pythons.forEach(py -> d.append(py.diagnostics()));
            d.append(agents.diagnostics());
            throw new AssertionError(d.toString(), e);
        }
    }
}
