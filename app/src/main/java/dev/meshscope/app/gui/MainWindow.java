// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import dev.meshscope.app.gui.channels.ChannelTableView;
import dev.meshscope.app.gui.channels.ChannelsViewModel;
import dev.meshscope.app.gui.create.CreateView;
import dev.meshscope.app.gui.create.CreateViewModel;
import dev.meshscope.app.gui.dictionary.DictionaryView;
import dev.meshscope.app.gui.dictionary.DictionaryViewModel;
import dev.meshscope.app.gui.inspector.InspectorViewModel;
import dev.meshscope.app.gui.inspector.NetworkProfilerView;
import dev.meshscope.app.gui.inspector.PacketInspectorView;
import dev.meshscope.app.gui.inspector.ProfilerViewModel;
import dev.meshscope.app.gui.links.Departures;
import dev.meshscope.app.gui.links.LinksView;
import dev.meshscope.app.gui.links.LinksViewModel;
import dev.meshscope.app.gui.log.EventLogView;
import dev.meshscope.app.gui.log.LogEntry;
import dev.meshscope.app.gui.log.LogViewModel;
import dev.meshscope.app.gui.peers.PeerGraphView;
import dev.meshscope.app.gui.peers.PeersViewModel;
import dev.meshscope.app.gui.plots.PlotsView;
import dev.meshscope.app.gui.plots.PlotsViewModel;
import dev.meshscope.app.gui.probe.ProbeTableView;
import dev.meshscope.app.gui.probe.TrafficView;
import dev.meshscope.app.gui.probe.TrafficViewModel;
import dev.meshscope.app.gui.replay.RecordMenu;
import dev.meshscope.app.gui.signaling.FolderView;
import dev.meshscope.app.gui.signaling.FolderViewModel;
import dev.meshscope.app.gui.signaling.LobbyView;
import dev.meshscope.app.gui.signaling.LobbyViewModel;
import dev.meshscope.app.gui.signaling.LocalServerViewModel;
import dev.meshscope.app.gui.signaling.SignalingView;
import dev.meshscope.app.gui.signaling.SignalingViewModel;
import dev.meshscope.app.gui.signaling.TimelineView;
import dev.meshscope.app.gui.signaling.TimelineViewModel;
import dev.meshscope.app.gui.transport.TransportView;
import dev.meshscope.app.gui.transport.TransportViewModel;
import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.SessionCommands;
import dev.meshscope.session.SessionState;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The whole window: the view models (plain Java), the views built from them, and the routing of what the
 * {@link FxBridge} delivers. Header: {@code statusLabel}, {@code uniqueIdLabel}, {@code refuseToggle},
 * {@code errorLabel} (the newest failure whose condition still holds; two lines, the whole text in its tooltip)
 * and {@code dismissErrorButton}, below the menu bar. Left: Create, manual signaling, shared folder, signaling server
 * (and a lobby server in this window), Test packets, Link controls. Right, as tabs ({@code centerTabs}): Mesh
 * ({@code meshTab}: peer graph beside {@code get_peers()} and the selected peer's transport (tabs), the channel table,
 * the probe table and, in tabs, the event log and the signaling timeline), Packet inspector ({@code inspectorTab}) and
 * Network profiler ({@code profilerTab}) and Plots ({@code plotsTab}). FX thread.
 */
public final class MainWindow implements FxBridge.Receiver {
    private final Selection selection = new Selection();
    private final LogViewModel log = new LogViewModel();
    private final CreateViewModel create;
    private final PeersViewModel peers;
    private final ChannelsViewModel channels;
    private final DictionaryViewModel dictionary = new DictionaryViewModel();
    private final TrafficViewModel traffic;
    private final SignalingViewModel signaling;
    private final FolderViewModel folder;
    private final InspectorViewModel inspector;
    private final ProfilerViewModel profiler = new ProfilerViewModel();
    private final LobbyViewModel lobby;
    private final LocalServerViewModel localServer;
    private final TimelineViewModel timeline = new TimelineViewModel();
    private final PlotsViewModel plots;
    /** Peers that left, kept greyed in the tables until cleared. */
    private final Departures departures = new Departures();

