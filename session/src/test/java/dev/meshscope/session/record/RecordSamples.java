// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import dev.meshscope.core.ChannelState;
import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.GatheringState;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.SignalingState;
import dev.meshscope.core.Step;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.impair.ImpairDirection;
import dev.meshscope.core.impair.Impairment;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.snapshot.ChannelSnapshot;
import dev.meshscope.core.snapshot.MeshSnapshot;
import dev.meshscope.core.snapshot.PeerSnapshot;
import dev.meshscope.core.snapshot.WireStats;
import dev.meshscope.session.OperatorAction;
import java.util.ArrayList;
import java.util.List;

/** One item of every kind and one event of every mesh-core type, with the values a real session produces. */
final class RecordSamples {
    static final String SDP = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "a=group:BUNDLE 0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n"
            + "a=candidate:1467250027 1 udp 2122260223 10.77.0.1 46243 typ host generation 0\r\n"
            + "a=candidate:842163049 1 udp 1686052607 203.0.113.7 61000 typ srflx raddr 10.77.0.1 rport 46243\r\n"
            + "a=candidate:9 1 udp 2122262783 2001:db8::42 51000 typ host generation 0\r\n"
            + "a=ice-ufrag:Xk3f\r\na=ice-pwd:9bQzPq1xTtLrV7sWdE2mN0aK\r\n"
            + "a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:3E:4B:65:1D:"
            + "3F:82:18:3B:54:02:12:DF\r\na=setup:actpass\r\na=mid:0\r\na=sctp-port:5000\r\n";
    static final String DICTIONARY = "{ 2: { \"connection\": <WebRTCLibPeerConnection#-9223372036837998591>, "
            + "\"connected\": true, \"channels\": [<WebRTCLibDataChannel#-9223372036821221374>] } }";
    static final String CANDIDATE =
            "candidate:1467250027 1 udp 2122260223 10.77.0.1 46243 typ host generation 0 ufrag Xk3f network-id 1";

    private RecordSamples() {}

    static ChannelSnapshot channel(int i, long sent, long received) {
        TransferMode m =
                i == 0 ? TransferMode.RELIABLE : i == 1 ? TransferMode.UNRELIABLE_ORDERED : TransferMode.UNRELIABLE;
        return new ChannelSnapshot(
                i,
                i == 0 ? "reliable" : i == 1 ? "ordered" : "unreliable",
                i + 1,
                m,
                i < 2,
                i == 0 ? -1 : 1,
                -1,
                ChannelState.OPEN,
                12,
                sent,
                sent * 100,
                received,
                received * 100,
                1,
                0,
                0,
                2,
                0,
                262144,
                1_700_000_000_000L);
    }

    static MeshSnapshot mesh(long atNanos, long sent) {
        List<ChannelSnapshot> chs = List.of(channel(0, sent, sent - 1), channel(1, sent, sent), channel(2, sent, 3));
        PeerSnapshot p = new PeerSnapshot(
                2, true, ConnectionState.CONNECTED, GatheringState.COMPLETE, SignalingState.STABLE, chs);
        return new MeshSnapshot(
                atNanos,
                NetworkMode.SERVER,
                1,
                ConnectionStatus.CONNECTED,
                false,
                List.of(TransferMode.RELIABLE, TransferMode.UNRELIABLE_ORDERED, TransferMode.UNRELIABLE),
                List.of(p));
    }

    static WireStats wire() {
        return new WireStats(
                1_700_000_000_500L,
                "10.77.0.1:46243 -> 10.77.0.2:51000",
                "host udp 10.77.0.1:46243",
                "host udp 10.77.0.2:51000",
                Double.NaN,
                1000,
                2000,
                10,
                20,
                "connected",
                "connected",
                List.of(new WireStats.ChannelWireStats(1, "reliable", "open", 5, 500, 6, 600)),
                List.of("host udp 10.77.0.1:46243", "srflx udp 203.0.113.7:61000"),
                List.of("host udp 10.77.0.2:51000"));
    }

