// SPDX-License-Identifier: MIT
package dev.meshscope.godot.variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Variant as plain maps, lists, strings, numbers and booleans, ready for a JSON writer or a tree view:
 * {@code {"type": "Vector2", "value": [1.5, -2.0]}}. Containers nest: an Array's {@code value} is a list of such maps,
 * a Dictionary's a list of {@code {"key": .., "value": ..}}. Non-finite reals become the strings {@code "nan"},
 * {@code "inf"}, {@code "-inf"} (JSON has no such numbers). The maps are fresh and mutable; the caller owns them.
 */
public final class VariantTree {
    private VariantTree() {}

    public static Map<String, @Nullable Object> of(Variant v) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("type", v.type().godotName());
        m.put("value", value(v));
        if (v instanceof Variant.Array a && a.elementType().isTyped()) {
            m.put("element_type", a.elementType().text());
        }
        if (v instanceof Variant.Dictionary d
                && (d.keyType().isTyped() || d.valueType().isTyped())) {
            m.put("key_type", d.keyType().text());
            m.put("value_type", d.valueType().text());
        }
        return m;
    }

    /** A JSON-safe number: the double, or a string for NaN and infinities. */
    public static Object number(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        return x;
    }

    private static List<Object> numbers(double... xs) {
        List<Object> out = new ArrayList<>(xs.length);
        for (double x : xs) {
            out.add(number(x));
        }
        return out;
    }

    private static List<Object> ints(long... xs) {
        List<Object> out = new ArrayList<>(xs.length);
        for (long x : xs) {
            out.add(x);
        }
        return out;
    }

    private static @Nullable Object value(Variant v) {
        if (v instanceof Variant.Nil || v instanceof Variant.Callable) {
            return null;
        } else if (v instanceof Variant.Bool b) {
            return b.value();
        } else if (v instanceof Variant.Int i) {
            return i.value();
        } else if (v instanceof Variant.Float f) {
            return number(f.value());
        } else if (v instanceof Variant.Str s) {
            return s.value();
        } else if (v instanceof Variant.StringName s) {
            return s.value();
        } else if (v instanceof Variant.NodePath p) {
            return p.pathText();
        } else if (v instanceof Variant.Rid r) {
            return r.id();
        } else if (v instanceof Variant.Vector2 p) {
            return numbers(p.x(), p.y());
        } else if (v instanceof Variant.Vector2i p) {
            return ints(p.x(), p.y());
        } else if (v instanceof Variant.Rect2 p) {
            return numbers(p.x(), p.y(), p.width(), p.height());
        } else if (v instanceof Variant.Rect2i p) {
            return ints(p.x(), p.y(), p.width(), p.height());
        } else if (v instanceof Variant.Vector3 p) {
            return numbers(p.x(), p.y(), p.z());
        } else if (v instanceof Variant.Vector3i p) {
            return ints(p.x(), p.y(), p.z());
        } else if (v instanceof Variant.Transform2D p) {
            return numbers(p.m());
        } else if (v instanceof Variant.Vector4 p) {
            return numbers(p.x(), p.y(), p.z(), p.w());
        } else if (v instanceof Variant.Vector4i p) {
            return ints(p.x(), p.y(), p.z(), p.w());
        } else if (v instanceof Variant.Plane p) {
            return numbers(p.x(), p.y(), p.z(), p.d());
        } else if (v instanceof Variant.Quaternion p) {
            return numbers(p.x(), p.y(), p.z(), p.w());
        } else if (v instanceof Variant.Aabb p) {
            return numbers(p.v());
        } else if (v instanceof Variant.Basis p) {
            return numbers(p.m());
        } else if (v instanceof Variant.Transform3D p) {
            return numbers(p.m());
        } else if (v instanceof Variant.Projection p) {
            return numbers(p.m());
        } else if (v instanceof Variant.Color c) {
            return numbers(c.r(), c.g(), c.b(), c.a());
        } else if (v instanceof Variant.ObjectAsId o) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("object_id", Long.toUnsignedString(o.instanceId()));
            return m;
        } else if (v instanceof Variant.FullObject o) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", o.className());
            List<Object> props = new ArrayList<>();
            for (Variant.Property p : o.properties()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", p.name());
                e.put("value", of(p.value()));
                props.add(e);
            }
            m.put("properties", props);
            return m;
        } else if (v instanceof Variant.Signal s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("object_id", Long.toUnsignedString(s.objectId()));
            return m;
        } else if (v instanceof Variant.Array a) {
            List<Object> out = new ArrayList<>(a.elements().size());
            for (Variant e : a.elements()) {
                out.add(of(e));
            }
            return out;
        } else if (v instanceof Variant.Dictionary d) {
            List<Object> out = new ArrayList<>(d.entries().size());
            for (Variant.Entry e : d.entries()) {
                Map<String, Object> kv = new LinkedHashMap<>();
                kv.put("key", of(e.key()));
                kv.put("value", of(e.value()));
                out.add(kv);
            }
            return out;
        } else if (v instanceof Variant.PackedByteArray p) {
            List<Object> out = new ArrayList<>(p.size());
            for (int i = 0; i < p.size(); i++) {
                out.add(p.get(i));
            }
            return out;
        } else if (v instanceof Variant.PackedInt32Array p) {
            List<Object> out = new ArrayList<>(p.size());
            for (int x : p.values()) {
                out.add(x);
            }
            return out;
        } else if (v instanceof Variant.PackedInt64Array p) {
            return ints(p.values());
        } else if (v instanceof Variant.PackedFloat32Array p) {
            List<Object> out = new ArrayList<>(p.size());
            for (float x : p.values()) {
                out.add(number(x));
            }
            return out;
        } else if (v instanceof Variant.PackedFloat64Array p) {
            return numbers(p.values());
        } else if (v instanceof Variant.PackedStringArray p) {
            return new ArrayList<Object>(p.values());
        } else if (v instanceof Variant.PackedVectorArray p) {
            List<Object> out = new ArrayList<>(p.size());
            double[] xs = p.xs();
            for (int i = 0; i < p.size(); i++) {
                double[] one = new double[p.width()];
                System.arraycopy(xs, i * p.width(), one, 0, p.width());
                out.add(numbers(one));
            }
            return out;
        } else if (v instanceof Variant.PackedColorArray p) {
            List<Object> out = new ArrayList<>(p.size());
            float[] xs = p.rgba();
            for (int i = 0; i < p.size(); i++) {
                out.add(numbers(xs[4 * i], xs[4 * i + 1], xs[4 * i + 2], xs[4 * i + 3]));
            }
            return out;
        }
        return null;
    }
}
