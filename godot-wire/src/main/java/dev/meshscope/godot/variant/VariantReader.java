// SPDX-License-Identifier: MIT
package dev.meshscope.godot.variant;

import dev.meshscope.godot.DecodeError;
import dev.meshscope.godot.DecodeFailure;
import dev.meshscope.godot.DecodeOptions;
import dev.meshscope.godot.Decoded;
import dev.meshscope.godot.GodotVersion;
import dev.meshscope.godot.WireReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Godot's binary Variant format ({@code decode_variant}, scene-multiplayer-packets.md §8.2-8.4) and
 * SceneMultiplayer's "compressed" top-level form ({@code decode_and_decompress_variant}, §8.1).
 *
 * <p>Hostile-input rules: every length is checked against the bytes left before anything is read or allocated (a
 * count is also checked against the smallest encoding of that many elements, so a 16-byte packet claiming 2^31 elements
 * fails at once without allocating); nesting deeper than {@link #MAX_DEPTH} fails as in Godot; malformed UTF-8 fails.
 * Failures are {@link DecodeFailure}s carrying the byte offset; the static {@code decode*} helpers turn them into
 * {@link Decoded} values.
 *
 * <p>Stateless after construction; one instance may be shared by threads.
 */
public final class VariantReader {
    /**
     * Deepest container nesting accepted: Godot's {@code Variant::MAX_RECURSION_DEPTH} (1024). The top-level value is
     * depth 0; a value at depth 1025 fails with "Variant is too deep", as {@code decode_variant} does.
     */
    public static final int MAX_DEPTH = 1024;

    /** Header bit 16: 64-bit INT/FLOAT/reals, or Object sent as instance id. */
    static final int FLAG_64 = 1 << 16;

    static final int HEADER_TYPE_MASK = 0xFF;
    /** Compressed form, byte 0: bits 0-5 type, bits 6-7 encode mode (§8.1). */
    static final int META_TYPE_MASK = 0x3F;

    static final int META_MODE_SHIFT = 6;
    static final int META_BOOL_TRUE = 0x80;
    /** Container counts: the top bit is an old "shared" flag, masked off as Godot does. */
    static final long COUNT_MASK = 0x7FFF_FFFFL;

    /** Reported if a thread's stack runs out before {@link #MAX_DEPTH} is reached. */
    public static final String STACK_TOO_SMALL =
            "Variant nesting exhausted this thread's stack before the 1024-level limit; decode on a thread with a"
                    + " larger stack";

    private static final String[] VECTOR_ARRAY_NAMES = {
        "", "", "PackedVector2Array", "PackedVector3Array", "PackedVector4Array"
    };

    /** Smallest encoding of one nested Variant (a header). */
    private static final int MIN_VARIANT_BYTES = 4;

    private final GodotVersion version;
    private final int typeCount;
    private final boolean typedArrays;
    private final boolean typedDictionaries;
    private final boolean allowObjects;

    /**
     * @param version decides the type count (38/39) and which container header bits exist
     * @param allowObjects accept full-form Objects (Godot refuses them unless {@code allow_object_decoding})
     */
    public VariantReader(GodotVersion version, boolean allowObjects) {
        this.version = version;
        this.typeCount = version.variantTypeCount();
        this.typedArrays = version.hasTypedArrays();
        this.typedDictionaries = version.hasTypedDictionaries();
        this.allowObjects = allowObjects;
    }

    public VariantReader(DecodeOptions options) {
        this(options.version(), options.allowObjectDecoding());
    }

    /** A reader with object decoding off, as SYNC and SPAWN always use (§8.3). */
    public VariantReader withoutObjects() {
        return allowObjects ? new VariantReader(version, false) : this;
    }

    /** Decodes one full-format Variant from the whole of {@code bytes}; trailing bytes are an error. */
    public Decoded<Variant> decodeFull(byte[] bytes) {
        try {
            WireReader r = new WireReader(bytes);
            Variant v = readFull(r, 0);
            if (r.hasRemaining()) {
                return Decoded.failed(r.fail(r.remaining() + " bytes left over after the Variant")
                        .toError());
            }
            return Decoded.ok(v);
        } catch (DecodeFailure f) {
            return Decoded.failed(f.toError());
        } catch (StackOverflowError e) {
            return Decoded.failed(new DecodeError(0, STACK_TOO_SMALL));
        }
    }

    /** Decodes one compressed Variant from the whole of {@code bytes}; trailing bytes are an error. */
    public Decoded<Variant> decodeCompressed(byte[] bytes) {
        try {
            WireReader r = new WireReader(bytes);
            Variant v = readCompressed(r);
            if (r.hasRemaining()) {
                return Decoded.failed(r.fail(r.remaining() + " bytes left over after the Variant")
                        .toError());
            }
            return Decoded.ok(v);
        } catch (DecodeFailure f) {
            return Decoded.failed(f.toError());
        } catch (StackOverflowError e) {
            return Decoded.failed(new DecodeError(0, STACK_TOO_SMALL));
        }
    }

    /** Reads one compressed Variant (§8.1): 1-byte BOOL, variable-width INT, otherwise the full form. */
    public Variant readCompressed(WireReader r) {
        int start = r.offset();
        int meta = r.peekU8("compressed Variant meta byte");
        int typeId = meta & META_TYPE_MASK;
        if (typeId >= typeCount) {
            throw r.fail("compressed Variant type " + typeId + " does not exist (Godot " + typeCount + " types)");
        }
        if (typeId == VariantType.BOOL.id()) {
            r.u8("bool");
            return (meta & META_BOOL_TRUE) != 0 ? Variant.Bool.TRUE : Variant.Bool.FALSE;
        }
        if (typeId == VariantType.INT.id()) {
            r.u8("int meta");
            int mode = meta >>> META_MODE_SHIFT;
            switch (mode) {
                case 0:
                    return new Variant.Int((byte) r.u8("8-bit int"));
                case 1:
                    return new Variant.Int((short) r.u16("16-bit int"));
                case 2:
                    return new Variant.Int(r.i32("32-bit int"));
                default:
                    return new Variant.Int(r.i64("64-bit int"));
            }
        }
        if ((meta & ~META_TYPE_MASK) != 0) {
            throw r.failAt(
                    start,
                    "compressed Variant byte 0x" + Integer.toHexString(meta)
                            + " has encode-mode bits set on a type that has none (only bool and int use them)");
        }
        return readFull(r, 0);
    }

    /** Reads one full-format Variant at nesting {@code depth} (0 for a top-level value). */
    public Variant readFull(WireReader r, int depth) {
        int start = r.offset();
        if (depth > MAX_DEPTH) {
            throw r.fail("Variant is nested deeper than " + MAX_DEPTH + " levels (Godot's MAX_RECURSION_DEPTH)");
        }
        int header = r.i32("Variant header");
        int typeId = header & HEADER_TYPE_MASK;
        VariantType type = typeId < typeCount ? VariantType.ofId(typeId) : null;
        if (type == null) {
            throw r.failAt(
                    start,
                    "Variant type " + typeId + " does not exist (this Godot version has " + typeCount + " types, 0.."
                            + (typeCount - 1) + ")");
        }
        boolean wide = (header & FLAG_64) != 0;
        // Containers recurse; they are dispatched here so each nesting level costs two small stack frames.
        if (type == VariantType.ARRAY) {
            return readArray(r, header, depth);
        } else if (type == VariantType.DICTIONARY) {
            return readDictionary(r, header, depth);
        } else if (type == VariantType.OBJECT) {
            return readObject(r, wide, depth, start);
        }
        return readLeaf(r, type, wide, start);
    }

    private Variant readLeaf(WireReader r, VariantType type, boolean wide, int start) {
        switch (type) {
            case NIL:
                return Variant.Nil.INSTANCE;
            case BOOL:
                return r.i32("bool") != 0 ? Variant.Bool.TRUE : Variant.Bool.FALSE;
            case INT:
                return new Variant.Int(wide ? r.i64("64-bit int") : r.i32("32-bit int"));
            case FLOAT:
                return new Variant.Float(wide ? r.f64("64-bit float") : r.f32("32-bit float"));
            case STRING:
                return new Variant.Str(readString(r, "String"));
            case VECTOR2:
                r.require(2L * realSize(wide), "Vector2");
                return new Variant.Vector2(real(r, wide), real(r, wide), wide);
            case VECTOR2I:
                r.require(8, "Vector2i");
                return new Variant.Vector2i(r.i32("x"), r.i32("y"));
            case RECT2:
                r.require(4L * realSize(wide), "Rect2");
                return new Variant.Rect2(real(r, wide), real(r, wide), real(r, wide), real(r, wide), wide);
            case RECT2I:
                r.require(16, "Rect2i");
                return new Variant.Rect2i(r.i32("x"), r.i32("y"), r.i32("w"), r.i32("h"));
            case VECTOR3:
                r.require(3L * realSize(wide), "Vector3");
                return new Variant.Vector3(real(r, wide), real(r, wide), real(r, wide), wide);
            case VECTOR3I:
                r.require(12, "Vector3i");
                return new Variant.Vector3i(r.i32("x"), r.i32("y"), r.i32("z"));
            case TRANSFORM2D:
                return new Variant.Transform2D(reals(r, 6, wide, "Transform2D"), wide);
            case VECTOR4:
                r.require(4L * realSize(wide), "Vector4");
                return new Variant.Vector4(real(r, wide), real(r, wide), real(r, wide), real(r, wide), wide);
            case VECTOR4I:
                r.require(16, "Vector4i");
                return new Variant.Vector4i(r.i32("x"), r.i32("y"), r.i32("z"), r.i32("w"));
            case PLANE:
                r.require(4L * realSize(wide), "Plane");
                return new Variant.Plane(real(r, wide), real(r, wide), real(r, wide), real(r, wide), wide);
            case QUATERNION:
                r.require(4L * realSize(wide), "Quaternion");
                return new Variant.Quaternion(real(r, wide), real(r, wide), real(r, wide), real(r, wide), wide);
            case AABB:
                return new Variant.Aabb(reals(r, 6, wide, "AABB"), wide);
            case BASIS:
                return new Variant.Basis(reals(r, 9, wide, "Basis"), wide);
            case TRANSFORM3D:
                return new Variant.Transform3D(reals(r, 12, wide, "Transform3D"), wide);
            case PROJECTION:
                return new Variant.Projection(reals(r, 16, wide, "Projection"), wide);
            case COLOR:
                r.require(16, "Color");
                return new Variant.Color(r.f32("r"), r.f32("g"), r.f32("b"), r.f32("a"));
            case STRING_NAME:
                return new Variant.StringName(readString(r, "StringName"));
            case NODE_PATH:
                return readNodePath(r);
            case RID:
                return new Variant.Rid(r.i64("RID"));
            case CALLABLE:
                return new Variant.Callable();
            case SIGNAL: {
                String name = readString(r, "Signal name");
                return new Variant.Signal(name, r.i64("Signal object id"));
            }
            case PACKED_BYTE_ARRAY: {
                int n = count(r, 1, "PackedByteArray");
                byte[] data = r.bytes(n, "PackedByteArray data");
                // Godot counts the padding but does not check it is there (marshalls.cpp): tolerate it missing at the
                // end.
                r.skip(Math.min(pad(n), r.remaining()), "PackedByteArray padding");
                return new Variant.PackedByteArray(data);
            }
            case PACKED_INT32_ARRAY: {
                int n = count(r, 4, "PackedInt32Array");
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = r.i32("int32");
                }
                return new Variant.PackedInt32Array(v);
            }
            case PACKED_INT64_ARRAY: {
                int n = count(r, 8, "PackedInt64Array");
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = r.i64("int64");
                }
                return new Variant.PackedInt64Array(v);
            }
            case PACKED_FLOAT32_ARRAY: {
                int n = count(r, 4, "PackedFloat32Array");
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = r.f32("float32");
                }
                return new Variant.PackedFloat32Array(v);
            }
            case PACKED_FLOAT64_ARRAY: {
                int n = count(r, 8, "PackedFloat64Array");
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = r.f64("float64");
                }
                return new Variant.PackedFloat64Array(v);
            }
            case PACKED_STRING_ARRAY: {
                int n = count(r, 4, "PackedStringArray");
                List<String> v = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    v.add(readString(r, "PackedStringArray element"));
                }
                return new Variant.PackedStringArray(v);
            }
            case PACKED_VECTOR2_ARRAY:
                return readPackedVectors(r, 2, wide);
            case PACKED_VECTOR3_ARRAY:
                return readPackedVectors(r, 3, wide);
            case PACKED_VECTOR4_ARRAY:
                return readPackedVectors(r, 4, wide);
            case PACKED_COLOR_ARRAY: {
                int n = count(r, 16, "PackedColorArray");
                float[] v = new float[n * 4];
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.f32("color component");
                }
                return new Variant.PackedColorArray(v);
            }
            case OBJECT:
            case DICTIONARY:
            case ARRAY:
            default:
                throw r.failAt(start, "Variant type " + type + " is not a leaf type (bug)");
        }
    }

    private static int realSize(boolean wide) {
        return wide ? 8 : 4;
    }

    private static double real(WireReader r, boolean wide) {
        return wide ? r.f64("real") : r.f32("real");
    }

    private static double[] reals(WireReader r, int n, boolean wide, String what) {
        r.require((long) n * realSize(wide), what);
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = real(r, wide);
        }
        return m;
    }

    private static long pad(long n) {
        return (4 - (n & 3)) & 3;
    }

    /** vstr: u32 byte length, UTF-8 bytes, zero padding to 4; the whole padded length must be present. */
    static String readString(WireReader r, String what) {
        int at = r.offset();
        long n = r.u32(what);
        if (n > Integer.MAX_VALUE) {
            throw r.failAt(at, what + " length " + n + " is negative as Godot's int32");
        }
        if (n + pad(n) > r.remaining()) {
            throw r.failAt(
                    at,
                    what + " claims " + n + " bytes (padded to " + (n + pad(n)) + ") but only " + r.remaining()
                            + " remain");
        }
        String s = r.utf8(n, what);
        r.skip(pad(n), what + " padding");
        return s;
    }

    /** A u32 element count, checked against the bytes left assuming {@code minBytesEach} per element. */
    private static int count(WireReader r, int minBytesEach, String what) {
        int at = r.offset();
        long n = r.u32(what);
        if (n > Integer.MAX_VALUE) {
            throw r.failAt(at, what + " count " + n + " is negative as Godot's int32");
        }
        if (n * minBytesEach > r.remaining()) {
            throw r.failAt(
                    at,
                    what + " claims " + n + " elements (at least " + n * minBytesEach + " bytes) but only "
                            + r.remaining() + " bytes remain");
        }
        return (int) n;
    }

    private static int maskedCount(WireReader r, int minBytesEach, String what) {
        int at = r.offset();
        long n = r.u32(what) & COUNT_MASK;
        if (n * minBytesEach > r.remaining()) {
            throw r.failAt(
                    at,
                    what + " claims " + n + " elements (at least " + n * minBytesEach + " bytes) but only "
                            + r.remaining() + " bytes remain");
        }
        return (int) n;
    }

    private static Variant readPackedVectors(WireReader r, int width, boolean wide) {
        int n = count(r, width * realSize(wide), VECTOR_ARRAY_NAMES[width]);
        double[] xs = new double[n * width];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = real(r, wide);
        }
        return new Variant.PackedVectorArray(width, xs, wide);
    }

    private static Variant readNodePath(WireReader r) {
        int at = r.offset();
        long first = r.u32("NodePath name count");
        if ((first & 0x8000_0000L) == 0) {
            throw r.failAt(at, "NodePath in the pre-4.0 string format (name count without bit 31); Godot refuses it");
        }
        long names = first & COUNT_MASK;
        long subnames = r.u32("NodePath subname count");
        long flags = r.u32("NodePath flags");
        if ((flags & 2) != 0) {
            subnames++; // obsolete format: the property was kept apart from the subpath
        }
        long total = names + subnames;
        if (total * 4 > r.remaining()) {
            throw r.failAt(
                    at,
                    "NodePath claims " + total + " names (at least " + total * 4 + " bytes) but only " + r.remaining()
                            + " bytes remain");
        }
        List<String> ns = new ArrayList<>((int) names);
        List<String> ss = new ArrayList<>((int) subnames);
        for (long i = 0; i < total; i++) {
            String s = readString(r, "NodePath name");
            (i < names ? ns : ss).add(s);
        }
        return new Variant.NodePath(ns, ss, (flags & 1) != 0);
    }

    private Variant readObject(WireReader r, boolean asId, int depth, int start) {
        if (asId) {
            return new Variant.ObjectAsId(r.i64("Object instance id"));
        }
        if (!allowObjects) {
            throw r.failAt(
                    start,
                    "full Object refused: object decoding is off, as in Godot by default"
                            + " (SceneMultiplayer.allow_object_decoding); turn it on to inspect it");
        }
        String cls = readString(r, "Object class name");
        if (cls.isEmpty()) {
            return new Variant.FullObject("", List.of());
        }
        int n = count(r, 8, "Object property");
        List<Variant.Property> props = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = readString(r, "Object property name");
            props.add(new Variant.Property(name, readFull(r, depth + 1)));
        }
        return new Variant.FullObject(cls, props);
    }

    private ContainerType readContainerType(WireReader r, int kind, String what) {
        switch (kind) {
            case 0:
                return ContainerType.NONE;
            case 1: {
                int at = r.offset();
                long id = r.u32(what);
                if (id >= typeCount) {
                    throw r.failAt(at, what + " builtin type " + id + " does not exist");
                }
                VariantType t = VariantType.ofId((int) id);
                if (t == null) {
                    throw r.failAt(at, what + " builtin type " + id + " does not exist");
                }
                return ContainerType.builtin(t);
            }
            case 2:
                return ContainerType.className(readString(r, what));
            default:
                return ContainerType.script(readString(r, what));
        }
    }

    private Variant readArray(WireReader r, int header, int depth) {
        ContainerType type =
                typedArrays ? readContainerType(r, (header >>> 16) & 3, "Array element type") : ContainerType.NONE;
        int n = maskedCount(r, MIN_VARIANT_BYTES, "Array");
        List<Variant> elements = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            elements.add(readFull(r, depth + 1));
        }
        return new Variant.Array(type, elements);
    }

    private Variant readDictionary(WireReader r, int header, int depth) {
        ContainerType keyType = ContainerType.NONE;
        ContainerType valueType = ContainerType.NONE;
        if (typedDictionaries) {
            keyType = readContainerType(r, (header >>> 16) & 3, "Dictionary key type");
            valueType = readContainerType(r, (header >>> 18) & 3, "Dictionary value type");
        }
        int n = maskedCount(r, 2 * MIN_VARIANT_BYTES, "Dictionary");
        List<Variant.Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Variant k = readFull(r, depth + 1);
            entries.add(new Variant.Entry(k, readFull(r, depth + 1)));
        }
        return new Variant.Dictionary(keyType, valueType, entries);
    }
}
