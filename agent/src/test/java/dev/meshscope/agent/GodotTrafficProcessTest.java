// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.godot.DecodeOptions;
import dev.meshscope.godot.Decoded;
import dev.meshscope.godot.packet.DecodedMessage;
import dev.meshscope.godot.packet.Packet;
import dev.meshscope.godot.packet.PacketReader;
import dev.meshscope.godot.packet.PacketWriter;
import dev.meshscope.godot.packet.RpcMethodNames;
import dev.meshscope.godot.packet.TrafficDecoder;
import dev.meshscope.godot.variant.Variant;
import dev.meshscope.signaling.websocket.WebSocketOptions;
import dev.meshscope.signalserver.LobbyServer;
import dev.meshscope.signalserver.LobbyServerConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent and Godot's SceneMultiplayer traffic, between an agent JVM and MeshScope peers inside the test JVM that
 * play Godot peers (their packets built with godot-wire's {@link PacketWriter}, what they read decoded with its
 * {@link PacketReader} and {@link TrafficDecoder}, independently of the agent), in a lobby of a MeshScope lobby server:
 * {@code --decode} prints what was sent, in order, with names learnt from earlier packets and a bad packet's offset;
 * {@code --send-rpc} sends a SIMPLIFY_PATH then the RPC by path, and by cache id once the peer confirmed the path;
 * as the server of a client/server lobby the agent relays as a Godot host (ADD_PEER, RELAY both ways with the real
 * source, DEL_PEER, a relay to nobody dropped), and with {@code --no-relay} announces and forwards nothing.
 */
@Tag("multiprocess")
@Tag("native")
class GodotTrafficProcessTest {
    /** Bound for an agent JVM to start, join and connect to in-process peers on a loaded 2-core machine. */
    private static final Duration CONNECT = Duration.ofSeconds(90);
    /** Bound for a packet to cross a connected link (milliseconds in practice). */
    private static final Duration CROSS = Duration.ofSeconds(20);
    /** The server's wait for a JOIN (a cold agent JVM may take over the demo's 1 s); see AgentLobbyProcessTest. */
    private static final Duration NO_LOBBY = Duration.ofSeconds(15);

