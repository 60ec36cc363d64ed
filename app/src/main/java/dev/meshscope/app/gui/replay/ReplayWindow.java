// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.replay;

import atlantafx.base.theme.Styles;
import dev.meshscope.app.gui.Icons;
import dev.meshscope.app.gui.MainWindow;
import dev.meshscope.app.gui.channels.ChannelTableView;
import dev.meshscope.app.gui.dictionary.DictionaryView;
import dev.meshscope.app.gui.log.EventLogView;
import dev.meshscope.app.gui.peers.PeerGraphView;
import dev.meshscope.app.gui.plots.PlotsView;
import dev.meshscope.app.gui.probe.ProbeTableView;
import java.util.Objects;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * The replay window: a second stage, read-only, titled and bannered "REPLAY of &lt;file&gt;". Top:
 * {@code replayBanner}, {@code replayDamageBanner} (only for a damaged record: where it stops),
 * {@code replayPlayButton}, {@code replaySlider} (seconds since the record's start), {@code replayTimeLabel},
 * {@code replayStatusLabel}. Below, two tabs ({@code replayTabs}). "Session" ({@code replaySessionTab}): the live
 * window's own views fed from the record: peer graph ({@code peerGraph}) beside {@code get_peers()}
 * ({@code dictionaryView}), the channel table ({@code channelTable}), the probe table ({@code probeTable}) beside the
 * event log ({@code eventLog}). "Plots" ({@code replayPlotsTab}): the live window's Plots view ({@code plotsView},
 * with the same control ids: {@code plotChart}, {@code plotKindChoice}, {@code plotPeerChoice},
 * {@code plotChannelChoice}, {@code plotPauseToggle}, {@code plotResetZoomButton}, {@code plotExportButton},
 * {@code plotPopOutButton}, {@code plotStatus}, {@code plotExportStatus}) over the history of the whole record on its
 * own clock, drawn up to the slider's moment, with the record's events as markers. Every control that would command
 * a session or change what was recorded is disabled (also {@code plotClearButton}). FX thread.
 */
public final class ReplayWindow {
    /** The window's size where the screen allows: a 1366x768 laptop screen shows it whole. */
    static final double WIDTH = 1340;

    /** See {@link #WIDTH}; leaves room for a task bar on a 768 px screen. */
    static final double HEIGHT = 720;

    /** The ids of the live views' controls that would send a command or change what was recorded. */
    private static final String[] COMMAND_CONTROLS = {"#clearProbesButton", "#clearDepartedButton", "#plotClearButton"};

    private final ReplayViewModel vm;
    private final Stage stage = new Stage();
    private final BorderPane root = new BorderPane();
    private final Tab sessionTab = new Tab("Session");
    private final Tab plotsTab = new Tab("Plots");
    private final TabPane tabs = new TabPane(sessionTab, plotsTab);
    private @Nullable PlotsView plotsView;

    private ReplayWindow(ReplayViewModel vm) {
        this.vm = vm;
    }

    /**
     * Opens a replay window for {@code vm} beside {@code owner} (or on the primary screen).
     *
     * @param owner the live window, or {@code null}
     */
    public static ReplayWindow open(ReplayViewModel vm, @Nullable Window owner) {
        ReplayWindow w = new ReplayWindow(vm);
        Rectangle2D area = Screen.getPrimary().getVisualBounds();
        w.build(Math.min(WIDTH, area.getWidth()), Math.min(HEIGHT, area.getHeight()));
        if (owner != null) {
            w.stage.initOwner(owner);
        }
        w.stage.setOnHidden(e -> vm.close());
        w.stage.show();
        return w;
    }

