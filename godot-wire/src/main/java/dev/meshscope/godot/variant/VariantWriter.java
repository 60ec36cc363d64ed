// SPDX-License-Identifier: MIT
package dev.meshscope.godot.variant;

import dev.meshscope.godot.WireWriter;
import java.nio.charset.StandardCharsets;

/**
 * Encodes Variants as Godot 4.4+ does ({@code encode_variant} and {@code encode_and_compress_variant},
 * scene-multiplayer-packets.md §8): INT and FLOAT take 64 bits only when needed, math types keep the width they carry,
 * typed containers write their type info, Objects go out in the form their record holds.
 *
 * <p>Stateless; thread-safe. Encoding a value nested deeper than {@link VariantReader#MAX_DEPTH} throws
 * {@link IllegalArgumentException}, as Godot refuses to encode it.
 */
public final class VariantWriter {
    private VariantWriter() {}

    /** The full-format encoding of {@code v}, a fresh array. */
    public static byte[] full(Variant v) {
        WireWriter w = new WireWriter();
        writeFull(w, v);
        return w.toByteArray();
    }

    /** The compressed encoding of {@code v} (§8.1), a fresh array. */
    public static byte[] compressed(Variant v) {
        WireWriter w = new WireWriter();
        writeCompressed(w, v);
        return w.toByteArray();
    }

    /** Appends the compressed encoding: 1-byte bool, smallest int, else the full form. */
    public static void writeCompressed(WireWriter w, Variant v) {
        if (v instanceof Variant.Bool b) {
            w.u8(VariantType.BOOL.id() | (b.value() ? VariantReader.META_BOOL_TRUE : 0));
        } else if (v instanceof Variant.Int i) {
            long x = i.value();
            int type = VariantType.INT.id();
            if (x == (byte) x) {
                w.u8(type).u8((int) x);
            } else if (x == (short) x) {
                w.u8(type | 1 << VariantReader.META_MODE_SHIFT).u16((int) x);
            } else if (x == (int) x) {
                w.u8(type | 2 << VariantReader.META_MODE_SHIFT).i32((int) x);
            } else {
                w.u8(type | 3 << VariantReader.META_MODE_SHIFT).i64(x);
            }
        } else {
            writeFull(w, v);
        }
    }

    /** Appends the full-format encoding. */
    public static void writeFull(WireWriter w, Variant v) {
        write(w, v, 0);
    }

    private static int wideFlag(boolean f64) {
        return f64 ? VariantReader.FLAG_64 : 0;
    }

    private static void reals(WireWriter w, boolean f64, double... xs) {
        for (double x : xs) {
            if (f64) {
                w.f64(x);
            } else {
                w.f32((float) x);
            }
        }
    }

    private static void string(WireWriter w, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        w.i32(b.length).bytes(b).padAfter(b.length);
    }

    private static int containerKind(ContainerType t) {
        return t.kind().ordinal();
    }

    private static void containerType(WireWriter w, ContainerType t) {
        switch (t.kind()) {
            case BUILTIN:
                w.i32(t.builtin().id());
                break;
            case CLASS_NAME:
            case SCRIPT:
                string(w, t.name());
                break;
            case NONE:
            default:
                break;
        }
    }