    private static final Duration NO_SEAL_CLOSE = Duration.ofMinutes(10);
    private static final String PACKET_PREFIX = "{\"event\":\"Packet\"";
    private static final String CALL = "/root/Main/Player3:move[jump,move,shoot]:Vector2(1.5,-2),3,\"hi\",true";
    private static final List<Variant> CALL_ARGS =
            List.of(new Variant.Vector2(1.5, -2, false), new Variant.Int(3), new Variant.Str("hi"), Variant.Bool.TRUE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WebRtcRuntime rt;

    @TempDir
    Path work;

    @RegisterExtension
    final AgentProcesses agents = new AgentProcesses();

    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void loadWebRtc() {
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

    @Test
    void decodePrintsWhatAGodotPeerSentInOrderWithLearntNamesAndABadPacketsOffset() throws Exception {
        String url = server();
        AgentProcess agent = agents.start(work, "decoder", "--signal-url", url, "--decode", "--echo");
        InProcessLobbyPeer godot = peer("godot", url, createdLobby(agent), true);
        until("the Godot peer is connected to the agent", CONNECT, () -> godot.connectedTo(1));

        byte[] rpc = PacketWriter.encode(new Packet.Rpc(
                Packet.ById.smallest(3),
                1,
                1,
                Packet.ArgForm.COUNTED,
                List.of(new Variant.Vector2(1.5, -2, false), new Variant.Int(7), new Variant.Str("hi"))));
        List<byte[]> sent = List.of(
                PacketWriter.encode(new Packet.SimplifyPath(
                        RpcMethodNames.table(List.of("jump", "move", "shoot")).checksum(), 3, "Main/Player")),
                rpc,
                PacketWriter.encode(new Packet.Spawn(
                        0, 3, 5, List.of(), "Enemy5", null, List.of(new Variant.Vector3(1, 2, 3, false)))),
                PacketWriter.encode(
                        new Packet.Sync(9, List.of(new Packet.SyncElement(0, List.of(new Variant.Int(42)))))),
                PacketWriter.encode(new Packet.Raw("raw bytes".getBytes(StandardCharsets.UTF_8))),
                Arrays.copyOf(rpc, rpc.length - 3)); // cut inside the String argument
        int[] channels = {0, 0, 0, 2, 1, 0};
        for (int i = 0; i < sent.size(); i++) {
            assertThat(godot.send(1, channels[i], sent.get(i))).isEqualTo(GodotError.OK);
        }

        List<JsonNode> echoes = new ArrayList<>();
        List<JsonNode> lines = packetLines(agent, sent.size(), echoes);
        TrafficDecoder independent = new TrafficDecoder(DecodeOptions.DEFAULTS);
        // Reliable (0) keeps order; the other channels are checked by content, as they may overtake.
        for (int i = 0; i < sent.size(); i++) {
            DecodedMessage expected = independent.decode(godot.ownId, 1, sent.get(i));
            JsonNode line = lines.stream()
                    .filter(l -> l.path("summary").asText().equals(expected.summary()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no line for " + expected.summary() + " in " + lines));
            assertThat(line.path("direction").asText()).isEqualTo("in");
            assertThat(line.path("peer").asInt()).isEqualTo(godot.ownId);
            assertThat(line.path("channel").asInt()).isEqualTo(channels[i]);
            assertThat(line.path("size").asInt()).isEqualTo(sent.get(i).length);
            assertThat(line.path("sender").asInt()).isEqualTo(godot.ownId);
            assertThat(line.path("atMillis").asLong()).isPositive();
        }
        List<String> reliableKinds = lines.stream()
                .filter(l -> l.path("channel").asInt() == 0)
                .map(l -> l.path("kind").asText())
                .toList();
        assertThat(reliableKinds).containsExactly("simplify_path", "rpc", "spawn", "undecodable");

        JsonNode rpcLine = byKind(lines, "rpc");
        assertThat(rpcLine.path("summary").asText())
                .as("the node path learnt from the SIMPLIFY_PATH before it")
                .contains("/root/Main/Player")
                .contains("Vector2(1.5, -2)")
                .contains("7")
                .contains("\"hi\"");
        assertThat(rpcLine.path("mode").asText()).isEqualTo("reliable");
        assertThat(rpcLine.path("tree").path("kind").asText()).isEqualTo("rpc");
        assertThat(rpcLine.path("tree").toString()).contains("Vector2").contains("hi");
        assertThat(byKind(lines, "spawn").path("summary").asText()).contains("Enemy5");
        JsonNode sync = byKind(lines, "sync");
        assertThat(sync.path("channel").asInt()).isEqualTo(2);
        assertThat(sync.path("label").asText()).isEqualTo("unreliable");
        assertThat(sync.path("mode").asText()).isEqualTo("unreliable");
        assertThat(byKind(lines, "raw").path("label").asText()).isEqualTo("ordered");

        // The negative twin: the cut RPC is an error at the offset where the String runs out, not a crash.
        JsonNode bad = byKind(lines, "undecodable");
        DecodedMessage cut = new TrafficDecoder(DecodeOptions.DEFAULTS).decode(godot.ownId, 1, sent.get(5));
        assertThat(cut.error()).isNotNull();
        assertThat(bad.path("error").path("offset").asInt())
                .isEqualTo(cut.error().offset());
        assertThat(bad.path("error").path("offset").asInt()).isBetween(1, sent.get(5).length);
        assertThat(bad.path("error").path("reason").asText())
                .isEqualTo(cut.error().reason());
        assertThat(bad.path("summary").asText()).startsWith("undecodable");
        assertThat(bad.path("tree").isMissingNode() || bad.path("tree").isNull())
                .isTrue();

        // With --echo the agent's answers are printed as sent: the same bytes back to the same peer and channel.
        until("the echo of the raw packet is printed as sent", CROSS, () -> {
            collect(agent, echoes);
            return echoes.stream()
                    .anyMatch(l -> "out".equals(l.path("direction").asText())
                            && "raw".equals(l.path("kind").asText())
                            && l.path("peer").asInt() == godot.ownId
                            && l.path("channel").asInt() == 1
                            && l.path("size").asInt() == sent.get(4).length);
        });

        // The agent goes on after it: a later packet still decodes.
        godot.send(1, 0, PacketWriter.encode(new Packet.SysDelPeer(77)));
        assertThat(packetLines(agent, 1, echoes).get(0).path("kind").asText()).isEqualTo("del_peer");
    }

    @Test
    void sendRpcSendsThePathFirstThenTheRpcByPathAndByCacheIdOnceConfirmed() throws Exception {
        String url = server();
        AgentProcess agent = agents.start(
                work, "caller", "--signal-url", url, "--send-rpc", CALL, "--rpc-interval", "300", "--decode");
        InProcessLobbyPeer godot = peer("godot", url, createdLobby(agent), true);
        until("the Godot peer is connected to the agent", CONNECT, () -> godot.connectedTo(1));

        PacketReader reader = new PacketReader(DecodeOptions.DEFAULTS);
        TrafficDecoder independent = new TrafficDecoder(DecodeOptions.DEFAULTS);
        RpcMethodNames.Table names = RpcMethodNames.table(List.of("jump", "move", "shoot"));
        independent.methodNames().register(names);

        Packet first = next(godot, reader, independent);
        assertThat(first)
                .as("Godot announces the path before the first RPC that names it")
                .isEqualTo(new Packet.SimplifyPath(names.checksum(), 1, "Main/Player3"));
        Packet second = next(godot, reader, independent);
        assertThat(second).isEqualTo(Packet.Rpc.of(new Packet.ByPath("Main/Player3"), 1, CALL_ARGS));
        Packet third = next(godot, reader, independent);
        assertThat(third)
                .as("not confirmed yet: the path again, and no second SIMPLIFY_PATH")
                .isEqualTo(second);

        // This peer confirms the path (4.3+ form): from now on the RPC names the node by its cache id.
        godot.send(1, 0, PacketWriter.encode(new Packet.ConfirmPathById(true, 1)));
        DecodedMessage byId = null;
        long end = System.nanoTime() + CROSS.toNanos();
        while (byId == null && System.nanoTime() < end) {
            InProcessLobbyPeer.Read r = godot.reads.poll(1, TimeUnit.SECONDS);
            if (r != null && r.from() == 1) {
                DecodedMessage m = independent.decode(1, godot.ownId, r.data());
                if (m.packet() instanceof Packet.Rpc rpc && rpc.target() instanceof Packet.ById) {
                    byId = m;
                }
            }
        }
        assertThat(byId)
                .as("an RPC by cache id after the confirmation" + agents.diagnostics())
                .isNotNull();
        assertThat(byId.packet()).isEqualTo(Packet.Rpc.of(Packet.ById.smallest(1), 1, CALL_ARGS));
        assertThat(byId.summary())
                .as("the receiver's own decoder resolves the id and the method name")
                .contains("/root/Main/Player3")
                .contains("move(Vector2(1.5, -2), 3, \"hi\", true)");

        // The agent's own --decode shows what it sent, in the same terms.
        List<JsonNode> out = new ArrayList<>();
        until("the agent printed its own SIMPLIFY_PATH and RPCs: " + out, CROSS, () -> {
            collect(agent, out);
            return out.stream()
                            .filter(l -> "out".equals(l.path("direction").asText()))
                            .filter(l -> "rpc".equals(l.path("kind").asText()))
                            .count()
                    >= 2;
        });
        System.err.println("caller's own packets: " + out);
        assertThat(out)
                .filteredOn(l -> "rpc".equals(l.path("kind").asText()))
                .allSatisfy(l -> assertThat(l.path("summary").asText()).contains("/root/Main/Player3"));
        assertThat(out)
                .filteredOn(l -> "out".equals(l.path("direction").asText()))
                .extracting(l -> l.path("kind").asText())
                .startsWith("simplify_path", "rpc");
        assertThat(agent.events())
                .filteredOn(e -> "RpcSent".equals(e.path("event").asText()))
                .anySatisfy(e -> assertThat(e.path("target").asText()).isEqualTo("path"))
                .anySatisfy(e -> assertThat(e.path("target").asText()).isEqualTo("id"));
    }

    @Test
    void asTheServerTheAgentRelaysAsAGodotHost() throws Exception {
        String url = server();
        AgentProcess host =
                agents.start(work, "host", "--signal-url", url, "--mode", "client", "--report-interval", "300");
        String lobby = createdLobby(host);
        InProcessLobbyPeer a = peer("a", url, lobby, false);
        InProcessLobbyPeer b = peer("b", url, lobby, false);
        until("both clients are connected to the host", CONNECT, () -> a.connectedTo(1) && b.connectedTo(1));
        PacketReader reader = new PacketReader(DecodeOptions.DEFAULTS);
        assertThat(nextSys(a, reader)).isEqualTo(new Packet.SysAddPeer(b.ownId));
        assertThat(nextSys(b, reader)).isEqualTo(new Packet.SysAddPeer(a.ownId));

        Packet.Raw hello = new Packet.Raw("from a".getBytes(StandardCharsets.UTF_8));
        a.send(1, 0, PacketWriter.encode(new Packet.SysRelay(b.ownId, hello)));
        InProcessLobbyPeer.Read atB = nextRead(b);
        assertThat(atB.from()).isEqualTo(1);
        assertThat(atB.channel()).isZero();
        assertThat(decode(reader, atB.data()))
                .as("the host rewrote the destination into the source")
                .isEqualTo(new Packet.SysRelay(a.ownId, hello));

        Packet rpc = Packet.Rpc.of(new Packet.ByPath("Main/Player"), 0, List.of(new Variant.Int(5)));
        b.send(1, 1, PacketWriter.encode(new Packet.SysRelay(a.ownId, rpc)));
        InProcessLobbyPeer.Read atA = nextRead(a);
        assertThat(atA.channel()).as("forwarded on the channel it came in on").isEqualTo(1);
        assertThat(decode(reader, atA.data())).isEqualTo(new Packet.SysRelay(b.ownId, rpc));
        TrafficDecoder clientView = new TrafficDecoder(DecodeOptions.DEFAULTS);
        DecodedMessage m = clientView.decode(1, a.ownId, atA.data());
        assertThat(m.sender()).as("a client sees the real source").isEqualTo(b.ownId);

        // The negative twin: a relay to a peer that is not there is dropped, and nobody gets it.
        a.send(1, 0, PacketWriter.encode(new Packet.SysRelay(999_999, hello)));
        until(
                "the host counted the drop",
                CROSS,
                () -> lastRelayReport(host).path("dropped").asLong() == 1);
        assertThat(lastRelayReport(host).path("lastDrop").asText()).contains("999999");

        a.close();
        open.remove(a);
        assertThat(nextSys(b, reader)).isEqualTo(new Packet.SysDelPeer(a.ownId));

        host.writeLine("quit");
        String line = host.nextLine("{\"event\":\"RelaySummary\"", CROSS.toSeconds());
        assertThat(line).as(agents.diagnostics()).isNotNull();
        JsonNode s = JSON.readTree(line);
        assertThat(s.path("enabled").asBoolean()).isTrue();
        assertThat(s.path("relayed").asLong()).isEqualTo(2);
        assertThat(s.path("dropped").asLong()).isEqualTo(1);
        assertThat(s.path("addPeerSent").asLong()).isEqualTo(2);
        assertThat(s.path("delPeerSent").asLong()).isEqualTo(1);
        assertThat(host.waitFor(30)).as(host.stderrText()).isZero();
        assertThat(host.stderrText()).contains("server relay on: relayed 2 packet(s)");
    }

    @Test
    void withNoRelayTheServerAnnouncesNobodyAndForwardsNothing() throws Exception {
        String url = server();
        AgentProcess host = agents.start(
                work, "host", "--signal-url", url, "--mode", "client", "--no-relay", "--report-interval", "300");
        String lobby = createdLobby(host);
        InProcessLobbyPeer a = peer("a", url, lobby, false);
        InProcessLobbyPeer b = peer("b", url, lobby, false);
        until("both clients are connected to the host", CONNECT, () -> a.connectedTo(1) && b.connectedTo(1));
        a.send(1, 0, PacketWriter.encode(new Packet.SysRelay(b.ownId, new Packet.Raw(new byte[] {1, 2, 3}))));
        until(
                "the host read the relay packet",
                CROSS,
                () -> host.events().stream()
                        .anyMatch(e -> "TrafficReport".equals(e.path("event").asText())
                                && e.path("peerId").asInt() == a.ownId
                                && e.path("received").asLong() >= 1));
        // Forwarding happens in the same read as the count: by now a relaying host would have sent it.
        assertThat(b.reads).as("no ADD_PEER, no relayed packet").isEmpty();
        assertThat(a.reads).isEmpty();
        host.writeLine("quit");
        String line = host.nextLine("{\"event\":\"RelaySummary\"", CROSS.toSeconds());
        assertThat(line).as(agents.diagnostics()).isNotNull();
        JsonNode s = JSON.readTree(line);
        assertThat(s.path("enabled").asBoolean()).isFalse();
        assertThat(s.path("relayed").asLong()).isZero();
        assertThat(s.path("addPeerSent").asLong()).isZero();
    }

    // ---------------------------------------------------------------- helpers

    private String server() throws Exception {
        LobbyServer s = new LobbyServer(LobbyServerConfig.defaults().withTimeouts(NO_LOBBY, NO_SEAL_CLOSE));
        open.add(s);
        int port = s.start("0.0.0.0", 0);
        return "ws://127.0.0.1:" + port;
    }

    private InProcessLobbyPeer peer(String name, String url, String lobby, boolean mesh) {
        InProcessLobbyPeer x = new InProcessLobbyPeer(name, rt, WebSocketOptions.of(URI.create(url), lobby, mesh));
        open.add(x);
        return x;
    }

    private String createdLobby(AgentProcess a) throws Exception {
        String line = a.nextLine("{\"event\":\"LobbyCreated\"", CONNECT.toSeconds());
        assertThat(line).as("LobbyCreated on stdout" + agents.diagnostics()).isNotNull();
        return JSON.readTree(line).path("lobby").asText();
    }

    private void until(String what, Duration atMost, Callable<Boolean> condition) {
        try {
            await(what).atMost(atMost).pollInterval(Duration.ofMillis(100)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + agents.diagnostics(), e);
        }
    }

    /** Moves every Packet line the agent printed so far into {@code into}. */
    private static void collect(AgentProcess a, List<JsonNode> into) throws Exception {
        String l;
        while ((l = a.stdout.poll()) != null) {
            if (l.startsWith(PACKET_PREFIX)) {
                into.add(JSON.readTree(l));
            }
        }
    }

    /** The next {@code n} incoming Packet lines of {@code a}; outgoing ones go to {@code sent}. */
    private List<JsonNode> packetLines(AgentProcess a, int n, List<JsonNode> sent) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        long end = System.nanoTime() + CROSS.toNanos();
        while (out.size() < n && System.nanoTime() < end) {
            String l = a.stdout.poll(100, TimeUnit.MILLISECONDS);
            if (l != null && l.startsWith(PACKET_PREFIX)) {
                JsonNode j = JSON.readTree(l);
                if ("in".equals(j.path("direction").asText())) {
                    out.add(j);
                } else {
                    sent.add(j);
                }
            }
        }
        assertThat(out).as("Packet lines" + agents.diagnostics()).hasSize(n);
        return out;
    }

    private static JsonNode byKind(List<JsonNode> lines, String kind) {
        return lines.stream()
                .filter(l -> kind.equals(l.path("kind").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " line in " + lines));
    }

    private InProcessLobbyPeer.Read nextRead(InProcessLobbyPeer p) throws InterruptedException {
        InProcessLobbyPeer.Read r = p.reads.poll(CROSS.toSeconds(), TimeUnit.SECONDS);
        assertThat(r).as(p.name + " read nothing" + agents.diagnostics()).isNotNull();
        return r;
    }

    /** The next packet {@code p} read from the agent (peer 1), decoded independently (and fed to {@code d}). */
    private Packet next(InProcessLobbyPeer p, PacketReader reader, TrafficDecoder d) throws InterruptedException {
        InProcessLobbyPeer.Read r = nextRead(p);
        assertThat(r.from()).isEqualTo(1);
        d.decode(1, p.ownId, r.data());
        return decode(reader, r.data());
    }

    private Packet nextSys(InProcessLobbyPeer p, PacketReader reader) throws InterruptedException {
        InProcessLobbyPeer.Read r = nextRead(p);
        assertThat(r.from()).isEqualTo(1);
        return decode(reader, r.data());
    }

    private static Packet decode(PacketReader reader, byte[] data) {
        Decoded<Packet> d = reader.decode(data);
        assertThat(d.isOk()).as("decodes: " + d).isTrue();
        return d.value();
    }

    private static JsonNode lastRelayReport(AgentProcess host) {
        JsonNode last = JSON.missingNode();
        for (JsonNode e : host.events()) {
            if ("RelayReport".equals(e.path("event").asText())) {
                last = e;
            }
        }
        return last;
    }
}
