// SPDX-License-Identifier: MIT
package dev.meshscope.godot.variant;

import java.util.List;

/**
 * Godot's text form of a Variant, as {@code var_to_str} writes it on one line: {@code Vector2(1.5, -2)},
 * {@code "hi"}, {@code &"name"}, {@code NodePath("Main/Player")}, {@code [1, 2]}, {@code {"a": 1}},
 * {@code Array[int]([1])}, {@code PackedByteArray(1, 2)}. Reals inside math types drop a trailing {@code .0}; a
 * {@code float} keeps it ({@code 1.0}), as Godot does. 32-bit values print as the shortest float that reads back.
 *
 * <p>{@link #brief} stops appending once a length is reached and ends with {@code …}, so summarising a huge array
 * costs as little as a small one. Stateless; thread-safe.
 */
public final class VariantText {
    /** Default cap for one-line summaries, in characters. */
    public static final int BRIEF_LIMIT = 160;

    private static final String ELLIPSIS = "…";

    private VariantText() {}

    /** The full text form. */
    public static String format(Variant v) {
        StringBuilder sb = new StringBuilder();
        append(sb, v, Integer.MAX_VALUE);
        return sb.toString();
    }

    /** The text form cut to about {@code limit} characters. */
    public static String brief(Variant v, int limit) {
        StringBuilder sb = new StringBuilder();
        append(sb, v, limit);
        return cut(sb, limit);
    }

    /** Cuts {@code sb} to {@code limit} characters plus an ellipsis when longer. */
    static String cut(StringBuilder sb, int limit) {
        if (sb.length() > limit) {
            sb.setLength(limit);
            sb.append(ELLIPSIS);
        }
        return sb.toString();
    }