    private final LinksViewModel links;
    private final TransportViewModel transport;
    /** Beside the graph: {@code get_peers()} and the selected peer's transport. */
    private final TabPane peerTabs = new TabPane();
    /** The bottom-right tabs: the event log and the signaling timeline. */
    private final TabPane logTabs = new TabPane();
    /** The right-hand side: the mesh views, the packet inspector, the network profiler. */
    private final TabPane centerTabs = new TabPane();

    private final BorderPane root = new BorderPane();
    /**
     * Where the peer graph ends and the channel table begins (share of the height): on a 768 px laptop screen this
     * leaves the graph room for a dozen peers and the event log room for ten lines.
     */
    private static final double GRAPH_SPLIT = 0.38;
    /** Where the channel table ends and the probes and the event log begin (share of the height). */
    private static final double CHANNELS_SPLIT = 0.64;
    /**
     * Share of the bottom row for the probe table: the event log gets the larger part, since its Event column is
     * the one that needs words (the probe table scrolls sideways on a laptop screen).
     */
    private static final double BOTTOM_SPLIT = 0.44;
    /** Width of the failure's tooltip: about 100 characters a line, readable at a glance. */
    private static final double ERROR_TOOLTIP_WIDTH = 640;

    /**
     * Builds the window for a session.
     *
     * @param commands where operator commands go (the session)
     * @param fx       runs replies on the FX thread (the bridge)
     */
    public MainWindow(SessionCommands commands, FxBridge fx) {
        create = new CreateViewModel(commands, fx);
        peers = new PeersViewModel(selection);
        channels = new ChannelsViewModel(selection, departures);
        traffic = new TrafficViewModel(commands, selection, departures);
        links = new LinksViewModel(commands, selection);
        transport = new TransportViewModel(selection, departures);
        signaling = new SignalingViewModel(commands);
        folder = new FolderViewModel(commands, create);
        inspector = new InspectorViewModel(commands);
        lobby = new LobbyViewModel(commands, create);
        localServer = new LocalServerViewModel(fx, lobby);
        plots = new PlotsViewModel(selection);
        selection
                .peerProperty()
                .addListener((o, a, b) ->
                        log.peerFilterProperty().set(b.intValue() == 0 ? "" : Integer.toString(b.intValue())));
        root.getStyleClass().add("meshscope");
        root.setTop(new VBox(menuBar(), header()));
        VBox left = new VBox(
                8,
                new CreateView(create),
                new SignalingView(signaling),
                new FolderView(folder),
                new LobbyView(lobby, localServer),
                new TrafficView(traffic),
                new LinksView(links));
        left.setStyle("-fx-padding: 8;");
        left.setPrefWidth(440);
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setId("formScroll");
        leftScroll.setFitToWidth(true);
        leftScroll.setMinWidth(300);
        leftScroll.setPrefWidth(470);
        Tab dictionaryTab = new Tab("get_peers()", new DictionaryView(dictionary));
        dictionaryTab.setId("dictionaryTab");
        Tab transportTab = new Tab("Transport", new TransportView(transport));
        transportTab.setId("transportTab");
        peerTabs.setId("peerTabs");
        peerTabs.getTabs().addAll(dictionaryTab, transportTab);
        // Selecting a peer (graph or channel table) shows its transport; the dictionary is one click away.
        selection.peerProperty().addListener((o, a, b) -> {
            if (b.intValue() != 0) {
                peerTabs.getSelectionModel().select(transportTab);
            }
        });
        SplitPane top = new SplitPane(new PeerGraphView(peers), peerTabs);
        top.setDividerPositions(0.62);
        Tab logTab = new Tab("Event log", new EventLogView(log));
        logTab.setId("eventLogTab");
        Tab timelineTab = new Tab("Signaling timeline", new TimelineView(timeline));
        timelineTab.setId("timelineTab");
        for (Tab tab : new Tab[] {logTab, timelineTab, dictionaryTab, transportTab}) {
            tab.setClosable(false);
        }
        logTabs.setId("logTabs");
        logTabs.getTabs().addAll(logTab, timelineTab);
        SplitPane bottom = new SplitPane(new ProbeTableView(traffic), logTabs);
        bottom.setDividerPositions(BOTTOM_SPLIT);
        SplitPane center = new SplitPane(top, new ChannelTableView(channels), bottom);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(GRAPH_SPLIT, CHANNELS_SPLIT);
        // The mesh views, the packet inspector and the network profiler share the right-hand side as tabs.
        Tab meshTab = new Tab("Mesh", center);
        meshTab.setId("meshTab");
        Tab inspectorTab = new Tab("Packet inspector", new PacketInspectorView(inspector));
        inspectorTab.setId("inspectorTab");
        Tab profilerTab = new Tab("Network profiler", new NetworkProfilerView(profiler));
        profilerTab.setId("profilerTab");
        profiler.setShown(profilerTab.isSelected());
        profilerTab.selectedProperty().addListener((o, a, b) -> profiler.setShown(b));
        Tab plotsTab = new Tab("Plots", new PlotsView(plots));
        plotsTab.setId("plotsTab");
        centerTabs.getTabs().addAll(meshTab, inspectorTab, profilerTab, plotsTab);
        centerTabs.setId("centerTabs");
        centerTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane main = new SplitPane(leftScroll, centerTabs);
        main.setDividerPositions(0.29);
        SplitPane.setResizableWithParent(leftScroll, false);
        root.setCenter(main);
        fx.setReceiver(this);
    }

