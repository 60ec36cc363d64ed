// SPDX-License-Identifier: MIT
package dev.meshscope.godot.packet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.godot.DecodeOptions;
import dev.meshscope.godot.Hex;
import dev.meshscope.godot.variant.Variant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficDecoderTest {
    private static final byte[] SIMPLIFY = Hex.bytes("01 38 65 35 61 34 35 66 30 63 39 33 65 39 33 32 39 64 63 64 65 61"
            + " 62 32 35 32 37 36 66 33 61 62 37 00 03 00 00 00 4d 61 69 6e 2f 50 6c 61 79 65 72 00");
    private static final byte[] MOVE = Hex.bytes("00 03 01 01 05 00 00 00 00 00 c0 3f 00 00 00 c0");

    private final TrafficDecoder decoder = new TrafficDecoder(DecodeOptions.DEFAULTS);

    @Test
    void godotsMethodIdsAndChecksumFollowTheSpecExample() {
        RpcMethodNames.Table t = RpcMethodNames.table(List.of("shoot", "move", "jump"));
        assertThat(t.scriptMethods()).containsExactly("jump", "move", "shoot");
        assertThat(t.checksum()).isEqualTo("8e5a45f0c93e9329dcdeab25276f3ab7");
        assertThat(RpcMethodNames.table(List.of()).checksum()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        // Uppercase sorts before '_' before lowercase; node-level ids carry bit 15.
        RpcMethodNames.Table mixed = RpcMethodNames.table(List.of("sync"), List.of("b", "_a", "Z"));
        assertThat(mixed.scriptMethods()).containsExactly("Z", "_a", "b");
        assertThat(mixed.nameOf(0x8000)).isEqualTo("sync");
        assertThat(mixed.idOf("sync")).isEqualTo(0x8000);
    }

    @Test
    void anRpcBeforeItsSimplifyPathShowsTheIdMarkedUnresolved() {
        DecodedMessage early = decoder.decode(2, 1, MOVE);
        assertThat(early.summary()).isEqualTo("rpc node#3@peer2 (path not seen yet) method#1(Vector2(1.5, -2))");
        assertThat(early.labels().get(Labels.NODE)).isNull();
    }

    @Test
    void theSimplifyPathSeenNamesLaterRpcsAndTheMethodTableNamesTheMethod() {
        decoder.methodNames().register(RpcMethodNames.table(List.of("jump", "move", "shoot")));
        assertThat(decoder.decode(2, 1, SIMPLIFY).summary())
                .isEqualTo("simplify_path #3 = /root/Main/Player (rpc md5 8e5a45f0)");
        DecodedMessage rpc = decoder.decode(2, 1, MOVE);
        assertThat(rpc.summary()).isEqualTo("rpc /root/Main/Player move(Vector2(1.5, -2))");
        // The id belongs to peer 2: the same bytes from peer 3 stay unresolved (negative twin).
        assertThat(decoder.decode(3, 1, MOVE).summary()).startsWith("rpc node#3@peer3 (path not seen yet)");
        // The confirmation travels back to peer 2 and is recorded.
        DecodedMessage confirm = decoder.decode(1, 2, Hex.bytes("02 01 03 00 00 00"));
        assertThat(confirm.summary()).isEqualTo("confirm_path #3 = /root/Main/Player");
        assertThat(decoder.pathCache().confirmedBy(2, 3)).containsExactly(1);
    }

    @Test
    void aChecksumMismatchKeepsTheMethodUnnamed() {
        decoder.methodNames().register("Main/Player", RpcMethodNames.table(List.of("jump", "run")));
        decoder.decode(2, 1, SIMPLIFY);
        assertThat(decoder.decode(2, 1, MOVE).summary()).isEqualTo("rpc /root/Main/Player method#1(Vector2(1.5, -2))");
    }

    @Test
    void relayedPacketsAreAttributedToTheirRealSource() {
        // Client 2 -> server: header is the destination (3); server -> client 3: header is the source (2).
        byte[] up = Hex.bytes("07 03 03 00 00 00");
        byte[] down = Hex.bytes("07 03 02 00 00 00");
        decoder.decode(1, 3, concat(down, SIMPLIFY));
        DecodedMessage toServer = decoder.decode(2, 1, concat(up, MOVE));
        assertThat(toServer.sender()).isEqualTo(2);
        assertThat(toServer.destination()).isEqualTo(3);
        assertThat(toServer.summary()).isEqualTo("relay 2→3: rpc /root/Main/Player method#1(Vector2(1.5, -2))");
        DecodedMessage toClient = decoder.decode(1, 3, concat(down, MOVE));
        assertThat(toClient.sender()).isEqualTo(2);
        assertThat(toClient.destination()).isEqualTo(3);
        assertThat(toClient.relayed()).isTrue();
        assertThat(toClient.innermost()).isInstanceOf(Packet.Rpc.class);
        // The server's own ids are not peer 2's (negative twin).
        assertThat(decoder.decode(1, 3, MOVE).summary()).contains("node#3@peer1");
    }

    @Test
    void delPeerForgetsThatPeersIds() {
        decoder.decode(2, 1, SIMPLIFY);
        decoder.decode(1, 3, Hex.bytes("07 02 02 00 00 00"));
        assertThat(decoder.pathCache().lookup(2, 3)).isNull();
        assertThat(decoder.decode(2, 1, MOVE).summary()).contains("(path not seen yet)");
    }

    @Test
    void spawnsNameTheirSynchronizersAndDespawns() {
        byte[] spawnerPath = PacketWriter.encode(new Packet.SimplifyPath("0".repeat(32), 2, "Main/Spawner"));
        decoder.decode(1, 2, spawnerPath);
        byte[] spawn = Hex.bytes("04 00 02 00 00 00 01 00 00 00 01 00 00 00 08 00 00 00 02 00 00 00"
                + " 50 6c 61 79 65 72 31 00 05 00 00 00 00 00 20 41 00 00 a0 41");
        assertThat(decoder.decode(1, 2, spawn).summary())
                .isEqualTo("spawn Player1 net#1 scene 0 by /root/Main/Spawner syncs [2] state (Vector2(10, 20))");
        byte[] sync = PacketWriter.encode(
                new Packet.Sync(7, List.of(new Packet.SyncElement(2, List.of(new Variant.Int(3))))));
        assertThat(decoder.decode(1, 2, sync).summary()).isEqualTo("sync seq 7: Player1 sync 0 (3)");
        assertThat(decoder.decode(1, 2, Hex.bytes("05 01 00 00 00")).summary()).isEqualTo("despawn net#1 (Player1)");
        assertThat(decoder.decode(1, 2, Hex.bytes("05 01 00 00 00")).summary()).isEqualTo("despawn net#1");
    }

    @Test
    void badMessagesComeBackAsErrorsAndLeaveTheCacheAlone() {
        byte[] broken = java.util.Arrays.copyOf(SIMPLIFY, 40);
        broken[39] = (byte) 0xC3; // truncated UTF-8 in the path
        DecodedMessage m = decoder.decode(2, 1, broken);
        assertThat(m.ok()).isFalse();
        assertThat(m.summary()).startsWith("undecodable: at byte 38:");
        assertThat(decoder.pathCache().size()).isZero();
        Map<String, Object> tree = m.tree();
        assertThat(tree).containsKey("error").doesNotContainKey("packet");
    }

    @Test
    void theTreeIsPlainMapsAndLists() {
        decoder.decode(2, 1, SIMPLIFY);
        Map<String, Object> tree = decoder.decode(2, 1, MOVE).tree();
        assertThat(tree).containsEntry("from", 2).containsEntry("sender", 2).containsEntry("length", 16);
        @SuppressWarnings("unchecked")
        Map<String, Object> packet = (Map<String, Object>) tree.get("packet");
        assertThat(packet)
                .containsEntry("kind", "rpc")
                .containsEntry("node_id", 3)
                .containsEntry("method_id", 1)
                .containsEntry("node_label", "/root/Main/Player");
        assertThat(packet.get("args")).isEqualTo(List.of(Map.of("type", "Vector2", "value", List.of(1.5, -2.0))));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
