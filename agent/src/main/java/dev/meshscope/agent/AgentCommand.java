// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.GodotError;
import dev.meshscope.core.MeshThread;
import dev.meshscope.core.MultiplayerPeer;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.RtcConfiguration;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.signaling.folder.FolderCheck;
import dev.meshscope.signaling.folder.FolderOptions;
import dev.meshscope.signaling.message.ModeNames;
import dev.meshscope.signaling.session.ManualExchange;
import dev.meshscope.signaling.session.PeerWiring;
import dev.meshscope.signaling.websocket.WebSocketOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code meshscope agent}: a headless peer. It runs one {@link WebRtcMultiplayerPeer} on a {@link MeshThread},
 * signals by hand ({@code --manual}: descriptions on stdout, pastes on stdin), through a shared folder
 * ({@code --signal-dir}) or through a WebSocket lobby server ({@code --signal-url}; both lobbies driven by
 * signaling-file's {@code LobbySession}, see {@link AgentLobby}), optionally echoes every packet and pings every
 * channel, and writes mesh-core's events as JSON lines. Status goes to stderr so stdout stays machine-readable.
 * Godot traffic ({@code --decode}, {@code --send-rpc}, {@code --relay}) is in {@link GodotOptions}/{@link GodotHooks},
 * the links ({@code --impair}, {@code --late-threshold}, {@code --relay-only}) in {@link LinkOptions}/{@link LinkHooks}.
 *
 * <p>It ends cleanly (peer closed, runtime closed, presence file removed) when stdin ends, on SIGTERM/Ctrl-C, on
 * {@code quit}, or after {@code --exit-after}. Exit codes: 0 normal end, 2 bad options, 3 the WebRTC library
 * cannot load, 4 signaling refused this peer or stopped before the lobby was sealed (duplicate id, sealed folder or
 * lobby, unknown lobby, no server, the host left), 143 terminated by a signal; with {@code --send}
 * ({@link SendOptions}), 0 means every packet came back right, else {@link Summary#EXIT_INCOMPLETE} or
 * {@link Summary#EXIT_NOTHING_SENT}.
 */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Run a headless MeshScope peer (Godot WebRTCMultiplayerPeer) that signals by hand, through a "
                + "shared folder or through a WebSocket lobby server (Godot demo protocol).",
        footer = {
            "",
            "Examples:",
            "  terminal 1:  ./meshscope agent --mode server --manual --echo",
            "  terminal 2:  ./meshscope agent --mode client --id 2 --manual --ping-interval 500",
            "  (paste terminal 2's line into terminal 1, then terminal 1's answer into terminal 2)",
            "  folder mesh: ./meshscope agent --mode mesh --id 2 --signal-dir /shared/lobby --echo",
            "  lobby:       ./meshscope agent --signal-url ws://127.0.0.1:9080 --echo   (prints the new lobby's name)",
            "               ./meshscope agent --signal-url ws://127.0.0.1:9080 --lobby NAME --echo",
            "  godot:       ./meshscope agent --signal-url ws://127.0.0.1:9080 --mode client --decode   (host, relays)",
            "               ./meshscope agent ... --send-rpc '/root/Main/Player3:move[jump,move,shoot]:Vector2(1.5,-2),3'",
            "  links:       ./meshscope agent ... --impair all:out:delay=40,loss=10 --relay-only --ice-server turn:H:P,U,C",
            "",
            "Exit codes: 0 done (with --send: every packet came back right), 2 bad options,",
            "  3 WebRTC library missing, 4 refused by the lobby or signaling lost before the seal, 143 terminated,",
            "  5 --send: not every packet came back right (summary line on stdout),",
            "  6 --send: no peer to send to ever connected."
        })
public final class AgentCommand implements Callable<Integer> {
    /**
     * Exit code when the lobby refused this peer (duplicate id, sealed folder or lobby, unusable folder, unknown
     * lobby, no server) or signaling stopped before the lobby was sealed (the host left).
     */
    static final int EXIT_SIGNALING = 4;
    /** Exit code when the WebRTC library cannot load (libpulse0 missing). */
    static final int EXIT_NO_LIBRARY = 3;
    /** Exit code after SIGTERM/SIGINT, as a shell reports a terminated process (128 + 15). */
    static final int EXIT_TERMINATED = 143;
    /** Longest wait for the owner thread to close the peer at exit. */
    private static final long CLOSE_WAIT_SECONDS = 5;
    /** Longest a SIGTERM waits for the clean-up before the JVM halts anyway. */
    private static final long HOOK_WAIT_SECONDS = 10;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--mode",
            paramLabel = "server|client|mesh",
            description = "Network mode: server (id 1), client (connects to peer 1) or mesh. Required, except with "
                    + "--signal-url: mesh (default) or client (a client/server lobby, whose creator is the server).")
    String mode;

    @Option(
            names = "--id",
            paramLabel = "N",
            description = "This peer's id (1..2147483647; the server is always 1; a WebSocket lobby assigns it).")
    Integer id;

    static final class Signaling {
        @Option(names = "--signal-dir", paramLabel = "DIR", description = "Signal through this shared folder.")
        Path dir;

        @Option(
                names = "--manual",
                description = "Print descriptions on stdout (one per line), read pastes from stdin.")
        boolean manual;

        @Option(
                names = "--signal-url",
                paramLabel = "ws://HOST:PORT",
                description = "Join a WebSocket lobby server speaking the Godot demo protocol (the demo's Node or "
                        + "GDScript server, ./meshscope signal-server).")
        URI url;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Signaling signaling;

    @Option(
            names = "--lobby",
            paramLabel = "NAME",
            description = "With --signal-url: the lobby to join (leave it out to create one: its name is printed on "
                    + "stdout as a JSON line, and this peer becomes its host, peer 1).")
    String lobby;

    @Option(
            names = "--echo",
            description = "Answer every packet on the channel it came in on (probe pings with pongs).")
    boolean echo;

    @Option(
            names = "--channels",
            split = ",",
            paramLabel = "MODE",
            converter = ChannelListConverter.class,
            description =
                    "Extra channels (Godot channels_config): 0/unreliable, 1/ordered, 2/reliable, comma-separated.")
    List<TransferMode> channels = new ArrayList<>();

    @Option(
            names = "--remote-id",
            paramLabel = "N",
            description = "Manual mode: the peer to offer to (mesh, larger id "
                    + "offers) or to assume as the sender of a raw SDP.")
    int remoteId;

    @Option(
            names = "--output",
            paramLabel = "blob|browser|demo",
            defaultValue = "blob",
            description =
                    "Manual mode: print descriptions as MeshScope blobs (default), browser JSON or demo messages.")
    String output;

    @Option(
            names = "--ice-server",
            paramLabel = "URL[,user,credential]",
            converter = IceServerConverter.class,
            description = "A STUN or TURN server for every connection, manual, folder or lobby (repeatable; none: "
                    + "host candidates only).")
    List<RtcConfiguration.IceServer> iceServers = new ArrayList<>();

    @Option(
            names = "--gather-timeout-ms",
            paramLabel = "MS",
            description = "Manual mode: fail an exchange whose ICE "
                    + "gathering takes longer (default 15000, as the window).")
    Long gatherTimeoutMs;

    @Option(names = "--events", paramLabel = "FILE", description = "Write mesh-core events as JSON lines to FILE.")
    Path events;

    @Option(
            names = "--record",
            paramLabel = "FILE",
            description = "Record the session into FILE (gzip JSON lines, as the window records; see docs/records.md).")
    Path record;

    @Option(
            names = "--ping-interval",
            paramLabel = "MS",
            defaultValue = "0",
            description = "Ping every channel of every connected peer this often (0: never).")
    long pingMs;

    @Option(
            names = "--report-interval",
            paramLabel = "MS",
            defaultValue = "2000",
            description = "Report probe round trips this often while pinging (default ${DEFAULT-VALUE}).")
    long reportMs;

    @Option(
            names = "--heartbeat-ms",
            paramLabel = "MS",
            description = "Folder mode: presence heartbeat period (default 1000).")
    Long heartbeatMs;

    @Option(
            names = "--stale-ms",
            paramLabel = "MS",
            description = "Folder mode: report a peer gone after this long " + "without a heartbeat (default 5000).")
    Long staleMs;

    @Option(
            names = "--create",
            description = "Folder mode: create the --signal-dir folder if it does not exist "
                    + "(without it a missing folder is refused, so a typo does not become a lobby of one).")
    boolean create;

    @Option(
            names = "--no-stdin",
            description = "Folder and lobby mode: do not read stdin (for background runs); stop with SIGTERM. "
                    + "Manual mode: stdin carries the pastes, but its end does not stop the agent.")
    boolean noStdin;

    @Option(
            names = "--exit-after",
            paramLabel = "SECONDS",
            defaultValue = "0",
            description = "Stop after this many seconds (0: run until stdin ends or SIGTERM).")
    double exitAfter;

    @Mixin
    SendOptions sendOptions = new SendOptions();

    @Mixin
    GodotOptions godotOptions = new GodotOptions();

    @Mixin
    LinkOptions linkOptions = new LinkOptions();

    private volatile boolean closing;
    private SendPlan sendPlan;
    private GodotPlan godotPlan;
    private LinkPlan linkPlan;

    /**
     * Runs the agent on its own ({@code java -cp CLASSPATH dev.meshscope.agent.AgentCommand ARGS}), as the agent's
     * process tests do; the shipped jar reaches the same command as {@code meshscope agent}. Called on the JVM's
     * main thread, which runs {@link #call()} and then exits the JVM with the agent's exit code.
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentCommand()).execute(args));
    }

    @Override
    public Integer call() {
        AgentSetup validated = validate();
        int channelCount =
                WebRtcMultiplayerPeer.CH_RESERVED_MAX + validated.channels().size();
        sendPlan = sendOptions.plan(spec.commandLine(), channelCount, !godotOptions.sendRpc.isEmpty());
        godotPlan = godotOptions.plan(
                spec.commandLine(), channelCount, validated.mode(), validated.webSocket(), sendPlan.target());
        linkPlan = linkOptions.plan(spec.commandLine(), channelCount, iceServers);
        AgentSetup setup = validated.withIce(linkPlan.ice());
        Status status = new Status(System.err, setup.id());
        EventWriter events = null;
        if (setup.events() != null) {
            try {
                events = EventWriter.open(setup.events());
            } catch (IOException e) {
                throw new ParameterException(
                        spec.commandLine(), "cannot write --events " + setup.events() + ": " + e.getMessage());
            }
        }
        AgentRecording recording = null;
        if (record != null) {
            try {
                recording = AgentRecording.open(record);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot write --record " + record + ": " + e);
            }
            events = events != null ? events : EventWriter.silent();
            events.tap(recording::agentEvent);
        }
        try {
            return run(setup, status, events != null ? events : EventWriter.NONE, recording);
        } finally {
            if (events != null) {
                events.close();
            }
            if (recording != null) {
                recording.close();
            }
        }
    }

    private int run(AgentSetup setup, Status status, EventWriter events, AgentRecording recording) {
        WebRtcRuntime rt = WebRtcRuntime.create();
        if (rt.loadProblem() != null) {
            status.say(rt.loadProblem());
            return EXIT_NO_LIBRARY;
        }
        CompletableFuture<Integer> done = new CompletableFuture<>();
        CountDownLatch cleaned = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    done.complete(EXIT_TERMINATED);
                    try {
                        cleaned.await(HOOK_WAIT_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "agent-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        MeshThread thread = new MeshThread("mesh-agent-" + (setup.webSocket() ? "lobby" : setup.id()), rt);
        thread.setFailureHandler(t -> status.say("internal error on the mesh thread (the agent goes on): " + t));
        WebRtcMultiplayerPeer peer = new WebRtcMultiplayerPeer();
        PeerWiring wiring = new PeerWiring(rt);
        wiring.setConfiguration(setup.ice());
        AgentTraffic traffic = new AgentTraffic(peer, setup.echo());
        thread.execute(() -> {
            traffic.start();
            watch(peer, status, events);
        });
        if (recording != null) {
            recording.attach(thread, peer, traffic::stats, setup.ice().iceServers());
        }
        thread.addPoller(peer::poll);
        thread.addPoller(traffic::drain);
        ScriptHooks script =
                new ScriptHooks(sendPlan, setup, peer, traffic, thread, status, events, () -> done.complete(0));
        GodotHooks godot = new GodotHooks(
                godotPlan,
                peer,
                traffic,
                thread,
                status,
                events,
                System.out,
                setup.reportEvery().toMillis());
        new LinkHooks(
                linkPlan,
                peer,
                traffic,
                thread,
                status,
                events,
                setup.reportEvery().toMillis());
        if (!setup.pingEvery().isZero()) {
            thread.addTicker(setup.pingEvery().toMillis(), TimeUnit.MILLISECONDS, traffic::pingAll);
            thread.addTicker(
                    setup.reportEvery().toMillis(),
                    TimeUnit.MILLISECONDS,
                    () -> traffic.report(s -> events.agentRecord("ProbeReport", s), status::say));
        }
        events.agentEvent(
                "AgentStarted",
                "mode",
                ModeNames.name(setup.mode()),
                "id",
                setup.id(),
                "channels",
                ModeNames.toInts(setup.channels()),
                "signaling",
                setup.manual()
                        ? "manual"
                        : setup.webSocket()
                                ? setup.signalUrl().toString()
                                : setup.signalDir().toString(),
                "lobby",
                setup.lobby(),
                "pid",
                ProcessHandle.current().pid());
        status.say("started as " + ModeNames.name(setup.mode()) + " peer "
                + (setup.webSocket() ? "(the lobby assigns the id)" : setup.id()) + " with "
                + ModeNames.describe(setup.channels()) + (setup.echo() ? ", echo on" : "") + ", "
                + (setup.ice().iceServers().isEmpty()
                        ? "no ICE servers (host candidates only)"
                        : setup.ice().iceServers().size() + " ICE server(s)"
                                + (linkPlan.relayOnly() ? ", relay candidates only" : ""))
                + ".");

        AgentLobby lobby = null;
        BiConsumer<String, Boolean> input;
        Runnable endOfInput;
        if (setup.manual()) {
            AgentManual manual = new AgentManual(peer, wiring, setup, System.out, status, events);
            thread.execute(() -> {
                peer.addEventListener(manual::onEvent);
                if (create(peer, setup, status)) {
                    manual.start();
                }
            });
            thread.addPoller(manual::tick);
            PasteAccumulator pastes = new PasteAccumulator();
            input = (line, more) -> {
                String p = pastes.line(line, more);
                if (p != null) {
                    thread.execute(() -> manual.paste(p));
                }
            };
            endOfInput = () -> {
                String p = pastes.flush();
                if (p != null) {
                    thread.execute(() -> manual.paste(p));
                }
            };
        } else {
            AgentLobby l =
                    AgentLobby.start(setup, thread, wiring, peer, status, events, System.out, done, () -> closing);
            lobby = l;
            input = (line, more) -> l.input(line);
            endOfInput = () -> {};
        }
        if (setup.readStdin() || setup.manual()) {
            readStdin(input, endOfInput, setup.readStdin() ? done : null, status);
        }
        if (!setup.exitAfter().isZero()) {
            CompletableFuture.delayedExecutor(setup.exitAfter().toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> done.complete(0));
        }

        int code = done.join();
        closing = true;
        status.say("stopping" + (code == EXIT_TERMINATED ? " (terminated)" : "") + "...");
        if (lobby != null) {
            lobby.close();
        }
        try {
            int scriptCode = thread.call(() -> {
                        traffic.report(s -> events.agentRecord("ProbeReport", s), status::say);
                        godot.finish(System.out);
                        int c = script.finish(System.out);
                        peer.close();
                        return c;
                    })
                    .get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            code = code == 0 ? scriptCode : code;
        } catch (Exception e) {
            status.say("the mesh thread did not close the peer in time (" + e + "); closing the runtime anyway.");
        }
        thread.close();
        rt.close();
        events.agentEvent("AgentStopped", "exitCode", code);
        status.say("stopped.");
        cleaned.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down (SIGTERM): the hook is running and returns once we are done.
        }
        return code;
    }

    /** Creates the multiplayer peer in the chosen mode (owner thread). */
    private static boolean create(WebRtcMultiplayerPeer peer, AgentSetup setup, Status status) {
        GodotError e = switch (setup.mode()) {
            case SERVER -> peer.createServer(setup.channels());
            case CLIENT -> peer.createClient(setup.id(), setup.channels());
            default -> peer.createMesh(setup.id(), setup.channels());
        };
        if (e != GodotError.OK) {
            status.say("cannot create the peer: " + e
                    + (peer.getLastFailure() == null
                            ? ""
                            : " (" + peer.getLastFailure().reason() + ")"));
            return false;
        }
        return true;
    }

    /** Prints Godot's signals and notable mesh events on stderr, and registers the JSON-lines writer (owner thread). */
    private static void watch(WebRtcMultiplayerPeer peer, Status status, EventWriter events) {
        peer.addListener(new MultiplayerPeer.Listener() {
            @Override
            public void peerConnected(int id) {
                status.say("peer_connected(" + id + ")");
            }

            @Override
            public void peerDisconnected(int id) {
                status.say("peer_disconnected(" + id + ")");
            }
        });
        peer.addEventListener(event -> {
            if (event instanceof MeshEvent.PeerRemoved || event instanceof MeshEvent.ErrorRaised) {
                status.say(event.describe());
            }
        });
        if (events != EventWriter.NONE) {
            peer.addEventListener(events);
        }
    }

    /** Reads stdin on its own thread; its end stops the agent through {@code done}, unless that is {@code null}. */
    private static void readStdin(
            BiConsumer<String, Boolean> input, Runnable endOfInput, CompletableFuture<Integer> done, Status status) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader in =
                            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null && (done == null || !done.isDone())) {
                            input.accept(line, in.ready());
                        }
                    } catch (IOException e) {
                        status.say("stdin failed (" + e.getMessage() + "); stopping.");
                    }
                    endOfInput.run();
                    if (done != null) {
                        done.complete(0);
                    }
                },
                "agent-stdin");
        t.setDaemon(true);
        t.start();
    }

    private AgentSetup validate() {
        URI url = signaling.url;
        NetworkMode m;
        if (mode == null) {
            if (url == null) {
                throw usage("--mode is required: server, client or mesh.");
            }
            m = NetworkMode.MESH;
        } else {
            m = ModeNames.parse(mode);
            if (m == null) {
                throw usage("--mode must be server, client or mesh, not '" + mode + "'.");
            }
        }
        if (url != null) {
            return validateLobby(url, m);
        }
        if (lobby != null) {
            throw usage("--lobby is for --signal-url (a WebSocket lobby server).");
        }
        int own;
        if (m == NetworkMode.SERVER) {
            if (id != null && id != 1) {
                throw usage("a server is always peer 1 (Godot); drop --id or use --id 1.");
            }
            own = 1;
        } else {
            if (id == null) {
                throw usage("--id is required for a " + mode + " peer (any id from 2 to 2147483647"
                        + (m == NetworkMode.MESH ? ", or 1" : "") + ").");
            }
            own = id;
            if (own < 1) {
                throw usage("--id must be 1..2147483647, not " + own + ".");
            }
            if (m == NetworkMode.CLIENT && own == 1) {
                throw usage("a client cannot be peer 1: that is the server's id. Use --id 2 or more.");
            }
        }
        boolean manual = signaling.manual;
        if (remoteId != 0) {
            if (!manual) {
                throw usage("--remote-id is for --manual; in a folder the peers find each other.");
            }
            if (remoteId < 1 || remoteId == own) {
                throw usage("--remote-id must be another peer's id (1..2147483647, not " + own + ").");
            }
            if (m == NetworkMode.CLIENT && remoteId != 1) {
                throw usage("a client only connects to the server: --remote-id can only be 1.");
            }
            if (m == NetworkMode.SERVER && remoteId == 1) {
                throw usage("the server is peer 1: --remote-id must be a client's id.");
            }
        }
        AgentManual.Output out;
        try {
            out = AgentManual.Output.valueOf(output.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("--output must be blob, browser or demo, not '" + output + "'.");
        }
        if (!manual && out != AgentManual.Output.BLOB) {
            throw usage("--output is for --manual.");
        }
        if ((heartbeatMs != null || staleMs != null || create) && manual) {
            throw usage("--heartbeat-ms, --stale-ms and --create are for --signal-dir.");
        }
        if (gatherTimeoutMs != null && (!manual || gatherTimeoutMs <= 0)) {
            throw usage("--gather-timeout-ms is for --manual and must be more than 0.");
        }
        if (pingMs < 0 || reportMs <= 0 || exitAfter < 0) {
            throw usage("--ping-interval and --exit-after must be 0 or more, --report-interval more than 0.");
        }
        Duration heartbeat =
                Duration.ofMillis(heartbeatMs != null ? heartbeatMs : FolderOptions.DEFAULT_HEARTBEAT.toMillis());
        Duration stale = Duration.ofMillis(staleMs != null ? staleMs : FolderOptions.DEFAULT_STALE_AFTER.toMillis());
        if (!manual) {
            try {
                FolderOptions.of(signaling.dir, own, m, channels)
                        .withTimings(heartbeat, stale, FolderOptions.DEFAULT_POLL_INTERVAL);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage() + ".");
            }
            String folder = FolderCheck.problem(signaling.dir, create);
            if (folder != null) {
                throw usage("--signal-dir: " + folder);
            }
        }
        return new AgentSetup(
                m,
                own,
                List.copyOf(channels),
                manual ? null : signaling.dir,
                null,
                "",
                remoteId,
                out,
                echo,
                events,
                Duration.ofMillis(pingMs),
                Duration.ofMillis(reportMs),
                heartbeat,
                stale,
                !noStdin,
                Duration.ofMillis(Math.round(exitAfter * 1000)),
                RtcConfiguration.withServers(iceServers),
                gatherTimeoutMs != null ? Duration.ofMillis(gatherTimeoutMs) : ManualExchange.GATHER_TIMEOUT);
    }

    /** The options of a WebSocket lobby: mesh or client, no id, none of the manual or folder options. */
    private AgentSetup validateLobby(URI url, NetworkMode m) {
        if (m == NetworkMode.SERVER) {
            throw usage("in a WebSocket lobby the creator is the server: use --mode client (leave out --lobby to "
                    + "create the lobby and be its server, peer 1).");
        }
        if (id != null) {
            throw usage("--id is not for --signal-url: the lobby assigns ids (its creator is peer 1).");
        }
        if (lobby != null && lobby.isBlank()) {
            throw usage("--lobby needs a name; leave it out to create a lobby.");
        }
        if (remoteId != 0 || !"blob".equals(output) || gatherTimeoutMs != null) {
            throw usage("--remote-id, --output and --gather-timeout-ms are for --manual.");
        }
        if (heartbeatMs != null || staleMs != null || create) {
            throw usage("--heartbeat-ms, --stale-ms and --create are for --signal-dir.");
        }
        if (pingMs < 0 || reportMs <= 0 || exitAfter < 0) {
            throw usage("--ping-interval and --exit-after must be 0 or more, --report-interval more than 0.");
        }
        String name = lobby == null ? "" : lobby.strip();
        try {
            WebSocketOptions.of(url, name, m == NetworkMode.MESH);
        } catch (IllegalArgumentException e) {
            throw usage("--signal-url: " + e.getMessage());
        }
        return new AgentSetup(
                m,
                0,
                List.copyOf(channels),
                null,
                url,
                name,
                0,
                AgentManual.Output.BLOB,
                echo,
                events,
                Duration.ofMillis(pingMs),
                Duration.ofMillis(reportMs),
                FolderOptions.DEFAULT_HEARTBEAT,
                FolderOptions.DEFAULT_STALE_AFTER,
                !noStdin,
                Duration.ofMillis(Math.round(exitAfter * 1000)),
                RtcConfiguration.withServers(iceServers),
                ManualExchange.GATHER_TIMEOUT);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