    /**
     * The menu bar ({@code menuBar}): Record ({@link RecordMenu}: open a record for replay, export, merge), Signaling, with {@code lobbyServerMenuItem} starting or stopping the lobby
     * server in this window (the same as the panel's button, on the port chosen there).
     */
    private MenuBar menuBar() {
        MenuItem server = new MenuItem("Start lobby server");
        server.setId("lobbyServerMenuItem");
        server.textProperty()
                .bind(localServer
                        .runningProperty()
                        .map(r -> r ? "Stop the lobby server" : "Start a lobby server (port in Signaling server)"));
        server.disableProperty().bind(localServer.busyProperty());
        server.setOnAction(e -> localServer.toggle());
        MenuItem showTimeline = new MenuItem("Show the signaling timeline");
        showTimeline.setId("showTimelineMenuItem");
        showTimeline.setOnAction(e -> showTimeline());
        Menu signalingMenu = new Menu("Signaling", null, server, showTimeline);
        signalingMenu.setId("signalingMenu");
        MenuBar bar = new MenuBar(
                RecordMenu.create(
                        () -> root.getScene() == null ? null : root.getScene().getWindow(), a -> {
                            log.onAction(a);
                            log.flush();
                        }),
                signalingMenu);
        bar.setId("menuBar");
        return bar;
    }

    /** Brings the signaling timeline's tab to the front. FX thread. */
    public void showTimeline() {
        centerTabs.getSelectionModel().select(0);
        logTabs.getSelectionModel().select(1);
    }

    /** Brings the Plots tab to the front. FX thread. */
    public void showPlots() {
        centerTabs.getSelectionModel().select(3);
    }

    /** Stops what the window runs besides the session: the lobby server, if started here. FX thread. */
    public void shutdown() {
        localServer.shutdown();
    }

    /** {@code leakLabel}: the estimated heap webrtc-java 0.14.0 leaks for the messages received so far. */
    private final Label leak = new Label();

