// SPDX-License-Identifier: MIT
package dev.meshscope.godot.variant;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A Godot 4 Variant as decoded from the wire: one immutable record per type (scene-multiplayer-packets.md §8.2).
 * {@code toString()} gives Godot's own text form ({@code var_to_str} style, e.g. {@code Vector2(1.5, -2)}).
 *
 * <p>Math types remember whether they travelled as 32- or 64-bit reals ({@code f64}, header bit 16, set by
 * double-precision engine builds), so re-encoding writes the same width. Values are doubles either way; a 32-bit value
 * is the exact float widened. Color is always 32-bit on the wire. Records holding arrays copy them in and out.
 *
 * <p>Objects are never instantiated: {@link ObjectAsId} carries a sender-local instance id (0 = null object) and
 * {@link FullObject} the class name and stored properties, which the decoder accepts only when object decoding is
 * allowed (Godot refuses it by default).
 */
public sealed interface Variant {
    /** This value's Godot type. */
    VariantType type();

    /** The NIL value ({@code null} in GDScript). Also what Godot sends for a null or freed Object. */
    record Nil() implements Variant {
        public static final Nil INSTANCE = new Nil();

        @Override
        public VariantType type() {
            return VariantType.NIL;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    record Bool(boolean value) implements Variant {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        @Override
        public VariantType type() {
            return VariantType.BOOL;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** A 64-bit int; the wire uses 32 bits when the value fits, as Godot's encoder does. */
    record Int(long value) implements Variant {
        @Override
        public VariantType type() {
            return VariantType.INT;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** A 64-bit float; the wire uses 32 bits when the value is exactly a float, as Godot's encoder does. */
    record Float(double value) implements Variant {
        @Override
        public VariantType type() {
            return VariantType.FLOAT;
        }

        @Override
        public boolean equals(java.lang.Object o) {
            return o instanceof Float f && Double.compare(f.value, value) == 0;
        }

        @Override
        public int hashCode() {
            return Double.hashCode(value);
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** A Godot {@code String}. */
    record Str(String value) implements Variant {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public VariantType type() {
            return VariantType.STRING;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    record Vector2(double x, double y, boolean f64) implements Variant {
        @Override
        public VariantType type() {
            return VariantType.VECTOR2;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    record Vector2i(int x, int y) implements Variant {
        @Override
        public VariantType type() {
            return VariantType.VECTOR2I;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    record Rect2(double x, double y, double width, double height, boolean f64) implements Variant {
        @Override
        public VariantType type() {
            return VariantType.RECT2;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    record Rect2i(int x, int y, int width, int height) implements Variant {
        @Override
        public VariantType type() {
            return VariantType.RECT2I;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    record Vector3(double x, double y, double z, boolean f64) implements Variant {
        @Override
        public VariantType type() {
            return VariantType.VECTOR3;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    record Vector3i(int x, int y, int z) implements Variant {
        @Override
        public VariantType type() {
            return VariantType.VECTOR3I;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** Columns x, y, origin, each (x, y): {@code m = [xx, xy, yx, yy, ox, oy]}, wire order. */
    record Transform2D(double[] m, boolean f64) implements Variant {
        public Transform2D {
            m = Reals.copy(m, 6, "Transform2D");
        }

        @Override
        public double[] m() {
            return m.clone();
        }

        @Override
        public VariantType type() {
            return VariantType.TRANSFORM2D;
        }

        @Override
        public boolean equals(java.lang.Object o) {
            return o instanceof Transform2D t && t.f64 == f64 && Arrays.equals(t.m, m);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(m) * 31 + Boolean.hashCode(f64);
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    record Vector4(double x, double y, double z, double w, boolean f64) implements Variant {
        @Override
        public VariantType type() {
            return VariantType.VECTOR4;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    record Vector4i(int x, int y, int z, int w) implements Variant {
        @Override
        public VariantType type() {
            return VariantType.VECTOR4I;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** Normal (x, y, z) and distance d. */
    record Plane(double x, double y, double z, double d, boolean f64) implements Variant {
        @Override
        public VariantType type() {
            return VariantType.PLANE;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    record Quaternion(double x, double y, double z, double w, boolean f64) implements Variant {
        @Override
        public VariantType type() {
            return VariantType.QUATERNION;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** Position (x, y, z) and size (x, y, z): {@code v = [px, py, pz, sx, sy, sz]}. */
    record Aabb(double[] v, boolean f64) implements Variant {
        public Aabb {
            v = Reals.copy(v, 6, "AABB");
        }

        @Override
        public double[] v() {
            return v.clone();
        }

        @Override
        public VariantType type() {
            return VariantType.AABB;
        }

        @Override
        public boolean equals(java.lang.Object o) {
            return o instanceof Aabb a && a.f64 == f64 && Arrays.equals(a.v, v);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(v) * 31 + Boolean.hashCode(f64);
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** Nine reals, row-major ({@code rows[0][0..2], rows[1][0..2], rows[2][0..2]}), wire order. */
    record Basis(double[] m, boolean f64) implements Variant {
        public Basis {
            m = Reals.copy(m, 9, "Basis");
        }

        @Override
        public double[] m() {
            return m.clone();
        }

        @Override
        public VariantType type() {
            return VariantType.BASIS;
        }

        @Override
        public boolean equals(java.lang.Object o) {
            return o instanceof Basis b && b.f64 == f64 && Arrays.equals(b.m, m);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(m) * 31 + Boolean.hashCode(f64);
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** Basis (nine reals, row-major) then origin (x, y, z), wire order. */
    record Transform3D(double[] m, boolean f64) implements Variant {
        public Transform3D {
            m = Reals.copy(m, 12, "Transform3D");
        }

        @Override
        public double[] m() {
            return m.clone();
        }

        @Override
        public VariantType type() {
            return VariantType.TRANSFORM3D;
        }

        @Override
        public boolean equals(java.lang.Object o) {
            return o instanceof Transform3D t && t.f64 == f64 && Arrays.equals(t.m, m);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(m) * 31 + Boolean.hashCode(f64);
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** Sixteen reals, column-major ({@code columns[0][0..3] .. columns[3][0..3]}), wire order. */
    record Projection(double[] m, boolean f64) implements Variant {
        public Projection {
            m = Reals.copy(m, 16, "Projection");
        }

        @Override
        public double[] m() {
            return m.clone();
        }

        @Override
        public VariantType type() {
            return VariantType.PROJECTION;
        }

        @Override
        public boolean equals(java.lang.Object o) {
            return o instanceof Projection p && p.f64 == f64 && Arrays.equals(p.m, m);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(m) * 31 + Boolean.hashCode(f64);
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** Always single precision on the wire. */
    record Color(float r, float g, float b, float a) implements Variant {
        @Override
        public VariantType type() {
            return VariantType.COLOR;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    record StringName(String value) implements Variant {
        public StringName {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public VariantType type() {
            return VariantType.STRING_NAME;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /**
     * A NodePath as names and subnames: {@code "/root/Main:position"} is names [root, Main], subnames [position],
     * absolute.
     */
    record NodePath(List<String> names, List<String> subnames, boolean absolute) implements Variant {
        public NodePath {
            names = List.copyOf(names);
            subnames = List.copyOf(subnames);
        }

        /** Parses Godot's text form: {@code "/root/Main:position"}, {@code "Main/Player"}, {@code ".:x"}. */
        public static NodePath parse(String text) {
            boolean abs = text.startsWith("/");
            String body = abs ? text.substring(1) : text;
            int colon = body.indexOf(':');
            String path = colon < 0 ? body : body.substring(0, colon);
            List<String> subs =
                    colon < 0 ? List.of() : List.of(body.substring(colon + 1).split(":", -1));
            List<String> ns = path.isEmpty() ? List.of() : List.of(path.split("/", -1));
            return new NodePath(ns, subs, abs);
        }

        /** Godot's text form, e.g. {@code /root/Main:position}. */
        public String pathText() {
            StringBuilder sb = new StringBuilder();
            if (absolute) {
                sb.append('/');
            }
            sb.append(String.join("/", names));
            for (String s : subnames) {
                sb.append(':').append(s);
            }
            return sb.toString();
        }

        @Override
        public VariantType type() {
            return VariantType.NODE_PATH;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** A server resource id; meaningless off the sending host. */
    record Rid(long id) implements Variant {
        @Override
        public VariantType type() {
            return VariantType.RID;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /**
     * An Object sent as its instance id (header bit 16; the only form SYNC/SPAWN use and the form RPCs use unless
     * {@code allow_object_decoding}). Id 0 is the null object. The id is a handle on the sender's host only.
     */
    record ObjectAsId(long instanceId) implements Variant {
        @Override
        public VariantType type() {
            return VariantType.OBJECT;
        }

        public boolean isNull() {
            return instanceId == 0;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** A stored property of a {@link FullObject}. */
    record Property(String name, Variant value) {
        public Property {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * An Object in full form: class name (empty = null object) and its stored properties. Decoded structurally only
     * when object decoding is allowed; nothing is ever instantiated.
     */
    record FullObject(String className, List<Property> properties) implements Variant {
        public FullObject {
            Objects.requireNonNull(className, "className");
            properties = List.copyOf(properties);
        }

        public boolean isNull() {
            return className.isEmpty();
        }

        @Override
        public VariantType type() {
            return VariantType.OBJECT;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** Godot encodes a Callable as the bare header: it always arrives as an empty Callable. */
    record Callable() implements Variant {
        @Override
        public VariantType type() {
            return VariantType.CALLABLE;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** A Signal: its name and the sender-local instance id of the object that owns it. */
    record Signal(String name, long objectId) implements Variant {
        public Signal {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public VariantType type() {
            return VariantType.SIGNAL;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** One key/value pair of a {@link Dictionary}, in wire order. */
    record Entry(Variant key, Variant value) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A Dictionary with its (4.4+) key and value types. Entries stay in wire order; a repeated key is kept as sent (Godot
     * would keep the last).
     */
    record Dictionary(ContainerType keyType, ContainerType valueType, List<Entry> entries) implements Variant {
        public Dictionary {
            Objects.requireNonNull(keyType, "keyType");
            Objects.requireNonNull(valueType, "valueType");
            entries = List.copyOf(entries);
        }

        public static Dictionary untyped(List<Entry> entries) {
            return new Dictionary(ContainerType.NONE, ContainerType.NONE, entries);
        }

        @Override
        public VariantType type() {
            return VariantType.DICTIONARY;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** An Array with its (4.3+) element type. */
    record Array(ContainerType elementType, List<Variant> elements) implements Variant {
        public Array {
            Objects.requireNonNull(elementType, "elementType");
            elements = List.copyOf(elements);
        }

        public static Array untyped(List<Variant> elements) {
            return new Array(ContainerType.NONE, elements);
        }

        @Override
        public VariantType type() {
            return VariantType.ARRAY;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    record PackedByteArray(byte[] data) implements Variant {
        public PackedByteArray {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        public int size() {
            return data.length;
        }

        public int get(int i) {
            return data[i] & 0xFF;
        }

        @Override
        public VariantType type() {
            return VariantType.PACKED_BYTE_ARRAY;
        }

        @Override
        public boolean equals(java.lang.Object o) {
            return o instanceof PackedByteArray p && Arrays.equals(p.data, data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    record PackedInt32Array(int[] values) implements Variant {
        public PackedInt32Array {
            values = values.clone();
        }

        @Override
        public int[] values() {
            return values.clone();
        }

        public int size() {
            return values.length;
        }

        public int get(int i) {
            return values[i];
        }

        @Override
        public VariantType type() {
            return VariantType.PACKED_INT32_ARRAY;
        }

        @Override
        public boolean equals(java.lang.Object o) {
            return o instanceof PackedInt32Array p && Arrays.equals(p.values, values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    record PackedInt64Array(long[] values) implements Variant {
        public PackedInt64Array {
            values = values.clone();
        }

        @Override
        public long[] values() {
            return values.clone();
        }

        public int size() {
            return values.length;
        }

        public long get(int i) {
            return values[i];
        }

        @Override
        public VariantType type() {
            return VariantType.PACKED_INT64_ARRAY;
        }

        @Override
        public boolean equals(java.lang.Object o) {
            return o instanceof PackedInt64Array p && Arrays.equals(p.values, values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    record PackedFloat32Array(float[] values) implements Variant {
        public PackedFloat32Array {
            values = values.clone();
        }

        @Override
        public float[] values() {
            return values.clone();
        }

        public int size() {
            return values.length;
        }

        public float get(int i) {
            return values[i];
        }

        @Override
        public VariantType type() {
            return VariantType.PACKED_FLOAT32_ARRAY;
        }

        @Override
        public boolean equals(java.lang.Object o) {
            return o instanceof PackedFloat32Array p && Arrays.equals(p.values, values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    record PackedFloat64Array(double[] values) implements Variant {
        public PackedFloat64Array {
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        public int size() {
            return values.length;
        }

        public double get(int i) {
            return values[i];
        }

        @Override
        public VariantType type() {
            return VariantType.PACKED_FLOAT64_ARRAY;
        }

        @Override
        public boolean equals(java.lang.Object o) {
            return o instanceof PackedFloat64Array p && Arrays.equals(p.values, values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    record PackedStringArray(List<String> values) implements Variant {
        public PackedStringArray {
            values = List.copyOf(values);
        }

        @Override
        public VariantType type() {
            return VariantType.PACKED_STRING_ARRAY;
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /**
     * Packed vectors of {@code width} components (2, 3 or 4), flattened: element i is {@code xs[i*width .. ]}.
     * One record for the three Packed*VectorNArray types; {@link #type()} says which.
     */
    record PackedVectorArray(int width, double[] xs, boolean f64) implements Variant {
        public PackedVectorArray {
            if (width < 2 || width > 4) {
                throw new IllegalArgumentException("width " + width + " is not 2, 3 or 4");
            }
            if (xs.length % width != 0) {
                throw new IllegalArgumentException(xs.length + " components is not a multiple of " + width);
            }
            xs = xs.clone();
        }

        @Override
        public double[] xs() {
            return xs.clone();
        }

        public int size() {
            return xs.length / width;
        }

        /** Component {@code c} of element {@code i}. */
        public double get(int i, int c) {
            return xs[i * width + c];
        }

        @Override
        public VariantType type() {
            return width == 2
                    ? VariantType.PACKED_VECTOR2_ARRAY
                    : width == 3 ? VariantType.PACKED_VECTOR3_ARRAY : VariantType.PACKED_VECTOR4_ARRAY;
        }

        @Override
        public boolean equals(java.lang.Object o) {
            return o instanceof PackedVectorArray p && p.width == width && p.f64 == f64 && Arrays.equals(p.xs, xs);
        }

        @Override
        public int hashCode() {
            return (Arrays.hashCode(xs) * 31 + width) * 31 + Boolean.hashCode(f64);
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** Colors flattened as r, g, b, a per element; always single precision. */
    record PackedColorArray(float[] rgba) implements Variant {
        public PackedColorArray {
            if (rgba.length % 4 != 0) {
                throw new IllegalArgumentException(rgba.length + " components is not a multiple of 4");
            }
            rgba = rgba.clone();
        }

        @Override
        public float[] rgba() {
            return rgba.clone();
        }

        public int size() {
            return rgba.length / 4;
        }

        @Override
        public VariantType type() {
            return VariantType.PACKED_COLOR_ARRAY;
        }

        @Override
        public boolean equals(java.lang.Object o) {
            return o instanceof PackedColorArray p && Arrays.equals(p.rgba, rgba);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(rgba);
        }

        @Override
        public String toString() {
            return VariantText.format(this);
        }
    }

    /** Length checks for the fixed-size real arrays above. */
    final class Reals {
        private Reals() {}

        static double[] copy(double[] m, int n, String what) {
            if (m.length != n) {
                throw new IllegalArgumentException(what + " takes " + n + " reals, got " + m.length);
            }
            return m.clone();
        }
    }
}