    private static void write(WireWriter w, Variant v, int depth) {
        if (depth > VariantReader.MAX_DEPTH) {
            throw new IllegalArgumentException(
                    "Variant nested deeper than " + VariantReader.MAX_DEPTH + " levels; Godot refuses to encode it");
        }
        int type = v.type().id();
        if (v instanceof Variant.Nil) {
            w.i32(type);
        } else if (v instanceof Variant.Bool b) {
            w.i32(type).i32(b.value() ? 1 : 0);
        } else if (v instanceof Variant.Int i) {
            long x = i.value();
            if (x == (int) x) {
                w.i32(type).i32((int) x);
            } else {
                w.i32(type | VariantReader.FLAG_64).i64(x);
            }
        } else if (v instanceof Variant.Float f) {
            double d = f.value();
            // Godot: 64 bits unless the value survives a round trip through float (so NaN goes out as 64 bits).
            if ((double) (float) d == d) {
                w.i32(type).f32((float) d);
            } else {
                w.i32(type | VariantReader.FLAG_64).f64(d);
            }
        } else if (v instanceof Variant.Str s) {
            w.i32(type);
            string(w, s.value());
        } else if (v instanceof Variant.Vector2 p) {
            w.i32(type | wideFlag(p.f64()));
            reals(w, p.f64(), p.x(), p.y());
        } else if (v instanceof Variant.Vector2i p) {
            w.i32(type).i32(p.x()).i32(p.y());
        } else if (v instanceof Variant.Rect2 p) {
            w.i32(type | wideFlag(p.f64()));
            reals(w, p.f64(), p.x(), p.y(), p.width(), p.height());
        } else if (v instanceof Variant.Rect2i p) {
            w.i32(type).i32(p.x()).i32(p.y()).i32(p.width()).i32(p.height());
        } else if (v instanceof Variant.Vector3 p) {
            w.i32(type | wideFlag(p.f64()));
            reals(w, p.f64(), p.x(), p.y(), p.z());
        } else if (v instanceof Variant.Vector3i p) {
            w.i32(type).i32(p.x()).i32(p.y()).i32(p.z());
        } else if (v instanceof Variant.Transform2D p) {
            w.i32(type | wideFlag(p.f64()));
            reals(w, p.f64(), p.m());
        } else if (v instanceof Variant.Vector4 p) {
            w.i32(type | wideFlag(p.f64()));
            reals(w, p.f64(), p.x(), p.y(), p.z(), p.w());
        } else if (v instanceof Variant.Vector4i p) {
            w.i32(type).i32(p.x()).i32(p.y()).i32(p.z()).i32(p.w());
        } else if (v instanceof Variant.Plane p) {
            w.i32(type | wideFlag(p.f64()));
            reals(w, p.f64(), p.x(), p.y(), p.z(), p.d());
        } else if (v instanceof Variant.Quaternion p) {
            w.i32(type | wideFlag(p.f64()));
            reals(w, p.f64(), p.x(), p.y(), p.z(), p.w());
        } else if (v instanceof Variant.Aabb p) {
            w.i32(type | wideFlag(p.f64()));
            reals(w, p.f64(), p.v());
        } else if (v instanceof Variant.Basis p) {
            w.i32(type | wideFlag(p.f64()));
            reals(w, p.f64(), p.m());
        } else if (v instanceof Variant.Transform3D p) {
            w.i32(type | wideFlag(p.f64()));
            reals(w, p.f64(), p.m());
        } else if (v instanceof Variant.Projection p) {
            w.i32(type | wideFlag(p.f64()));
            reals(w, p.f64(), p.m());
        } else if (v instanceof Variant.Color c) {
            w.i32(type).f32(c.r()).f32(c.g()).f32(c.b()).f32(c.a());
        } else if (v instanceof Variant.StringName s) {
            w.i32(type);
            string(w, s.value());
        } else if (v instanceof Variant.NodePath p) {
            w.i32(type)
                    .i32(p.names().size() | 0x8000_0000)
                    .i32(p.subnames().size())
                    .i32(p.absolute() ? 1 : 0);
            for (String s : p.names()) {
                string(w, s);
            }
            for (String s : p.subnames()) {
                string(w, s);
            }
        } else if (v instanceof Variant.Rid r) {
            w.i32(type).i64(r.id());
        } else if (v instanceof Variant.ObjectAsId o) {
            w.i32(type | VariantReader.FLAG_64).i64(o.instanceId());
        } else if (v instanceof Variant.FullObject o) {
            w.i32(type);
            string(w, o.className());
            if (!o.isNull()) {
                w.i32(o.properties().size());
                for (Variant.Property p : o.properties()) {
                    string(w, p.name());
                    write(w, p.value(), depth + 1);
                }
            }
        } else if (v instanceof Variant.Callable) {
            w.i32(type);
        } else if (v instanceof Variant.Signal s) {
            w.i32(type);
            string(w, s.name());
            w.i64(s.objectId());
        } else if (v instanceof Variant.Dictionary d) {
            w.i32(type | containerKind(d.keyType()) << 16 | containerKind(d.valueType()) << 18);
            containerType(w, d.keyType());
            containerType(w, d.valueType());
            w.i32(d.entries().size());
            for (Variant.Entry e : d.entries()) {
                write(w, e.key(), depth + 1);
                write(w, e.value(), depth + 1);
            }
        } else if (v instanceof Variant.Array a) {
            w.i32(type | containerKind(a.elementType()) << 16);
            containerType(w, a.elementType());
            w.i32(a.elements().size());
            for (Variant e : a.elements()) {
                write(w, e, depth + 1);
            }
        } else if (v instanceof Variant.PackedByteArray p) {
            byte[] b = p.data();
            w.i32(type).i32(b.length).bytes(b).padAfter(b.length);
        } else if (v instanceof Variant.PackedInt32Array p) {
            w.i32(type).i32(p.size());
            for (int x : p.values()) {
                w.i32(x);
            }
        } else if (v instanceof Variant.PackedInt64Array p) {
            w.i32(type).i32(p.size());
            for (long x : p.values()) {
                w.i64(x);
            }
        } else if (v instanceof Variant.PackedFloat32Array p) {
            w.i32(type).i32(p.size());
            for (float x : p.values()) {
                w.f32(x);
            }
        } else if (v instanceof Variant.PackedFloat64Array p) {
            w.i32(type).i32(p.size());
            for (double x : p.values()) {
                w.f64(x);
            }
        } else if (v instanceof Variant.PackedStringArray p) {
            w.i32(type).i32(p.values().size());
            for (String s : p.values()) {
                // Unlike vstr, the length here counts a trailing NUL that is written too (§8.2, id 34).
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                w.i32(b.length + 1).bytes(b).u8(0).padAfter(b.length + 1);
            }
        } else if (v instanceof Variant.PackedVectorArray p) {
            w.i32(type | wideFlag(p.f64())).i32(p.size());
            reals(w, p.f64(), p.xs());
        } else if (v instanceof Variant.PackedColorArray p) {
            w.i32(type).i32(p.size());
            for (float x : p.rgba()) {
                w.f32(x);
            }
        } else {
            throw new IllegalArgumentException("no encoder for " + v.type());
        }
    }
}
