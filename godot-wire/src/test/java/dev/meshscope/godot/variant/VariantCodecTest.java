// SPDX-License-Identifier: MIT
package dev.meshscope.godot.variant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.godot.DecodeOptions;
import dev.meshscope.godot.Decoded;
import dev.meshscope.godot.GodotVersion;
import dev.meshscope.godot.Hex;
import dev.meshscope.godot.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

public class VariantCodecTest {
    private static final VariantReader READER = new VariantReader(DecodeOptions.DEFAULTS);
    private static final VariantReader OBJECTS = new VariantReader(DecodeOptions.DEFAULTS.withObjectDecoding(true));
    private static final VariantReader GODOT_4_2 = new VariantReader(GodotVersion.V4_2, false);

    private static double[] seq(int n, double start) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = start + i * 0.5;
        }
        return d;
    }

    /** One value of every Godot 4 type, in both real widths where a type has them. */
    public static Stream<Variant> everyType() {
        List<Variant> vs = new ArrayList<>(List.of(
                Variant.Nil.INSTANCE,
                Variant.Bool.TRUE,
                Variant.Bool.FALSE,
                new Variant.Int(5),
                new Variant.Int(-70_000),
                new Variant.Int(1L << 40),
                new Variant.Int(Long.MIN_VALUE),
                new Variant.Float(1.5),
                new Variant.Float(0.1),
                new Variant.Float(Double.NaN),
                new Variant.Str("héllo wörld"),
                new Variant.Str(""),
                new Variant.Vector2i(3, -4),
                new Variant.Rect2i(1, 2, 3, 4),
                new Variant.Vector3i(1, -2, 3),
                new Variant.Vector4i(1, 2, 3, -4),
                new Variant.Color(1, 0.5f, 0.25f, 1),
                new Variant.StringName("move"),
                Variant.NodePath.parse("/root/Main/Player:position"),
                Variant.NodePath.parse("Main/Player"),
                new Variant.Rid(0x1234_5678_9AL),
                new Variant.ObjectAsId(4242),
                new Variant.ObjectAsId(0),
                new Variant.Callable(),
                new Variant.Signal("hit", 77),
                Variant.Dictionary.untyped(List.of(
                        new Variant.Entry(new Variant.Str("a"), new Variant.Int(1)),
                        new Variant.Entry(new Variant.Int(2), Variant.Array.untyped(List.of(Variant.Bool.TRUE))))),
                new Variant.Dictionary(
                        ContainerType.builtin(VariantType.STRING),
                        ContainerType.className("Node"),
                        List.of(new Variant.Entry(new Variant.Str("k"), new Variant.ObjectAsId(9)))),
                new Variant.Dictionary(ContainerType.script("res://item.gd"), ContainerType.NONE, List.of()),
                Variant.Array.untyped(List.of(new Variant.Int(1), new Variant.Str("x"), Variant.Nil.INSTANCE)),
                new Variant.Array(ContainerType.builtin(VariantType.INT), List.of(new Variant.Int(7))),
                new Variant.Array(ContainerType.script("res://player.gd"), List.of()),
                new Variant.PackedByteArray(new byte[] {1, 2, 3, 4, 5}),
                new Variant.PackedByteArray(new byte[0]),
                new Variant.PackedInt32Array(new int[] {1, -1, Integer.MAX_VALUE}),
                new Variant.PackedInt64Array(new long[] {Long.MIN_VALUE, 0, 3}),
                new Variant.PackedFloat32Array(new float[] {1.5f, -0.25f}),
                new Variant.PackedFloat64Array(new double[] {0.1, 1e300}),
                new Variant.PackedStringArray(List.of("a", "bcd", "", "ünï")),
                new Variant.PackedColorArray(new float[] {1, 0, 0, 1, 0, 1, 0, 0.5f})));
        for (boolean f64 : new boolean[] {false, true}) {
            vs.add(new Variant.Vector2(1.5, -2, f64));
            vs.add(new Variant.Rect2(0, 1, 2.5, 3, f64));
            vs.add(new Variant.Vector3(1, 2, 3, f64));
            vs.add(new Variant.Transform2D(seq(6, 1), f64));
            vs.add(new Variant.Vector4(1, 2, 3, 4.5, f64));
            vs.add(new Variant.Plane(0, 1, 0, -5, f64));
            vs.add(new Variant.Quaternion(0, 0, 0, 1, f64));
            vs.add(new Variant.Aabb(seq(6, -1), f64));
            vs.add(new Variant.Basis(seq(9, 0), f64));
            vs.add(new Variant.Transform3D(seq(12, 0), f64));
            vs.add(new Variant.Projection(seq(16, 0), f64));
            vs.add(new Variant.PackedVectorArray(2, seq(4, 0), f64));
            vs.add(new Variant.PackedVectorArray(3, seq(6, 0), f64));
            vs.add(new Variant.PackedVectorArray(4, seq(8, 0), f64));
        }
        vs.add(new Variant.Vector2(0.1, 0.2, true)); // not exactly representable as float: only 64-bit keeps it
        return vs.stream();
    }

    @Test
    void everyTypeIsCovered() {
        assertThat(everyType().map(Variant::type)).containsAll(List.of(VariantType.values()));
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void fullFormRoundTrips(Variant v) {
        byte[] bytes = VariantWriter.full(v);
        assertThat(bytes.length % 4)
                .as("a full encoding is a multiple of 4 bytes")
                .isZero();
        assertThat(READER.decodeFull(bytes).value()).isEqualTo(v);
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void compressedFormRoundTrips(Variant v) {
        assertThat(READER.decodeCompressed(VariantWriter.compressed(v)).value()).isEqualTo(v);
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void truncatedEncodingsFailWithAnOffsetInsteadOfThrowing(Variant v) {
        byte[] bytes = VariantWriter.full(v);
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(bytes, cut);
            Decoded<Variant> d = READER.decodeFull(part);
            if (d.isOk()) {
                // Only a trailing PackedByteArray padding may be absent (Godot tolerates it too).
                assertThat(v).isInstanceOf(Variant.PackedByteArray.class);
            } else {
                assertThat(d.error().offset()).isBetween(0, cut);
            }
        }
    }

    @Test
    void compressedValuesMatchTheSpecExamples() {
        assertThat(Hex.of(VariantWriter.compressed(new Variant.Int(5)))).isEqualTo("02 05");
        assertThat(Hex.of(VariantWriter.compressed(new Variant.Int(-1)))).isEqualTo("02 ff");
        assertThat(Hex.of(VariantWriter.compressed(new Variant.Int(300)))).isEqualTo("42 2c 01");
        assertThat(Hex.of(VariantWriter.compressed(new Variant.Int(100_000)))).isEqualTo("82 a0 86 01 00");
        assertThat(Hex.of(VariantWriter.compressed(new Variant.Float(1.5)))).isEqualTo("03 00 00 00 00 00 c0 3f");
        assertThat(Hex.of(VariantWriter.compressed(new Variant.Float(0.1))))
                .isEqualTo("03 00 01 00 9a 99 99 99 99 99 b9 3f");
        assertThat(Hex.of(VariantWriter.compressed(Variant.Bool.TRUE))).isEqualTo("81");
        assertThat(Hex.of(VariantWriter.compressed(Variant.Bool.FALSE))).isEqualTo("01");
        assertThat(Hex.of(VariantWriter.compressed(new Variant.Int(1L << 40)))).isEqualTo("c2 00 00 00 00 00 01 00 00");
        assertThat(READER.decodeCompressed(Hex.bytes("42 2c 01")).value()).isEqualTo(new Variant.Int(300));
    }

    @Test
    void fullFormsMatchHandBuiltVectors() {
        // String "hi": header 4, length 2, "hi", two pad bytes.
        assertThat(Hex.of(VariantWriter.full(new Variant.Str("hi")))).isEqualTo("04 00 00 00 02 00 00 00 68 69 00 00");
        // Vector2(1.5, -2), 32-bit reals.
        assertThat(Hex.of(VariantWriter.full(new Variant.Vector2(1.5, -2, false))))
                .isEqualTo("05 00 00 00 00 00 c0 3f 00 00 00 c0");
        // INT outside int32 sets bit 16 and takes 8 bytes.
        assertThat(Hex.of(VariantWriter.full(new Variant.Int(1L << 32))))
                .isEqualTo("02 00 01 00 00 00 00 00 01 00 00 00");
        // PackedStringArray: the length counts the NUL, then pad to 4.
        assertThat(Hex.of(VariantWriter.full(new Variant.PackedStringArray(List.of("ab")))))
                .isEqualTo("22 00 00 00 01 00 00 00 03 00 00 00 61 62 00 00");
        // NodePath "Main/Player": 2 names | bit 31, 0 subnames, flags 0.
        assertThat(Hex.of(VariantWriter.full(Variant.NodePath.parse("Main/Player"))))
                .isEqualTo("16 00 00 00 02 00 00 80 00 00 00 00 00 00 00 00"
                        + " 04 00 00 00 4d 61 69 6e 06 00 00 00 50 6c 61 79 65 72 00 00");
        // Typed Array[int] (4.3+): kind 1 in bits 16-17, builtin id 2 before the count.
        assertThat(Hex.of(VariantWriter.full(new Variant.Array(ContainerType.builtin(VariantType.INT), List.of()))))
                .isEqualTo("1c 00 01 00 02 00 00 00 00 00 00 00");
        // Typed Dictionary[String, int] (4.4+): key kind bits 16-17, value kind bits 18-19.
        assertThat(Hex.of(VariantWriter.full(new Variant.Dictionary(
                        ContainerType.builtin(VariantType.STRING), ContainerType.builtin(VariantType.INT), List.of()))))
                .isEqualTo("1b 00 05 00 04 00 00 00 02 00 00 00 00 00 00 00");
        // Object as id and Callable as bare header.
        assertThat(Hex.of(VariantWriter.full(new Variant.ObjectAsId(7))))
                .isEqualTo("18 00 01 00 07 00 00 00 00 00 00 00");
        assertThat(Hex.of(VariantWriter.full(new Variant.Callable()))).isEqualTo("19 00 00 00");
    }

    @Test
    void textFormIsGodots() {
        assertThat(new Variant.Vector2(1.5, -2, false)).hasToString("Vector2(1.5, -2)");
        assertThat(new Variant.Float(1)).hasToString("1.0");
        assertThat(new Variant.Float(0.1)).hasToString("0.1");
        assertThat(new Variant.Str("a\"b")).hasToString("\"a\\\"b\"");
        assertThat(new Variant.StringName("x")).hasToString("&\"x\"");
        assertThat(Variant.NodePath.parse("/root/Main:position")).hasToString("NodePath(\"/root/Main:position\")");
        assertThat(new Variant.Color(1, 0, 0, 1)).hasToString("Color(1, 0, 0, 1)");
        assertThat(new Variant.Array(ContainerType.builtin(VariantType.INT), List.of(new Variant.Int(1))))
                .hasToString("Array[int]([1])");
        assertThat(Variant.Dictionary.untyped(List.of(new Variant.Entry(new Variant.Str("a"), new Variant.Int(1)))))
                .hasToString("{\"a\": 1}");
        assertThat(new Variant.PackedByteArray(new byte[] {1, (byte) 255})).hasToString("PackedByteArray(1, 255)");
        assertThat(new Variant.ObjectAsId(0)).hasToString("null");
        assertThat(new Variant.Vector3(1e20, Double.NaN, Double.NEGATIVE_INFINITY, true))
                .hasToString("Vector3(1e+20, nan, -inf)");
        // A 32-bit real prints as the float it is, not as its long double expansion.
        assertThat(READER.decodeFull(VariantWriter.full(new Variant.Vector2(0.1, 0, false)))
                        .value())
                .hasToString("Vector2(0.1, 0)");
    }

    @Test
    void briefTextStopsEarlyOnHugeArrays() {
        Variant big = new Variant.PackedInt32Array(new int[1_000_000]);
        String brief = VariantText.brief(big, 50);
        assertThat(brief).hasSizeLessThanOrEqualTo(51).endsWith("…").startsWith("PackedInt32Array(0, 0");
    }

    @Test
    void fullObjectsAreRefusedByDefaultAsGodotDoes() {
        Variant obj = new Variant.FullObject(
                "Resource", List.of(new Variant.Property("resource_name", new Variant.Str("sword"))));
        byte[] bytes = VariantWriter.full(obj);
        Decoded<Variant> refused = READER.decodeFull(bytes);
        assertThat(refused.isOk()).isFalse();
        assertThat(refused.error().offset()).isZero();
        assertThat(refused.error().reason()).contains("object decoding is off");
        assertThat(OBJECTS.decodeFull(bytes).value()).isEqualTo(obj);
        assertThat(obj).hasToString("Object(Resource, \"resource_name\": \"sword\")");
    }

    @Test
    void theNullObjectFormsDecode() {
        // A null or freed Object goes out as NIL; as id 0 it is null too.
        assertThat(READER.decodeFull(Hex.bytes("00 00 00 00")).value()).isEqualTo(Variant.Nil.INSTANCE);
        Variant asId = READER.decodeFull(Hex.bytes("18 00 01 00 00 00 00 00 00 00 00 00"))
                .value();
        assertThat(((Variant.ObjectAsId) asId).isNull()).isTrue();
        // Full form with an empty class name is the null object, but still refused unless objects are allowed.
        byte[] fullNull = Hex.bytes("18 00 00 00 00 00 00 00");
        assertThat(READER.decodeFull(fullNull).isOk()).isFalse();
        assertThat(((Variant.FullObject) OBJECTS.decodeFull(fullNull).value()).isNull())
                .isTrue();
    }

    @Test
    void packedVector4ArrayExistsOnlyFrom43() {
        byte[] bytes = VariantWriter.full(new Variant.PackedVectorArray(4, seq(4, 0), false));
        assertThat(READER.decodeFull(bytes).isOk()).isTrue();
        Decoded<Variant> old = GODOT_4_2.decodeFull(bytes);
        assertThat(old.isOk()).isFalse();
        assertThat(old.error().reason()).contains("type 38 does not exist");
        assertThat(READER.decodeFull(Hex.bytes("27 00 00 00")).error().reason()).contains("type 39");
    }

    @Test
    void before43TheTypedHeaderBitsAreIgnoredAsGodot42Does() {
        // A 4.2 receiver never reads element type info: the bits are ignored and the next word is the count.
        byte[] untypedWithBits = Hex.bytes("1c 00 01 00 01 00 00 00 02 00 00 00 05 00 00 00");
        Variant v = GODOT_4_2.decodeFull(untypedWithBits).value();
        assertThat(v).isEqualTo(Variant.Array.untyped(List.of(new Variant.Int(5))));
    }

    @Test
    void hostileCountsFailFastWithoutAllocating() {
        // 16 bytes claiming a 2^31-1 element Array / PackedInt64Array / String / Dictionary.
        String[] vectors = {
            "1c 00 00 00 ff ff ff 7f 00 00 00 00 00 00 00 00",
            "1f 00 00 00 ff ff ff 7f 00 00 00 00 00 00 00 00",
            "04 00 00 00 ff ff ff 7f 00 00 00 00 00 00 00 00",
            "1b 00 00 00 ff ff ff ff 00 00 00 00 00 00 00 00",
            "1d 00 00 00 00 00 00 80 00 00 00 00 00 00 00 00",
            "22 00 00 00 ff ff ff 7f 00 00 00 00 00 00 00 00",
            "16 00 00 00 ff ff ff ff ff ff ff 7f 00 00 00 00",
        };
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (String hex : vectors) {
            byte[] b = Hex.bytes(hex);
            READER.decodeFull(b); // warm-up: class loading and string-concat linkage are not the decoder's doing
            long before = mx.getCurrentThreadAllocatedBytes();
            Decoded<Variant> d = READER.decodeFull(b);
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertThat(d.isOk()).as(hex).isFalse();
            assertThat(d.error().offset()).as(hex).isEqualTo(4);
            assertThat(allocated).as("bytes allocated decoding " + hex).isLessThan(64 * 1024);
        }
    }

    @Test
    void invalidUtf8IsADecodeError() {
        Decoded<Variant> d = READER.decodeFull(Hex.bytes("04 00 00 00 02 00 00 00 c3 28 00 00"));
        assertThat(d.error().reason()).contains("not valid UTF-8");
        // A NUL inside the bytes ends the string, as Godot's parse_utf8 does.
        assertThat(READER.decodeFull(Hex.bytes("04 00 00 00 03 00 00 00 61 00 62 00"))
                        .value())
                .isEqualTo(new Variant.Str("a"));
    }

    @Test
    void oldNodePathFormatIsRefused() {
        Decoded<Variant> d = READER.decodeFull(Hex.bytes("16 00 00 00 02 00 00 00 00 00 00 00 00 00 00 00"));
        assertThat(d.error().reason()).contains("pre-4.0");
        assertThat(d.error().offset()).isEqualTo(4);
    }

    private static byte[] nestedArrays(int levels) {
        WireWriter w = new WireWriter();
        for (int i = 0; i < levels - 1; i++) {
            w.i32(VariantType.ARRAY.id()).i32(1);
        }
        w.i32(VariantType.ARRAY.id()).i32(0);
        return w.toByteArray();
    }

    @Test
    void nestingUpToGodotsLimitDecodesAndOneMoreLevelFails() {
        // Depths 0..1024 are 1025 nested arrays: accepted. One more is Godot's "Variant is too deep".
        Decoded<Variant> deepest = READER.decodeFull(nestedArrays(VariantReader.MAX_DEPTH + 1));
        assertThat(deepest.isOk()).as(String.valueOf(deepest)).isTrue();
        Decoded<Variant> ok = READER.decodeFull(nestedArrays(VariantReader.MAX_DEPTH + 1));
        assertThat(ok.isOk()).as(String.valueOf(ok)).isTrue();
        Decoded<Variant> tooDeep = READER.decodeFull(nestedArrays(VariantReader.MAX_DEPTH + 2));
        assertThat(tooDeep.isOk()).isFalse();
        assertThat(tooDeep.error().reason()).contains("deeper than 1024");
        assertThat(tooDeep.error().offset()).isEqualTo(8 * (VariantReader.MAX_DEPTH + 1));
    }

    @Test
    void compressedModeBitsOnAnUncompressedTypeAreRefused() {
        Decoded<Variant> d = READER.decodeCompressed(Hex.bytes("45 00 00 00 00 00 c0 3f 00 00 00 c0"));
        assertThat(d.error().reason()).contains("encode-mode bits");
        assertThat(READER.decodeCompressed(Hex.bytes("3f")).error().reason()).contains("type 63");
    }
}