    private HBox header() {
        Label title = new Label("MeshScope", Icons.icon(Icons.MESH));
        title.getStyleClass().add("app-title");
        Label status = new Label();
        status.setId("statusLabel");
        status.getStyleClass().add("status-chip");
        status.textProperty().bind(create.statusTextProperty());
        create.statusProperty().addListener((o, a, b) -> styleStatus(status, b));
        styleStatus(status, create.statusProperty().get());
        Label uid = new Label();
        uid.setId("uniqueIdLabel");
        uid.textProperty().bind(create.uniqueIdTextProperty().map(s -> "unique id " + s));
        leak.setId("leakLabel");
        leak.getStyleClass().add("leak-estimate");
        leak.setTooltip(new Tooltip("webrtc-java 0.14.0 keeps ~" + WebRtcRuntime.LEAKED_BYTES_PER_MESSAGE
                + " B of Java heap per received message and never frees it (upstream issue 265, fixed by pull request "
                + "272, not released). This estimate is messages received x " + WebRtcRuntime.LEAKED_BYTES_PER_MESSAGE
                + " B; the soak benchmark (./meshscope bench soak) measured 88 B per message. Restart MeshScope after "
                + "long floods. Everything MeshScope holds itself is bounded."));
        ToggleSwitch refuse = new ToggleSwitch("refuse new connections");
        refuse.setId("refuseToggle");
        refuse.selectedProperty().bindBidirectional(create.refuseProperty());
        Label error = new Label();
        error.setId("errorLabel");
        error.getStyleClass().add("error-line");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.setMinWidth(0);
        HBox.setHgrow(error, Priority.ALWAYS);
        Tooltip whole = new Tooltip();
        whole.setWrapText(true);
        whole.setMaxWidth(ERROR_TOOLTIP_WIDTH);
        whole.textProperty().bind(error.textProperty());
        error.setTooltip(whole);
        Button dismiss = Icons.button("", Icons.CANCEL);
        dismiss.setId("dismissErrorButton");
        dismiss.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        dismiss.setTooltip(new Tooltip("Dismiss this failure (it stays in the event log)"));
        dismiss.setOnAction(e -> log.dismissFailure());
        dismiss.visibleProperty().bind(log.lastFailureProperty().isNotNull());
        log.lastFailureProperty()
                .addListener((o, a, b) ->
                        error.setText(b == null ? "" : "⚠ " + Format.time(b.atMillis()) + "  " + b.text()));
        for (Region r : new Region[] {title, status, uid, leak, refuse}) {
            r.setMinWidth(Region.USE_PREF_SIZE); // The status words never give way to a long failure text.
        }
        Region gap = new Region();
        gap.setMinWidth(12);
        HBox h = new HBox(title, status, uid, leak, refuse, gap, error, dismiss);
        h.getStyleClass().add("app-header");
        return h;
    }

    /** The header's leak line: "webrtc leak ≈ 1.2 MB" (estimate, see the tooltip), or nothing before any message. */
    static String leakText(SessionState s) {
        return s.webrtcMessages() == 0 ? "" : "webrtc-java leak ≈ " + Format.bytes(s.webrtcLeakBytes());
    }

    private static void styleStatus(Label l, ConnectionStatus s) {
        l.getStyleClass().removeAll("status-connected", "status-connecting", "status-disconnected");
        l.getStyleClass()
                .add(
                        s == ConnectionStatus.CONNECTED
                                ? "status-connected"
                                : s == ConnectionStatus.CONNECTING ? "status-connecting" : "status-disconnected");
    }

    @Override
    public void onEvent(MeshEvent event) {
        log.onEvent(event);
        plots.onEvent(event);
        departures.onEvent(event);
        if (event instanceof MeshEvent.WireStatsUpdated w) {
            peers.onWireStats(w.peerId(), w.stats());
            transport.onWireStats(w.peerId(), w.stats());
        }
    }

    @Override
    public void onAction(OperatorAction action) {
        log.onAction(action);
        plots.onAction(action);
    }

    @Override
    public void onState(SessionState s) {
        leak.setText(leakText(s));
        create.onState(s);
        peers.onState(s);
        channels.onState(s);
        dictionary.onState(s);
        traffic.onState(s);
        signaling.onState(s);
        folder.onState(s);
        inspector.onState(s);
        profiler.onState(s);
        lobby.onState(s);
        timeline.onState(s.signaling());
        plots.onState(s);
        links.onState(s);
        transport.onState(s);
    }

    @Override
    public void drained() {
        log.flush();
    }

    /** The root node to put in a scene. */
    public Parent root() {
        return root;
    }

    /** The lobby server this window may run (started from the Signaling server panel or the menu). */
    public LocalServerViewModel localServer() {
        return localServer;
    }

    /** The Plots tab's model (the session's history). */
    public PlotsViewModel plots() {
        return plots;
    }

    /** The shared selection. */
    public Selection selection() {
        return selection;
    }

    /** The event log's model. */
    public LogViewModel log() {
        return log;
    }

    /** The packet inspector's model. */
    public InspectorViewModel inspector() {
        return inspector;
    }

    /** The network profiler's model. */
    public ProfilerViewModel profiler() {
        return profiler;
    }

    /** The newest failure shown in the header, or null. */
    public LogEntry lastFailure() {
        return log.lastFailureProperty().get();
    }
}
