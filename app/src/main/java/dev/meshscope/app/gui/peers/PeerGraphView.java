// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.peers;

import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.NetworkMode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * The peer graph: the local peer in the middle and every remote peer of {@code get_peers()} on a circle
 * around it, each edge coloured by its connection state (dashed while connecting or while some channel is
 * not open), the server relay drawn as a dotted ring. Readable from 1 to 32 peers: node size and labels
 * adapt to the count, labels point outward. Clicking a node selects that peer everywhere. Node ids:
 * {@code peer-node-<id>} (the local one is {@code peer-node-local}); edges {@code peer-edge-<id>} (style class
 * {@code silent} when nothing arrived for longer than the operator's threshold), with a label {@code edge-label-<id>}
 * at the middle naming the impairments set on the link and the silence ("out 40 ms, 10% loss · silent 7 s"). FX
 * thread.
 */
public final class PeerGraphView extends Pane {
    /** Space kept around the ring for the outward labels. */
    private static final double LABEL_MARGIN = 70;

    private final PeersViewModel vm;
    private final Group edges = new Group();
    private final Group nodes = new Group();
    private final Circle relayRing = new Circle();
    private final Text caption = new Text();
    private final Text empty = new Text("Create a server, client or mesh to see its peers here.");
    private final NodeView local = new NodeView(0, true);
    private final Map<Integer, NodeView> remote = new HashMap<>();
    private final Map<Integer, Line> edgeLines = new HashMap<>();
    private final Map<Integer, Text> edgeLabels = new HashMap<>();
    private final Group edgeTexts = new Group();
    private GraphModel model = GraphModel.EMPTY;

    /** A graph drawing {@code vm}'s model. */
    public PeerGraphView(PeersViewModel vm) {
        this.vm = vm;
        setId("peerGraph");
        getStyleClass().add("peer-graph");
        setMinSize(200, 160);
        relayRing.getStyleClass().add("graph-relay-ring");
        relayRing.setMouseTransparent(true);
        caption.getStyleClass().add("graph-caption");
        caption.setTextOrigin(VPos.TOP);
        empty.getStyleClass().add("graph-caption");
        empty.setTextOrigin(VPos.CENTER);
        edgeTexts.setMouseTransparent(true);
        getChildren().addAll(relayRing, edges, edgeTexts, nodes, caption, empty);
        nodes.getChildren().add(local.group);
        vm.modelProperty().addListener((o, a, b) -> apply(b));
        vm.selection().peerProperty().addListener((o, a, b) -> restyleSelection());
        apply(vm.modelProperty().get());
    }

    private void apply(GraphModel m) {
        model = m;
        boolean created =
                m.status() != ConnectionStatus.DISCONNECTED || !m.peers().isEmpty();
        empty.setVisible(!created);
        local.group.setVisible(created);
        local.setText(
                m.localId() == 0 ? "" : Integer.toString(m.localId()),
                "you · " + roleWords(m.mode(), true) + (m.localId() == 0 ? "" : " · id " + m.localId()));
        local.group.setId("peer-node-local");
        Map<Integer, GraphModel.Peer> byId = new HashMap<>();
        for (GraphModel.Peer p : m.peers()) {
            byId.put(p.id(), p);
        }
        for (Iterator<Map.Entry<Integer, NodeView>> it = remote.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, NodeView> e = it.next();
            if (!byId.containsKey(e.getKey())) {
                nodes.getChildren().remove(e.getValue().group);
                edges.getChildren().remove(edgeLines.remove(e.getKey()));
                edgeTexts.getChildren().remove(edgeLabels.remove(e.getKey()));
                it.remove();
            }
        }
        for (GraphModel.Peer p : m.peers()) {
            NodeView n = remote.computeIfAbsent(p.id(), id -> {
                NodeView v = new NodeView(id, false);
                nodes.getChildren().add(v.group);
                Line l = new Line();
                l.setId("peer-edge-" + id);
                l.getStyleClass().add("graph-edge");
                l.setMouseTransparent(true);
                edgeLines.put(id, l);
                edges.getChildren().add(l);
                Text t = new Text();
                t.setId("edge-label-" + id);
                t.getStyleClass().add("graph-edge-label");
                t.setTextOrigin(VPos.CENTER);
                edgeLabels.put(id, t);
                edgeTexts.getChildren().add(t);
                return v;
            });
            String state = edgeState(p);
            n.setState(state);
            n.setText(Integer.toString(p.id()), label(m, p));
            Line l = edgeLines.get(p.id());
            List<String> want = p.silent().isEmpty()
                    ? List.of("graph-edge", "state-" + state)
                    : List.of("graph-edge", "state-" + state, "silent");
            if (!l.getStyleClass().equals(want)) {
                l.getStyleClass().setAll(want); // Only on a change: each set restyles the edge (31 edges, 10 states/s).
            }
            edgeLabels.get(p.id()).setText(edgeText(p));
        }
        relayRing.setVisible(m.mode() == NetworkMode.SERVER && m.peers().size() > 1);
        caption.setText(caption(m));
        restyleSelection();
        requestLayout();
    }

    /** What the middle of an edge says: the link's impairments and its silence, or nothing. */
    static String edgeText(GraphModel.Peer p) {
        if (p.impairment().isEmpty()) {
            return p.silent();
        }
        return "⚠ " + p.impairment() + (p.silent().isEmpty() ? "" : " · " + p.silent());
    }

    private static String edgeState(GraphModel.Peer p) {
        if (p.partiallyOpen()) {
            return "partial";
        }
        if (p.connected()) {
            return "connected";
        }
        switch (p.state()) {
            case NEW:
                return "new";
            case CONNECTING:
                return "connecting";
            case CONNECTED:
                return "partial";
            case DISCONNECTED:
                return "disconnected";
            case FAILED:
                return "failed";
            default:
                return "closed";
        }
    }

    private String label(GraphModel m, GraphModel.Peer p) {
        String role = m.mode() == NetworkMode.CLIENT && p.id() == 1 ? " (server, relays)" : "";
        if (m.peers().size() > 12) {
            return p.id() + role + (p.connected() ? "" : " · " + shortState(p));
        }
        return p.id() + role + " · " + shortState(p) + " · " + p.openChannels() + "/" + p.channels() + " ch"
                + (p.pair().isEmpty() ? "" : " · " + p.pair() + (p.relayed() ? " (TURN relay)" : ""));
    }

    private static String shortState(GraphModel.Peer p) {
        return p.state() == ConnectionState.CONNECTED && !p.connected()
                ? "channels opening"
                : p.state().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String roleWords(NetworkMode mode, boolean local) {
        switch (mode) {
            case SERVER:
                return "server";
            case CLIENT:
                return "client";
            case MESH:
                return "mesh";
            default:
                return local ? "not created" : "";
        }
    }

    private static String caption(GraphModel m) {
        int connected = 0;
        for (GraphModel.Peer p : m.peers()) {
            connected += p.connected() ? 1 : 0;
        }
        String base = m.peers().size() + " peer(s), " + connected + " connected";
        switch (m.mode()) {
            case SERVER:
                return base + " · server relay: clients reach each other through this peer (dotted ring)";
            case CLIENT:
                return base + " · client: every other peer is reached through the server relay (peer 1)";
            case MESH:
                return base + " · mesh: one direct connection per peer";
            default:
                return "";
        }
    }

    private void restyleSelection() {
        int sel = vm.selection().peer();
        for (Map.Entry<Integer, NodeView> e : remote.entrySet()) {
            List<String> cls = e.getValue().group.getStyleClass();
            if (e.getKey() == sel) {
                if (!cls.contains("selected")) {
                    cls.add("selected");
                }
            } else {
                cls.remove("selected");
            }
        }
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double cx = w / 2;
        double cy = h / 2 + 8;
        empty.setX(Math.max(8, cx - empty.getLayoutBounds().getWidth() / 2));
        empty.setY(cy);
        caption.setX(10);
        caption.setY(6);
        int n = model.peers().size();
        double radius = Math.max(30, Math.min(w, h - 20) / 2 - LABEL_MARGIN);
        double nodeR = n <= 8 ? 22 : n <= 16 ? 17 : 13;
        if (n == 0) {
            local.place(cx, cy, 26, 0, true);
        } else {
            // The local caption points into the gap between the first two peers, so no peer disc covers it (with
            // two peers, one sits right below the centre where a centred caption would go).
            local.place(cx, cy, 26, -Math.PI / 2 + Math.PI / n, false);
        }
        relayRing.setCenterX(cx);
        relayRing.setCenterY(cy);
        relayRing.setRadius(radius);
        for (int i = 0; i < n; i++) {
            GraphModel.Peer p = model.peers().get(i);
            double a = -Math.PI / 2 + 2 * Math.PI * i / n;
            double x = cx + radius * Math.cos(a);
            double y = cy + radius * Math.sin(a);
            NodeView v = remote.get(p.id());
            if (v == null) {
                continue;
            }
            v.place(x, y, nodeR, a, false);
            Line l = edgeLines.get(p.id());
            l.setStartX(cx);
            l.setStartY(cy);
            l.setEndX(x);
            l.setEndY(y);
            Text t = edgeLabels.get(p.id());
            // Just short of half way out: clear of the local disc and of the peer's own label.
            double mx = cx + (x - cx) * 0.45;
            double my = cy + (y - cy) * 0.45;
            t.setX(mx - t.getLayoutBounds().getWidth() / 2);
            t.setY(my - 9);
        }
    }

    /** The style classes a peer's disc shows its connection state with (one at a time). */
    private static final List<String> STATE_CLASSES = List.of("connected", "connecting", "failed");

    /** One drawn peer: a disc with its id inside when it fits, and a label pointing outward. */
    private final class NodeView {
        final Group group = new Group();
        final Circle disc = new Circle();
        final Text inner = new Text();
        final Text label = new Text();

        NodeView(int id, boolean isLocal) {
            disc.getStyleClass().add("graph-disc");
            inner.getStyleClass().add("graph-node-id");
            inner.setTextOrigin(VPos.CENTER);
            inner.setTextAlignment(TextAlignment.CENTER);
            inner.setMouseTransparent(true);
            label.getStyleClass().add("graph-node-text");
            label.setTextOrigin(VPos.CENTER);
            group.getChildren().addAll(disc, inner, label);
            group.getStyleClass().add(isLocal ? "graph-node-local" : "graph-node-remote");
            if (!isLocal) {
                group.setId("peer-node-" + id);
                group.setCursor(Cursor.HAND);
                group.setOnMouseClicked(e -> vm.toggleSelect(id));
            }
        }

        void setState(String state) {
            String want = "connected".equals(state)
                    ? "connected"
                    : "failed".equals(state) || "disconnected".equals(state)
                            ? "failed"
                            : "closed".equals(state) ? null : "connecting";
            javafx.collections.ObservableList<String> cls = group.getStyleClass();
            if (want != null
                    && cls.contains(want)
                    && cls.stream().filter(STATE_CLASSES::contains).count() == 1) {
                return; // Unchanged: touching the style classes would restyle the node's whole group.
            }
            cls.removeAll(STATE_CLASSES);
            if (want != null) {
                cls.add(want);
            }
        }

        void setText(String id, String text) {
            inner.setText(id.length() <= 4 ? id : "");
            label.setText(text);
        }

        void place(double x, double y, double r, double angle, boolean center) {
            disc.setCenterX(x);
            disc.setCenterY(y);
            disc.setRadius(r);
            double iw = inner.getLayoutBounds().getWidth();
            inner.setX(x - iw / 2);
            inner.setY(y);
            double lw = label.getLayoutBounds().getWidth();
            if (center) {
                label.setX(x - lw / 2);
                label.setY(y + r + 12);
                return;
            }
            double c = Math.cos(angle);
            double s = Math.sin(angle);
            double lx = x + c * (r + 6);
            double ly = y + s * (r + 10);
            if (Math.abs(c) < 0.35) {
                label.setX(lx - lw / 2);
            } else if (c > 0) {
                label.setX(lx);
            } else {
                label.setX(lx - lw);
            }
            label.setY(ly);
        }
    }
}