    private void build(double width, double height) {
        stage.setTitle(vm.title());
        Label banner = new Label(vm.title());
        banner.setId("replayBanner");
        banner.getStyleClass().addAll("replay-banner", Styles.TEXT_BOLD);
        banner.setStyle("-fx-background-color: #6a1b9a; -fx-text-fill: white; -fx-padding: 4 8;");
        banner.setMaxWidth(Double.MAX_VALUE);
        Label damage = new Label(vm.damageText());
        damage.setId("replayDamageBanner");
        damage.setWrapText(true);
        damage.setMaxWidth(Double.MAX_VALUE);
        damage.setStyle("-fx-background-color: #b71c1c; -fx-text-fill: white; -fx-padding: 4 8;");
        damage.setVisible(vm.damage() != null);
        damage.setManaged(vm.damage() != null);
        Button play = Icons.button("Play", Icons.CREATE);
        play.setId("replayPlayButton");
        play.textProperty().bind(vm.playingProperty().map(p -> p ? "Pause" : "Play"));
        play.setTooltip(new Tooltip("Play the record at its own speed from the moment shown"));
        play.setOnAction(e -> vm.togglePlay());
        Slider slider = new Slider(0, Math.max(vm.lengthSeconds(), 0.001), 0);
        slider.setId("replaySlider");
        slider.setShowTickMarks(true);
        slider.setShowTickLabels(true);
        slider.setMajorTickUnit(Math.max(1, Math.ceil(vm.lengthSeconds() / 10)));
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setMaxWidth(Double.MAX_VALUE);
        long start = vm.replay().startsAt();
        boolean[] following = {false};
        slider.valueProperty().addListener((o, a, b) -> {
            if (!following[0]) {
                vm.seekSeconds(b.doubleValue());
            }
        });
        vm.atProperty().addListener((o, a, b) -> {
            following[0] = true; // Playing moves the slider; that move must not seek again.
            try {
                slider.setValue((b.longValue() - start) / 1e6);
            } finally {
                following[0] = false;
            }
        });
        Label time = new Label();
        time.setId("replayTimeLabel");
        time.textProperty().bind(vm.timeTextProperty());
        time.setMinWidth(Label.USE_PREF_SIZE);
        Label status = new Label();
        status.setId("replayStatusLabel");
        status.textProperty().bind(vm.statusTextProperty());
        HBox controls = new HBox(8, play, slider, time);
        controls.setStyle("-fx-padding: 4 8;");
        VBox top = new VBox(2, banner, damage, controls, status);
        status.setStyle("-fx-padding: 0 8 4 8;");
        root.setTop(top);
        sessionTab.setId("replaySessionTab");
        plotsTab.setId("replayPlotsTab");
        tabs.setId("replayTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        PlotsView plots = new PlotsView(vm.plots());
        plotsTab.setContent(plots);
        plotsView = plots;
        root.setCenter(tabs);
        root.getStyleClass().add("meshscope");
        // Sized from the start, as the live window is: a first layout at the preferred size would be too wide.
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets()
                .add(Objects.requireNonNull(
                                MainWindow.class.getResource("meshscope.css"), "meshscope.css is missing from the jar")
                        .toExternalForm());
        stage.setScene(scene);
        root.applyCss();
        for (String id : COMMAND_CONTROLS) {
            for (Node n : plots.lookupAll(id)) {
                n.setDisable(true);
            }
        }
        showFeed(vm.feed());
        vm.feedProperty().addListener((o, a, b) -> showFeed(b));
    }

    /** Builds the live views on a (new) set of view models. */
    private void showFeed(ReplayFeed f) {
        SplitPane top = new SplitPane(new PeerGraphView(f.peers()), new DictionaryView(f.dictionary()));
        top.setDividerPositions(0.62);
        SplitPane bottom = new SplitPane(new ProbeTableView(f.traffic()), new EventLogView(f.log()));
        bottom.setDividerPositions(0.44);
        SplitPane center = new SplitPane(top, new ChannelTableView(f.channels()), bottom);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.36, 0.64);
        sessionTab.setContent(center);
        // Skins now, not at the next pulse: the split panes' items (and the buttons to disable) become children.
        root.applyCss();
        for (String id : COMMAND_CONTROLS) {
            for (Node n : center.lookupAll(id)) {
                n.setDisable(true);
            }
        }
    }

    /** The stage. */
    public Stage stage() {
        return stage;
    }

    /** The Plots tab's view (tests read its chart and export through it). */
    public PlotsView plotsView() {
        return Objects.requireNonNull(plotsView, "built in open()");
    }

    /** Shows the Plots tab ({@code plots} true) or the Session tab. */
    public void showPlots(boolean plots) {
        tabs.getSelectionModel().select(plots ? plotsTab : sessionTab);
    }

    /** The model. */
    public ReplayViewModel model() {
        return vm;
    }
}