    /** One event of every type mesh-core has (checked against the sealed interface by the tests). */
    static List<MeshEvent> everyEvent() {
        long n = 1_000_000_000L;
        long m = 1_700_000_000_000L;
        return List.of(
                new MeshEvent.Created(n, m, NetworkMode.SERVER, 1, 1),
                new MeshEvent.Closed(n + 1, m, 3),
                new MeshEvent.StatusChanged(n + 2, m, ConnectionStatus.CONNECTING, ConnectionStatus.CONNECTED),
                new MeshEvent.PeerAdded(n + 3, m, 2, false),
                new MeshEvent.ImpairmentChanged(
                        n + 4, m, 2, -1, ImpairDirection.OUTBOUND, new Impairment(40, 5, 10.0, 64000, false)),
                new MeshEvent.PeerConnected(n + 5, m, 2),
                new MeshEvent.PeerDisconnected(n + 6, m, 2),
                new MeshEvent.PeerRemoved(n + 7, m, 2, true, "the connection failed"),
                new MeshEvent.ConnectionStateChanged(n + 8, m, 2, ConnectionState.NEW, ConnectionState.CONNECTING),
                new MeshEvent.GatheringStateChanged(n + 9, m, 2, GatheringState.NEW, GatheringState.GATHERING),
                new MeshEvent.SignalingStateChanged(
                        n + 10, m, 2, SignalingState.STABLE, SignalingState.HAVE_LOCAL_OFFER),
                new MeshEvent.DescriptionCreated(n + 11, m, 2, "offer", SDP),
                new MeshEvent.RemoteDescriptionApplied(n + 12, m, 2, "answer"),
                new MeshEvent.CandidateCreated(n + 13, m, 2, "0", 0, CANDIDATE),
                new MeshEvent.CandidateAdded(n + 14, m, 2, CANDIDATE.replace("10.77.0.1", "10.77.0.2"), true),
                new MeshEvent.ChannelStateChanged(
                        n + 15, m, 2, 0, "reliable", ChannelState.CONNECTING, ChannelState.OPEN),
                new MeshEvent.PacketSent(n + 16, m, 2, 0, 100),
                new MeshEvent.PacketReceived(n + 17, m, 2, 1, 200),
                new MeshEvent.PacketDropped(n + 18, m, 2, 2, 300, true, "the channel is closed"),
                new MeshEvent.ProbeTimed(n + 19, m, 2, 0, true, 5, 123_456_789L, n + 20),
                new MeshEvent.ErrorRaised(
                        n + 21, m, 2, GodotError.FAILED, Step.ADD_PEER, "a bad \"reason\"\nwith a newline"),
                new MeshEvent.WireStatsUpdated(n + 22, m, 2, wire()),
                new MeshEvent.Snapshot(n + 23, m, mesh(n + 23, 7)));
    }

    /** Every item kind (every event type among them), at increasing times from {@code at}. */
    static List<RecordItem> everyItem(long at) {
        List<RecordItem> items = new ArrayList<>();
        items.add(new RecordItem.Config(
                at,
                "server",
                1,
                List.of("RELIABLE", "UNRELIABLE_ORDERED", "UNRELIABLE"),
                List.of("stun:10.77.0.1:3478", "turn:10.77.0.1:3478?transport=udp")));
        long t = at;
        for (MeshEvent e : everyEvent()) {
            items.add(new RecordItem.Event(++t, e));
        }
        items.add(new RecordItem.Stats(
                ++t,
                mesh(5, 40),
                DICTIONARY,
                List.of(new ProbeStats(
                        2, 0, 10, 9, 1, 0, 0, 0, 0.5, 0.9, 0.3, 1.1, Double.NaN, 9, 2, 1_700_000_000_050L))));
        items.add(new RecordItem.Action(
                ++t, new OperatorAction(1_700_000_000_100L, 2, "add peer", "offered to 2", false)));
        items.add(new RecordItem.Action(++t, OperatorAction.failed(0, "apply paste", "the paste was cut at char 120")));
        items.add(new RecordItem.Signal(++t, "RECEIVED", "manual", 4, 2, 1, SDP.length(), SDP, "OK", ""));
        items.add(new RecordItem.Signal(++t, "RECEIVED", "websocket", -1, 0, 1, 9, "{garbage", "REFUSED", "not JSON"));
        items.add(new RecordItem.Dropped(++t, 12, 40));
        return items;
    }
}
