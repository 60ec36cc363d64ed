// SPDX-License-Identifier: MIT
package dev.meshscope.godot.packet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.godot.DecodeOptions;
import dev.meshscope.godot.Decoded;
import dev.meshscope.godot.GodotVersion;
import dev.meshscope.godot.Hex;
import dev.meshscope.godot.variant.Variant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden vectors are the constructed examples of scene-multiplayer-packets.md, written out byte for byte. */
class PacketCodecTest {
    private static final PacketReader AUTO = new PacketReader(DecodeOptions.DEFAULTS);
    private static final PacketReader V42 = new PacketReader(DecodeOptions.DEFAULTS.withVersion(GodotVersion.V4_2));
    private static final PacketReader V43 = new PacketReader(DecodeOptions.DEFAULTS.withVersion(GodotVersion.V4_3));

    private static final String MD5 = "8e5a45f0c93e9329dcdeab25276f3ab7";
    private static final Variant MOVE_TO = new Variant.Vector2(1.5, -2, false);

    static Stream<Packet> everyKind() {
        Packet rpc = Packet.Rpc.of(Packet.ById.smallest(3), 1, List.of(MOVE_TO));
        return Stream.of(
                rpc,
                Packet.Rpc.of(new Packet.ByPath("Main/Player"), 1, List.of(MOVE_TO, new Variant.Str("x"))),
                Packet.Rpc.of(Packet.ById.smallest(70_000), 0x8001, List.of()),
                Packet.Rpc.of(new Packet.ById(300, 4), 2, List.of(new Variant.PackedByteArray(new byte[] {1, 2}))),
                new Packet.SimplifyPath(MD5, 3, "Main/Player"),
                new Packet.ConfirmPathById(true, 3),
                new Packet.ConfirmPathByPath(false, "Main/Player"),
                new Packet.Raw("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new Packet.Spawn(0, 2, 1, List.of(2), "Player1", null, List.of(new Variant.Vector2(10, 20, false))),
                new Packet.Spawn(255, 2, 3, List.of(), "Bullet2", new Variant.Int(7), List.of()),
                new Packet.Despawn(1),
                new Packet.Sync(
                        42,
                        List.of(
                                new Packet.SyncElement(5 | 0x8000_0000, List.of(new Variant.Int(75))),
                                new Packet.SyncElement(2, List.of(Variant.Bool.TRUE, new Variant.Float(0.5))))),
                new Packet.DeltaSync(List.of(new Packet.DeltaElement(7, 0b110, List.of(new Variant.Int(1), MOVE_TO)))),
                new Packet.SysAuth(new byte[] {9, 8}),
                new Packet.SysAuth(new byte[0]),
                new Packet.SysAddPeer(3),
                new Packet.SysDelPeer(3),
                new Packet.SysRelay(3, rpc),
                new Packet.SysRelay(-2, new Packet.Raw(new byte[] {1})));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void everyPacketKindRoundTrips(Packet p) {
        byte[] bytes = PacketWriter.encode(p);
        PacketReader reader = p instanceof Packet.ConfirmPathByPath ? V42 : AUTO;
        assertThat(reader.decode(bytes).value()).isEqualTo(p);
        assertThat(PacketWriter.encode(reader.decode(bytes).value())).isEqualTo(bytes);
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void everyTruncationIsADecodeErrorNotAnException(Packet p) {
        byte[] bytes = PacketWriter.encode(p);
        for (int cut = 0; cut < bytes.length; cut++) {
            Decoded<Packet> d = AUTO.decode(bytes, 0, cut);
            if (d.isOk()) {
                // Only prefixes that are themselves valid packets of the same kind may decode.
                assertThat(d.value().command()).isEqualTo(p.command());
            } else {
                assertThat(d.error().offset()).isBetween(0, cut);
                assertThat(d.error().reason()).doesNotContain("decoder bug");
            }
        }
    }

    @Test
    void rpcVectorsFromSection44() {
        byte[] move = Hex.bytes("00 | 03 | 01 | 01 | 05 00 00 00  00 00 c0 3f  00 00 00 c0");
        Packet.Rpc rpc = (Packet.Rpc) AUTO.decode(move).value();
        assertThat(rpc.target()).isEqualTo(new Packet.ById(3, 1));
        assertThat(rpc.methodId()).isEqualTo(1);
        assertThat(rpc.args()).containsExactly(MOVE_TO);
        assertThat(PacketWriter.encode(Packet.Rpc.of(Packet.ById.smallest(3), 1, List.of(MOVE_TO))))
                .isEqualTo(move);

        byte[] byPath = Hex.bytes("20 | 13 00 00 80 | 01 | 01 | 05 00 00 00 00 00 c0 3f 00 00 00 c0 |"
                + " 4d 61 69 6e 2f 50 6c 61 79 65 72 00");
        assertThat(byPath).hasSize(31);
        Packet.Rpc p = (Packet.Rpc) AUTO.decode(byPath).value();
        assertThat(p.target()).isEqualTo(new Packet.ByPath("Main/Player"));
        assertThat(p.args()).containsExactly(MOVE_TO);
        assertThat(PacketWriter.encode(p)).isEqualTo(byPath);

        Packet.Rpc jump = (Packet.Rpc) AUTO.decode(Hex.bytes("80 03 00")).value();
        assertThat(jump.argForm()).isEqualTo(Packet.ArgForm.NONE);
        assertThat(jump.args()).isEmpty();

        Packet.Rpc shoot =
                (Packet.Rpc) AUTO.decode(Hex.bytes("80 03 02 de ad be ef")).value();
        assertThat(shoot.argForm()).isEqualTo(Packet.ArgForm.BYTES);
        assertThat(shoot.args()).containsExactly(new Variant.PackedByteArray(Hex.bytes("de ad be ef")));

        byte[] three = Hex.bytes("00 03 02 03 | 42 2c 01 | 81 | 04 00 00 00 02 00 00 00 68 69 00 00");
        Packet.Rpc r3 = (Packet.Rpc) AUTO.decode(three).value();
        assertThat(r3.args()).containsExactly(new Variant.Int(300), Variant.Bool.TRUE, new Variant.Str("hi"));
        assertThat(PacketWriter.encode(r3)).isEqualTo(three);
    }

    @Test
    void malformedRpcsAreRefusedWithTheirOffset() {
        // Node-id size code 3 does not exist.
        assertThat(AUTO.decode(Hex.bytes("30 03 00 00 00 01 00")).error().reason())
                .contains("size code 3");
        // argc says 2, one argument present.
        Decoded<Packet> shortArgs = AUTO.decode(Hex.bytes("00 03 01 02 02 05"));
        assertThat(shortArgs.error().offset()).isEqualTo(6);
        // Path offset past the end, and into the header.
        assertThat(AUTO.decode(Hex.bytes("20 40 00 00 80 01 01 02 05")).error().reason())
                .contains("past the packet end");
        assertThat(AUTO.decode(Hex.bytes("20 02 00 00 80 01 01 02 05 41 00"))
                        .error()
                        .reason())
                .contains("into the RPC header");
        // A full Object argument is refused by default, accepted when allowed.
        byte[] withObject = Hex.bytes("00 03 01 01 18 00 00 00 04 00 00 00 4e 6f 64 65 00 00 00 00");
        assertThat(AUTO.decode(withObject).error().reason()).contains("object decoding is off");
        PacketReader allowing = new PacketReader(DecodeOptions.DEFAULTS.withObjectDecoding(true));
        assertThat(((Packet.Rpc) allowing.decode(withObject).value()).args())
                .containsExactly(new Variant.FullObject("Node", List.of()));
    }

    @Test
    void simplifyPathVectorFromSection33() {
        byte[] bytes = Hex.bytes("01 38 65 35 61 34 35 66 30 63 39 33 65 39 33 32 39 64 63 64 65 61 62 32 35 32 37 36"
                + " 66 33 61 62 37 00 03 00 00 00 4d 61 69 6e 2f 50 6c 61 79 65 72 00");
        assertThat(bytes).hasSize(50);
        assertThat(AUTO.decode(bytes).value()).isEqualTo(new Packet.SimplifyPath(MD5, 3, "Main/Player"));
        assertThat(PacketWriter.encode(new Packet.SimplifyPath(MD5, 3, "Main/Player")))
                .isEqualTo(bytes);
        assertThat(AUTO.decode(java.util.Arrays.copyOf(bytes, 37)).error().reason())
                .contains("at least 38");
    }

    @Test
    void confirmPathHasTwoFormsByVersion() {
        byte[] idForm = Hex.bytes("02 01 03 00 00 00");
        byte[] pathForm = Hex.bytes("02 01 4d 61 69 6e 2f 50 6c 61 79 65 72 00");
        assertThat(V43.decode(idForm).value()).isEqualTo(new Packet.ConfirmPathById(true, 3));
        assertThat(AUTO.decode(idForm).value()).isEqualTo(new Packet.ConfirmPathById(true, 3));
        assertThat(V42.decode(pathForm).value()).isEqualTo(new Packet.ConfirmPathByPath(true, "Main/Player"));
        assertThat(AUTO.decode(pathForm).value()).isEqualTo(new Packet.ConfirmPathByPath(true, "Main/Player"));
        // Negative twins: a 4.3 decoder refuses the path form, and names the fix.
        assertThat(V43.decode(pathForm).error().reason()).contains("exactly 6").contains("4.2");
        // A 3-character path is also 6 bytes; auto tells it from an id by the bytes (§3.2); pinned 4.2 reads a path.
        byte[] abc = Hex.bytes("02 01 41 62 63 00");
        assertThat(AUTO.decode(abc).value()).isEqualTo(new Packet.ConfirmPathByPath(true, "Abc"));
        assertThat(V42.decode(abc).value()).isEqualTo(new Packet.ConfirmPathByPath(true, "Abc"));
        assertThat(V43.decode(abc).value()).isEqualTo(new Packet.ConfirmPathById(true, 0x00636241));
        assertThat(V42.decode(Hex.bytes("02 01")).error().reason()).contains("at least 3");
    }

    @Test
    void replicationVectorsFromSection7() {
        byte[] spawn = Hex.bytes("04 | 00 | 02 00 00 00 | 01 00 00 00 | 01 00 00 00 | 08 00 00 00 | 02 00 00 00 |"
                + " 50 6c 61 79 65 72 31 00 | 05 00 00 00 00 00 20 41 00 00 a0 41");
        assertThat(spawn).hasSize(42);
        Packet.Spawn s = (Packet.Spawn) AUTO.decode(spawn).value();
        assertThat(s)
                .isEqualTo(new Packet.Spawn(
                        0, 2, 1, List.of(2), "Player1", null, List.of(new Variant.Vector2(10, 20, false))));
        assertThat(PacketWriter.encode(s)).isEqualTo(spawn);

        byte[] custom = Hex.bytes(
                "04 ff 02 00 00 00 03 00 00 00 00 00 00 00 08 00 00 00 42 75 6c 6c 65 74 32 00" + " 02 00 00 00 02 07");
        Packet.Spawn c = (Packet.Spawn) AUTO.decode(custom).value();
        assertThat(c.customArg()).isEqualTo(new Variant.Int(7));
        assertThat(c.name()).isEqualTo("Bullet2");
        assertThat(PacketWriter.encode(c)).isEqualTo(custom);

        assertThat(AUTO.decode(Hex.bytes("05 01 00 00 00")).value()).isEqualTo(new Packet.Despawn(1));

        byte[] sync = Hex.bytes("06 | 2a 00 | 05 00 00 80 | 0e 00 00 00 | 05 00 00 00 00 00 c8 42 00 00 48 42 | 02 4b");
        Packet.Sync y = (Packet.Sync) AUTO.decode(sync).value();
        assertThat(y.sequence()).isEqualTo(42);
        assertThat(y.elements()).hasSize(1);
        assertThat(y.elements().get(0).pathBased()).isTrue();
        assertThat(y.elements().get(0).id()).isEqualTo(5);
        assertThat(y.elements().get(0).values())
                .containsExactly(new Variant.Vector2(100, 50, false), new Variant.Int(75));
        assertThat(PacketWriter.encode(y)).isEqualTo(sync);

        byte[] delta = Hex.bytes("16 | 07 00 00 00 | 02 00 00 00 00 00 00 00 | 02 00 00 00 | 02 4b");
        Packet.DeltaSync ds = (Packet.DeltaSync) AUTO.decode(delta).value();
        assertThat(ds.elements()).containsExactly(new Packet.DeltaElement(7, 2, List.of(new Variant.Int(75))));
        assertThat(PacketWriter.encode(ds)).isEqualTo(delta);
    }

    @Test
    void malformedReplicationIsRefused() {
        // SPAWN claiming 2^30 synchronizers in 18 bytes.
        Decoded<Packet> spawn = AUTO.decode(Hex.bytes("04 00 02 00 00 00 01 00 00 00 00 00 00 40 08 00 00 00"));
        assertThat(spawn.error().offset()).isEqualTo(10);
        assertThat(spawn.error().reason()).contains("1073741824 synchronizer ids");
        // Zero-length name (Godot refuses it).
        assertThat(AUTO.decode(Hex.bytes("04 00 02 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00"))
                        .error()
                        .reason())
                .contains("name length is 0");
        // SYNC element size beyond the packet.
        assertThat(AUTO.decode(Hex.bytes("06 2a 00 05 00 00 80 ff 00 00 00 02 4b"))
                        .error()
                        .offset())
                .isEqualTo(11);
        // Delta mask says two values, one is there.
        assertThat(AUTO.decode(Hex.bytes("16 07 00 00 00 03 00 00 00 00 00 00 00 02 00 00 00 02 4b"))
                        .error()
                        .reason())
                .contains("2 bits set")
                .contains("1 values");
        // 4.0 has no delta SYNC: it reads 0x16 as a full SYNC, as Godot 4.0 does.
        PacketReader v40 = new PacketReader(DecodeOptions.DEFAULTS.withVersion(GodotVersion.V4_0));
        assertThat(v40.decode(Hex.bytes("16 2a 00 05 00 00 80 02 00 00 00 02 4b"))
                        .value())
                .isInstanceOf(Packet.Sync.class);
        assertThat(AUTO.decode(Hex.bytes("06 2a 00 05 00 00 80")).error().reason())
                .contains("under 11");
    }

    @Test
    void sysVectorsFromTheWebrtcSpec() {
        byte[] inner = Hex.bytes("00 03 01 01 05 00 00 00 00 00 c0 3f 00 00 00 c0");
        byte[] toServer = Hex.bytes("07 03 03 00 00 00 00 03 01 01 05 00 00 00 00 00 c0 3f 00 00 00 c0");
        Packet.SysRelay relay = (Packet.SysRelay) AUTO.decode(toServer).value();
        assertThat(relay.peer()).isEqualTo(3);
        assertThat(relay.inner()).isEqualTo(AUTO.decode(inner).value());
        assertThat(AUTO.decode(Hex.bytes("07 01 05 00 00 00")).value()).isEqualTo(new Packet.SysAddPeer(5));
        assertThat(AUTO.decode(Hex.bytes("07 02 05 00 00 00")).value()).isEqualTo(new Packet.SysDelPeer(5));
        assertThat(((Packet.SysAuth) AUTO.decode(Hex.bytes("07 00")).value()).completed())
                .isTrue();
        assertThat(AUTO.decode(Hex.bytes("07 03 ff ff ff ff 03 41")).value())
                .isEqualTo(new Packet.SysRelay(-1, new Packet.Raw(new byte[] {0x41})));
    }

    @Test
    void malformedSysIsRefused() {
        assertThat(AUTO.decode(Hex.bytes("07 03 03 00 00 00")).error().reason()).contains("without an inner packet");
        assertThat(AUTO.decode(Hex.bytes("07 03 03 00 00 00 07 01 02 00 00 00"))
                        .error()
                        .offset())
                .isEqualTo(6);
        assertThat(AUTO.decode(Hex.bytes("07 09 03 00 00 00")).error().reason()).contains("unknown SYS sub-command 9");
        assertThat(AUTO.decode(Hex.bytes("07 01 05 00")).error().reason()).contains("at least 6");
        assertThat(AUTO.decode(Hex.bytes("07")).error().reason()).contains("sub-command");
        // A bad inner packet reports offsets within the whole message.
        assertThat(AUTO.decode(Hex.bytes("07 03 03 00 00 00 00 03 01 05"))
                        .error()
                        .offset())
                .isEqualTo(10);
        assertThat(AUTO.decode(new byte[0]).error().reason()).contains("empty message");
        assertThat(AUTO.decode(Hex.bytes("03")).error().reason()).contains("RAW without payload");
    }
}
