// SPDX-License-Identifier: MIT
package dev.meshscope.godot.variant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads RPC arguments written as GDScript literals (the agent's {@code --send-rpc}, the window's Godot RPC payload):
 * a comma-separated list of values, each
 * one of {@code 3}, {@code -2}, {@code 1.5}, {@code 1e3} (a number with a point or an exponent is a float),
 * {@code "text"} (escapes {@code \" \\ \n \t}), {@code &"name"} (StringName), {@code ^"Main/Player"} (NodePath),
 * {@code true}, {@code false}, {@code null}, {@code Vector2(1.5, -2)}, {@code Vector2i}, {@code Vector3},
 * {@code Vector3i}, {@code Vector4}, {@code Vector4i}, {@code Rect2}, {@code Rect2i}, {@code Quaternion},
 * {@code Plane}, {@code Color(r, g, b[, a])}, {@code StringName("x")}, {@code NodePath("x")},
 * {@code PackedByteArray(1, 2, 255)}, {@code [a, b]} (Array) and {@code {key: value}} (Dictionary). Floats inside
 * vectors are single precision on the wire, as in Godot's default build.
 *
 * <p>Pure and stateless; any thread. A mistake is an {@link IllegalArgumentException} whose message names the
 * character position (1-based, in the argument text) and what was expected there.
 */
public final class VariantLiteral {
    /** Nesting accepted at most: far deeper than any call an operator types, far below Godot's limit of 1024. */
    public static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;
    private int depth;

    private VariantLiteral(String text) {
        this.text = text;
    }

    /** The values of {@code args} ("" for none). */
    public static List<Variant> parseList(String args) {
        VariantLiteral p = new VariantLiteral(args);
        List<Variant> out = new ArrayList<>();
        p.skipSpace();
        if (p.atEnd()) {
            return out;
        }
        while (true) {
            out.add(p.value());
            p.skipSpace();
            if (p.atEnd()) {
                return out;
            }
            p.expect(',', "',' before the next argument (or the end of the arguments)");
        }
    }

    /** Exactly one value. */
    public static Variant parse(String text) {
        List<Variant> values = parseList(text);
        if (values.size() != 1) {
            throw new IllegalArgumentException("expected one value, got " + values.size());
        }
        return values.get(0);
    }

    private Variant value() {
        skipSpace();
        if (atEnd()) {
            throw fail("a value (a number, \"text\", true, false, null, Vector2(...), [...] or {...})");
        }
        char c = text.charAt(pos);
        if (c == '"') {
            return new Variant.Str(string());
        }
        if (c == '&') {
            pos++;
            return new Variant.StringName(string());
        }
        if (c == '^') {
            pos++;
            return Variant.NodePath.parse(string());
        }
        if (c == '[') {
            return array();
        }
        if (c == '{') {
            return dictionary();
        }
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            return number();
        }
        if (Character.isLetter(c)) {
            return word();
        }
        throw fail("a value, not '" + c + "'");
    }

    private Variant word() {
        int start = pos;
        while (!atEnd() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String w = text.substring(start, pos);
        switch (w) {
            case "true":
                return Variant.Bool.TRUE;
            case "false":
                return Variant.Bool.FALSE;
            case "null":
                return Variant.Nil.INSTANCE;
            default:
                break;
        }
        skipSpace();
        if (atEnd() || text.charAt(pos) != '(') {
            pos = start;
            throw fail("true, false, null or a constructor such as Vector2(1, 2), not '" + w + "'");
        }
        return constructor(w, start);
    }

    private Variant constructor(String name, int start) {
        pos++; // '('
        enter();
        Variant v;
        switch (name) {
            case "StringName" -> v = new Variant.StringName(stringArg());
            case "NodePath" -> v = Variant.NodePath.parse(stringArg());
            case "PackedByteArray" -> v = packedBytes();
            default -> v = numeric(name, start);
        }
        skipSpace();
        expect(')', "')' to close " + name + "(");
        depth--;
        return v;
    }

    private Variant numeric(String name, int start) {
        int[] arity = switch (name) {
            case "Vector2", "Vector2i" -> new int[] {2};
            case "Vector3", "Vector3i" -> new int[] {3};
            case "Vector4", "Vector4i", "Rect2", "Rect2i", "Quaternion", "Plane" -> new int[] {4};
            case "Color" -> new int[] {3, 4};
            default -> null;
        };
        if (arity == null) {
            pos = start;
            throw fail("a known constructor (Vector2, Vector2i, Vector3, Vector3i, Vector4, Vector4i, Rect2, Rect2i, "
                    + "Quaternion, Plane, Color, StringName, NodePath, PackedByteArray), not '" + name + "'");
        }
        boolean ints = name.endsWith("i");
        List<Double> xs = new ArrayList<>();
        skipSpace();
        while (!atEnd() && text.charAt(pos) != ')') {
            if (!xs.isEmpty()) {
                expect(',', "',' or ')' in " + name + "(...)");
            }
            skipSpace();
            int at = pos;
            Variant n = number();
            double d = n instanceof Variant.Int i ? i.value() : ((Variant.Float) n).value();
            if (ints && !(n instanceof Variant.Int && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE)) {
                pos = at;
                throw fail("a 32-bit integer in " + name + "(...)");
            }
            xs.add(d);
            skipSpace();
        }
        boolean arityOk = false;
        for (int a : arity) {
            arityOk |= xs.size() == a;
        }
        if (!arityOk) {
            throw fail(name + " takes " + (arity.length == 1 ? arity[0] : arity[0] + " or " + arity[1])
                    + " numbers, not " + xs.size());
        }
        // Single precision, as a default Godot build sends them: the value held is the value that goes on the wire.
        double[] v =
                xs.stream().mapToDouble(x -> ints ? x : (float) x.doubleValue()).toArray();
        return switch (name) {
            case "Vector2" -> new Variant.Vector2(v[0], v[1], false);
            case "Vector2i" -> new Variant.Vector2i((int) v[0], (int) v[1]);
            case "Vector3" -> new Variant.Vector3(v[0], v[1], v[2], false);
            case "Vector3i" -> new Variant.Vector3i((int) v[0], (int) v[1], (int) v[2]);
            case "Vector4" -> new Variant.Vector4(v[0], v[1], v[2], v[3], false);
            case "Vector4i" -> new Variant.Vector4i((int) v[0], (int) v[1], (int) v[2], (int) v[3]);
            case "Rect2" -> new Variant.Rect2(v[0], v[1], v[2], v[3], false);
            case "Rect2i" -> new Variant.Rect2i((int) v[0], (int) v[1], (int) v[2], (int) v[3]);
            case "Quaternion" -> new Variant.Quaternion(v[0], v[1], v[2], v[3], false);
            case "Plane" -> new Variant.Plane(v[0], v[1], v[2], v[3], false);
            default -> new Variant.Color((float) v[0], (float) v[1], (float) v[2], v.length == 4 ? (float) v[3] : 1f);
        };
    }

    private String stringArg() {
        skipSpace();
        return string();
    }

    private Variant packedBytes() {
        List<Byte> bytes = new ArrayList<>();
        skipSpace();
        while (!atEnd() && text.charAt(pos) != ')') {
            if (!bytes.isEmpty()) {
                expect(',', "',' or ')' in PackedByteArray(...)");
            }
            skipSpace();
            int at = pos;
            Variant n = number();
            if (!(n instanceof Variant.Int i) || i.value() < 0 || i.value() > 255) {
                pos = at;
                throw fail("a byte (0..255) in PackedByteArray(...)");
            }
            bytes.add((byte) i.value());
            skipSpace();
        }
        byte[] b = new byte[bytes.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = bytes.get(i);
        }
        return new Variant.PackedByteArray(b);
    }

    private Variant array() {
        pos++; // '['
        enter();
        List<Variant> out = new ArrayList<>();
        skipSpace();
        while (!atEnd() && text.charAt(pos) != ']') {
            if (!out.isEmpty()) {
                expect(',', "',' or ']' in the array");
            }
            out.add(value());
            skipSpace();
        }
        expect(']', "']' to close the array");
        depth--;
        return Variant.Array.untyped(out);
    }

    private Variant dictionary() {
        pos++; // '{'
        enter();
        List<Variant.Entry> out = new ArrayList<>();
        skipSpace();
        while (!atEnd() && text.charAt(pos) != '}') {
            if (!out.isEmpty()) {
                expect(',', "',' or '}' in the dictionary");
            }
            Variant k = value();
            skipSpace();
            expect(':', "':' between a dictionary key and its value");
            out.add(new Variant.Entry(k, value()));
            skipSpace();
        }
        expect('}', "'}' to close the dictionary");
        depth--;
        return Variant.Dictionary.untyped(out);
    }

    private Variant number() {
        int start = pos;
        if (!atEnd() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
            pos++;
        }
        boolean real = false;
        while (!atEnd()) {
            char c = text.charAt(pos);
            if (Character.isDigit(c)) {
                pos++;
            } else if (c == '.' || c == 'e' || c == 'E') {
                real = true;
                pos++;
                if ((c == 'e' || c == 'E') && !atEnd() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
                    pos++;
                }
            } else {
                break;
            }
        }
        String n = text.substring(start, pos);
        try {
            if (!real) {
                return new Variant.Int(Long.parseLong(n));
            }
            double d = Double.parseDouble(n);
            if (Double.isInfinite(d)) {
                throw new NumberFormatException("out of range");
            }
            return new Variant.Float(d);
        } catch (NumberFormatException e) {
            pos = start;
            throw fail("a number (64-bit integer or float), not '" + n + "'");
        }
    }

    private String string() {
        if (atEnd() || text.charAt(pos) != '"') {
            throw fail("a string in double quotes");
        }
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                if (atEnd()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case '"', '\\' -> sb.append(e);
                    default -> {
                        pos -= 2;
                        throw fail("an escape \\\" \\\\ \\n or \\t, not '\\" + e + "'");
                    }
                }
            } else {
                sb.append(c);
            }
        }
        pos = start;
        throw fail("a closing '\"' for the string that starts here");
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw fail("at most " + MAX_DEPTH + " nested values");
        }
    }

    private void expect(char c, String what) {
        if (atEnd() || text.charAt(pos) != c) {
            throw fail(what);
        }
        pos++;
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private IllegalArgumentException fail(String expected) {
        String here = atEnd()
                ? "the end"
                : "'" + text.substring(pos, Math.min(text.length(), pos + 12)) + (pos + 12 < text.length() ? "…" : "")
                        + "'";
        return new IllegalArgumentException(String.format(
                Locale.ROOT, "at character %d of the arguments (%s): expected %s", pos + 1, here, expected));
    }
}