    /** A real as Godot prints it inside a math type: {@code 1.5}, {@code -2}, {@code 1e+20}, {@code nan}, {@code inf}. */
    public static String real(double x, boolean f64) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String s = f64 ? Double.toString(x) : java.lang.Float.toString((float) x);
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        if (e < 0) {
            return mantissa;
        }
        int exp = Integer.parseInt(s.substring(e + 1));
        String digits = Integer.toString(Math.abs(exp));
        return mantissa + "e" + (exp < 0 ? "-" : "+") + (digits.length() < 2 ? "0" + digits : digits);
    }

    /** A {@code float} Variant: like {@link #real} but integral values keep {@code .0}. */
    public static String floatValue(double x) {
        String s = real(x, (double) (float) x != x);
        boolean plain = s.chars().allMatch(c -> c == '-' || (c >= '0' && c <= '9'));
        return plain ? s + ".0" : s;
    }

    /** A string in double quotes with Godot's C-style escapes. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\':
                    sb.append("\\\\");
                    break;
                case '"':
                    sb.append("\\\"");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    private static void reals(StringBuilder sb, String name, boolean f64, double... xs) {
        sb.append(name).append('(');
        for (int i = 0; i < xs.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(real(xs[i], f64));
        }
        sb.append(')');
    }

    private static void ints(StringBuilder sb, String name, long... xs) {
        sb.append(name).append('(');
        for (int i = 0; i < xs.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(xs[i]);
        }
        sb.append(')');
    }

    private static void append(StringBuilder sb, Variant v, int limit) {
        if (v instanceof Variant.Nil) {
            sb.append("null");
        } else if (v instanceof Variant.Bool b) {
            sb.append(b.value());
        } else if (v instanceof Variant.Int i) {
            sb.append(i.value());
        } else if (v instanceof Variant.Float f) {
            sb.append(floatValue(f.value()));
        } else if (v instanceof Variant.Str s) {
            sb.append(quote(s.value()));
        } else if (v instanceof Variant.Vector2 p) {
            reals(sb, "Vector2", p.f64(), p.x(), p.y());
        } else if (v instanceof Variant.Vector2i p) {
            ints(sb, "Vector2i", p.x(), p.y());
        } else if (v instanceof Variant.Rect2 p) {
            reals(sb, "Rect2", p.f64(), p.x(), p.y(), p.width(), p.height());
        } else if (v instanceof Variant.Rect2i p) {
            ints(sb, "Rect2i", p.x(), p.y(), p.width(), p.height());
        } else if (v instanceof Variant.Vector3 p) {
            reals(sb, "Vector3", p.f64(), p.x(), p.y(), p.z());
        } else if (v instanceof Variant.Vector3i p) {
            ints(sb, "Vector3i", p.x(), p.y(), p.z());
        } else if (v instanceof Variant.Transform2D p) {
            reals(sb, "Transform2D", p.f64(), p.m());
        } else if (v instanceof Variant.Vector4 p) {
            reals(sb, "Vector4", p.f64(), p.x(), p.y(), p.z(), p.w());
        } else if (v instanceof Variant.Vector4i p) {
            ints(sb, "Vector4i", p.x(), p.y(), p.z(), p.w());
        } else if (v instanceof Variant.Plane p) {
            reals(sb, "Plane", p.f64(), p.x(), p.y(), p.z(), p.d());
        } else if (v instanceof Variant.Quaternion p) {
            reals(sb, "Quaternion", p.f64(), p.x(), p.y(), p.z(), p.w());
        } else if (v instanceof Variant.Aabb p) {
            reals(sb, "AABB", p.f64(), p.v());
        } else if (v instanceof Variant.Basis p) {
            reals(sb, "Basis", p.f64(), p.m());
        } else if (v instanceof Variant.Transform3D p) {
            reals(sb, "Transform3D", p.f64(), p.m());
        } else if (v instanceof Variant.Projection p) {
            reals(sb, "Projection", p.f64(), p.m());
        } else if (v instanceof Variant.Color c) {
            reals(sb, "Color", false, c.r(), c.g(), c.b(), c.a());
        } else if (v instanceof Variant.StringName s) {
            sb.append('&').append(quote(s.value()));
        } else if (v instanceof Variant.NodePath p) {
            sb.append("NodePath(").append(quote(p.pathText())).append(')');
        } else if (v instanceof Variant.Rid r) {
            sb.append("RID(").append(r.id()).append(')');
        } else if (v instanceof Variant.ObjectAsId o) {
            if (o.isNull()) {
                sb.append("null");
            } else {
                sb.append("Object(EncodedObjectAsID, \"object_id\": ")
                        .append(Long.toUnsignedString(o.instanceId()))
                        .append(')');
            }
        } else if (v instanceof Variant.FullObject o) {
            if (o.isNull()) {
                sb.append("null");
            } else {
                sb.append("Object(").append(o.className());
                for (Variant.Property p : o.properties()) {
                    if (sb.length() > limit) {
                        break;
                    }
                    sb.append(", ").append(quote(p.name())).append(": ");
                    append(sb, p.value(), limit);
                }
                sb.append(')');
            }
        } else if (v instanceof Variant.Callable) {
            sb.append("Callable()");
        } else if (v instanceof Variant.Signal s) {
            sb.append("Signal(").append(quote(s.name())).append(", ").append(Long.toUnsignedString(s.objectId()));
            sb.append(')');
        } else if (v instanceof Variant.Dictionary d) {
            boolean typed = d.keyType().isTyped() || d.valueType().isTyped();
            if (typed) {
                sb.append("Dictionary[")
                        .append(d.keyType().text())
                        .append(", ")
                        .append(d.valueType().text())
                        .append("](");
            }
            sb.append('{');
            List<Variant.Entry> es = d.entries();
            for (int i = 0; i < es.size() && sb.length() <= limit; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                append(sb, es.get(i).key(), limit);
                sb.append(": ");
                append(sb, es.get(i).value(), limit);
            }
            sb.append('}');
            if (typed) {
                sb.append(')');
            }
        } else if (v instanceof Variant.Array a) {
            boolean typed = a.elementType().isTyped();
            if (typed) {
                sb.append("Array[").append(a.elementType().text()).append("](");
            }
            sb.append('[');
            List<Variant> es = a.elements();
            for (int i = 0; i < es.size() && sb.length() <= limit; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                append(sb, es.get(i), limit);
            }
            sb.append(']');
            if (typed) {
                sb.append(')');
            }
        } else if (v instanceof Variant.PackedByteArray p) {
            sb.append("PackedByteArray(");
            for (int i = 0; i < p.size() && sb.length() <= limit; i++) {
                sb.append(i > 0 ? ", " : "").append(p.get(i));
            }
            sb.append(')');
        } else if (v instanceof Variant.PackedInt32Array p) {
            sb.append("PackedInt32Array(");
            for (int i = 0; i < p.size() && sb.length() <= limit; i++) {
                sb.append(i > 0 ? ", " : "").append(p.get(i));
            }
            sb.append(')');
        } else if (v instanceof Variant.PackedInt64Array p) {
            sb.append("PackedInt64Array(");
            for (int i = 0; i < p.size() && sb.length() <= limit; i++) {
                sb.append(i > 0 ? ", " : "").append(p.get(i));
            }
            sb.append(')');
        } else if (v instanceof Variant.PackedFloat32Array p) {
            sb.append("PackedFloat32Array(");
            for (int i = 0; i < p.size() && sb.length() <= limit; i++) {
                sb.append(i > 0 ? ", " : "").append(real(p.get(i), false));
            }
            sb.append(')');
        } else if (v instanceof Variant.PackedFloat64Array p) {
            sb.append("PackedFloat64Array(");
            for (int i = 0; i < p.size() && sb.length() <= limit; i++) {
                sb.append(i > 0 ? ", " : "").append(real(p.get(i), true));
            }
            sb.append(')');
        } else if (v instanceof Variant.PackedStringArray p) {
            sb.append("PackedStringArray(");
            List<String> xs = p.values();
            for (int i = 0; i < xs.size() && sb.length() <= limit; i++) {
                sb.append(i > 0 ? ", " : "").append(quote(xs.get(i)));
            }
            sb.append(')');
        } else if (v instanceof Variant.PackedVectorArray p) {
            sb.append(p.type().godotName()).append('(');
            for (int i = 0; i < p.size() && sb.length() <= limit; i++) {
                for (int c = 0; c < p.width(); c++) {
                    sb.append(i > 0 || c > 0 ? ", " : "").append(real(p.get(i, c), p.f64()));
                }
            }
            sb.append(')');
        } else if (v instanceof Variant.PackedColorArray p) {
            sb.append("PackedColorArray(");
            float[] xs = p.rgba();
            for (int i = 0; i < xs.length && sb.length() <= limit; i++) {
                sb.append(i > 0 ? ", " : "").append(real(xs[i], false));
            }
            sb.append(')');
        } else {
            sb.append(v.type().godotName()).append("(?)");
        }
    }
}
