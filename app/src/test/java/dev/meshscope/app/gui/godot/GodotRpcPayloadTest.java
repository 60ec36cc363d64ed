// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.godot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshscope.godot.DecodeOptions;
import dev.meshscope.godot.packet.Packet;
import dev.meshscope.godot.packet.PacketReader;
import dev.meshscope.godot.variant.Variant;
import dev.meshscope.godot.variant.VariantLiteral;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "Godot RPC" payload: the spec's worked example byte for byte, every literal, and every refusal. */
class GodotRpcPayloadTest {
    @Test
    void theSpecsPathFormExampleComesOutByteForByte() {
        // scene-multiplayer-packets.md §4.4: rpc("move", Vector2(1.5, -2)) to a target that has not confirmed.
        byte[] b = GodotRpcPayload.encode("/root/Main/Player move(Vector2(1.5, -2)) | jump move shoot");
        assertThat(HexFormat.of().formatHex(b))
                .isEqualTo("20130000800101050000000000c03f000000c04d61696e2f506c6179657200");
    }

    @Test
    void aMethodGoesByIdOrByNameWithTheNodesList() {
        assertThat(GodotRpcPayload.parse("Main/Player #2(300, true, \"hi\")").methodId())
                .isEqualTo(2);
        assertThat(GodotRpcPayload.parse("Main/Player 2()").methodId()).isEqualTo(2);
        assertThat(GodotRpcPayload.parse("Main/Player shoot() | move, jump, shoot")
                        .methodId())
                .isEqualTo(2);
        GodotRpcPayload.Call c = GodotRpcPayload.parse("/root/Main/Player #0(300, true, \"hi\")");
        assertThat(c.path()).isEqualTo("Main/Player");
        assertThat(c.args()).containsExactly(new Variant.Int(300), Variant.Bool.TRUE, new Variant.Str("hi"));
    }

    @Test
    void whatItEncodesDecodesBackToTheSameCall() {
        String line = "/root/Level/Boss hit(Vector3(1, 2.5, -3), Color(1, 0, 0, 1), &\"fire\", NodePath(\"A/B\"),"
                + " [1, \"two\", null], {\"hp\": 3, 4: Vector2i(1, -1)}, -7.25, PackedByteArray(1, 2, 255)) | hit";
        byte[] b = GodotRpcPayload.encode(line);
        var d = new PacketReader(DecodeOptions.DEFAULTS).decode(b);
        assertThat(d.isOk()).as(String.valueOf(d)).isTrue();
        Packet.Rpc rpc = (Packet.Rpc) d.value();
        assertThat(rpc.target()).isEqualTo(new Packet.ByPath("Level/Boss"));
        assertThat(rpc.methodId()).isZero();
        assertThat(rpc.args()).isEqualTo(GodotRpcPayload.parse(line).args());
        assertThat(rpc.args()).hasSize(8);
        assertThat(rpc.args().get(0)).isEqualTo(new Variant.Vector3(1, 2.5, -3, false));
        assertThat(rpc.args().get(6)).isEqualTo(new Variant.Float(-7.25));
    }

    @Test
    void aSinglePackedByteArrayGoesInTheBytesOnlyForm() {
        byte[] b = GodotRpcPayload.encode("Main/Player #2(PackedByteArray(222, 173, 190, 239))");
        // Header 0xa0: u32 target (path form) and bit 7 (one PackedByteArray, no argc); the path starts at byte 10.
        assertThat(HexFormat.of().formatHex(b)).isEqualTo("a00a00008002deadbeef4d61696e2f506c6179657200");
    }

    @Test
    void badInputSaysWhatIsWrongAndWhere() {
        assertThatThrownBy(() -> GodotRpcPayload.encode("")).hasMessageContaining("type a node path and a call");
        assertThatThrownBy(() -> GodotRpcPayload.encode("/root/Main/Player")).hasMessageContaining("nothing to call");
        assertThatThrownBy(() -> GodotRpcPayload.encode("/root/Main/Player move"))
                .hasMessageContaining("parentheses");
        assertThatThrownBy(() -> GodotRpcPayload.encode("/root/Main/Player move(1)"))
                .hasMessageContaining("Godot sends a method's id, not its name");
        assertThatThrownBy(() -> GodotRpcPayload.encode("/root/Main/Player mvoe(1) | jump move"))
                .hasMessageContaining("\"mvoe\" is not in the listed RPC methods [jump, move]");
        assertThatThrownBy(() -> GodotRpcPayload.encode("/root/Main/Player #1(Vector2(1.5, ))"))
                .hasMessageContaining("at character")
                .hasMessageContaining("expected a number");
        assertThatThrownBy(() -> GodotRpcPayload.encode("/root/Main/Player #1(Vector2(1.5)"))
                .hasMessageContaining("never closed");
        assertThatThrownBy(() -> GodotRpcPayload.encode("/root/Main/Player #1(\"open)"))
                .hasMessageContaining("never closed");
        assertThatThrownBy(() -> GodotRpcPayload.encode("/root/Main/Player #1(Vector9(1))"))
                .hasMessageContaining("expected a known constructor")
                .hasMessageContaining("not 'Vector9'");
        assertThatThrownBy(() -> GodotRpcPayload.encode("/root/Main/Player #70000()"))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> GodotRpcPayload.encode("/root/Main/Player #1(Vector2i(1.5, 2))"))
                .hasMessageContaining("a 32-bit integer in Vector2i");
        assertThatThrownBy(() -> GodotRpcPayload.encode("/root #1()")).hasMessageContaining("not the root itself");
        assertThatThrownBy(() -> GodotRpcPayload.encode("/root/A #1(1) extra"))
                .hasMessageContaining("only '| method names' may follow");
        assertThatThrownBy(() -> GodotRpcPayload.encode("/root/A #1(99999999999999999999)"))
                .hasMessageContaining("64-bit integer or float");
    }

    @Test
    void literalsReadAsGdscriptWritesThem() {
        assertThat(VariantLiteral.parseList(" ")).isEmpty();
        assertThat(VariantLiteral.parse("\"a\\\"b\\n\"")).isEqualTo(new Variant.Str("a\"b\n"));
        assertThat(VariantLiteral.parse("3")).isEqualTo(new Variant.Int(3));
        assertThat(VariantLiteral.parse("3.0")).isEqualTo(new Variant.Float(3.0));
        assertThat(VariantLiteral.parse("1e3")).isEqualTo(new Variant.Float(1000));
        assertThat(VariantLiteral.parse("Vector2(0.1, 2)"))
                .isEqualTo(new Variant.Vector2((float) 0.1, 2, false)); // 32-bit, as a default Godot build.
        assertThat(VariantLiteral.parse("[]")).isEqualTo(Variant.Array.untyped(List.of()));
        assertThatThrownBy(() -> VariantLiteral.parse("[1, 2")).hasMessageContaining("expected ']'");
        assertThatThrownBy(() -> VariantLiteral.parse("{1 2}")).hasMessageContaining("expected ':'");
        assertThatThrownBy(() -> VariantLiteral.parse("PackedByteArray(256)")).hasMessageContaining("0..255");
        assertThatThrownBy(() -> VariantLiteral.parse(
                        "[".repeat(VariantLiteral.MAX_DEPTH + 1) + "]".repeat(VariantLiteral.MAX_DEPTH + 1)))
                .hasMessageContaining("nested values");
    }
}
