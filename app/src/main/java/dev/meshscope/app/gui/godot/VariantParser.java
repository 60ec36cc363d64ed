// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.godot;

import dev.meshscope.godot.variant.Variant;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Variant literals as GDScript writes them, for the "Godot RPC" payload: {@code 3}, {@code -1.5}, {@code true},
 * {@code null}, {@code "text"} (C escapes), {@code &"name"}, {@code Vector2(1.5, -2)} (and Vector2i, Vector3(i),
 * Vector4(i), Rect2(i), Quaternion, Plane, Color), {@code NodePath("Main/Player")}, {@code StringName("x")},
 * {@code PackedByteArray(1, 2, 3)}, {@code [1, "a"]} and {@code {"hp": 3}}. Reals in math types are 32-bit, as a
 * default (single-precision) Godot build sends them; an integer literal is an {@code int}, one with a point or an
 * exponent a {@code float}.
 *
 * <p>Every mistake is an {@link IllegalArgumentException} whose message names the character position and what was
 * expected there. Pure; any thread.
 */
public final class VariantParser {
    /** Nesting depth of arrays and dictionaries at most (Godot's encoder refuses deeper values anyway). */
    static final int MAX_DEPTH = 32;

    private final String text;
    private int pos;
    private int depth;

    private VariantParser(String text) {
        this.text = text;
    }

    /** The comma-separated values of {@code text} (empty text: no values). */
    public static List<Variant> parseList(String text) {
        VariantParser p = new VariantParser(text);
        List<Variant> out = new ArrayList<>();
        p.skipSpace();
        if (p.atEnd()) {
            return out;
        }
        out.add(p.value());
        p.skipSpace();
        while (!p.atEnd()) {
            p.expect(',');
            out.add(p.value());
            p.skipSpace();
        }
        return out;
    }

    /** One value: all of {@code text}. */
    public static Variant parse(String text) {
        VariantParser p = new VariantParser(text);
        Variant v = p.value();
        p.skipSpace();
        if (!p.atEnd()) {
            throw p.error("nothing more after the value");
        }
        return v;
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String expected) {
        String found = atEnd() ? "the end of the text" : "'" + text.charAt(pos) + "'";
        return new IllegalArgumentException(
                "at character " + (pos + 1) + ": expected " + expected + ", found " + found + ".");
    }

    private void expect(char c) {
        skipSpace();
        if (atEnd() || text.charAt(pos) != c) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private boolean accept(char c) {
        skipSpace();
        if (!atEnd() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private Variant value() {
        skipSpace();
        if (atEnd()) {
            throw error("a value (a number, \"text\", true, Vector2(1, 2), [..], {..})");
        }
        char c = text.charAt(pos);
        if (c == '"') {
            return new Variant.Str(string());
        }
        if (c == '&') {
            pos++;
            return new Variant.StringName(string());
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
        if (Character.isLetter(c) || c == '_') {
            return named();
        }
        throw error("a value (a number, \"text\", true, Vector2(1, 2), [..], {..})");
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw error("a closing '\"'");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                if (atEnd()) {
                    throw error("an escaped character after '\\'");
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    default -> {
                        pos--;
                        throw error("one of \\n \\t \\r \\\" \\\\");
                    }
                }
            } else {
                sb.append(c);
            }
        }
    }

    private Variant array() {
        expect('[');
        enter();
        List<Variant> vs = new ArrayList<>();
        if (!accept(']')) {
            do {
                vs.add(value());
            } while (accept(','));
            expect(']');
        }
        depth--;
        return Variant.Array.untyped(vs);
    }

    private Variant dictionary() {
        expect('{');
        enter();
        List<Variant.Entry> es = new ArrayList<>();
        if (!accept('}')) {
            do {
                Variant k = value();
                expect(':');
                es.add(new Variant.Entry(k, value()));
            } while (accept(','));
            expect('}');
        }
        depth--;
        return Variant.Dictionary.untyped(es);
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new IllegalArgumentException(
                    "at character " + pos + ": arrays and dictionaries nest " + MAX_DEPTH + " deep at most.");
        }
    }

    private int numberEnd() {
        int end = pos;
        while (end < text.length()) {
            char c = text.charAt(end);
            boolean sign = (c == '-' || c == '+') && (end == pos || "eE".indexOf(text.charAt(end - 1)) >= 0);
            if (!(Character.isDigit(c) || c == '.' || c == 'e' || c == 'E' || sign)) {
                break;
            }
            end++;
        }
        return end;
    }

    private Variant number() {
        int start = pos;
        int end = numberEnd();
        String n = text.substring(start, end);
        boolean real = n.contains(".") || n.contains("e") || n.contains("E");
        try {
            Variant v = real ? new Variant.Float(Double.parseDouble(n)) : new Variant.Int(Long.parseLong(n));
            pos = end;
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("at character " + (start + 1) + ": \"" + n + "\" is not a number"
                    + (real ? "" : " that fits a 64-bit int") + ".");
        }
    }

    private double real() {
        skipSpace();
        int start = pos;
        if (atEnd() || !(Character.isDigit(text.charAt(pos)) || "-+.".indexOf(text.charAt(pos)) >= 0)) {
            throw error("a number");
        }
        int end = numberEnd();
        try {
            double d = Double.parseDouble(text.substring(start, end));
            pos = end;
            return d;
        } catch (NumberFormatException e) {
            throw error("a number");
        }
    }

    private int integer() {
        int at = pos;
        double d = real();
        if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            pos = at;
            skipSpace();
            throw error("a whole number that fits 32 bits (the i types hold ints)");
        }
        return (int) d;
    }

    private double[] reals(String name, int n) {
        expect('(');
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                expect(',');
            }
            out[i] = (float) real(); // 32-bit, as a single-precision Godot build sends them.
        }
        if (!accept(')')) {
            throw error("')': " + name + " takes " + n + " numbers");
        }
        return out;
    }

    private int[] ints(String name, int n) {
        expect('(');
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                expect(',');
            }
            out[i] = integer();
        }
        if (!accept(')')) {
            throw error("')': " + name + " takes " + n + " whole numbers");
        }
        return out;
    }

    private String stringArgument() {
        expect('(');
        skipSpace();
        String s = string();
        expect(')');
        return s;
    }

    private Variant named() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String name = text.substring(start, pos);
        switch (name) {
            case "true":
                return Variant.Bool.TRUE;
            case "false":
                return Variant.Bool.FALSE;
            case "null":
                return Variant.Nil.INSTANCE;
            case "Vector2": {
                double[] v = reals(name, 2);
                return new Variant.Vector2(v[0], v[1], false);
            }
            case "Vector2i": {
                int[] v = ints(name, 2);
                return new Variant.Vector2i(v[0], v[1]);
            }
            case "Vector3": {
                double[] v = reals(name, 3);
                return new Variant.Vector3(v[0], v[1], v[2], false);
            }
            case "Vector3i": {
                int[] v = ints(name, 3);
                return new Variant.Vector3i(v[0], v[1], v[2]);
            }
            case "Vector4": {
                double[] v = reals(name, 4);
                return new Variant.Vector4(v[0], v[1], v[2], v[3], false);
            }
            case "Vector4i": {
                int[] v = ints(name, 4);
                return new Variant.Vector4i(v[0], v[1], v[2], v[3]);
            }
            case "Rect2": {
                double[] v = reals(name, 4);
                return new Variant.Rect2(v[0], v[1], v[2], v[3], false);
            }
            case "Rect2i": {
                int[] v = ints(name, 4);
                return new Variant.Rect2i(v[0], v[1], v[2], v[3]);
            }
            case "Quaternion": {
                double[] v = reals(name, 4);
                return new Variant.Quaternion(v[0], v[1], v[2], v[3], false);
            }
            case "Plane": {
                double[] v = reals(name, 4);
                return new Variant.Plane(v[0], v[1], v[2], v[3], false);
            }
            case "Color": {
                double[] v = reals(name, 4);
                return new Variant.Color((float) v[0], (float) v[1], (float) v[2], (float) v[3]);
            }
            case "NodePath":
                return Variant.NodePath.parse(stringArgument());
            case "StringName":
                return new Variant.StringName(stringArgument());
            case "PackedByteArray":
                return bytes();
            default:
                pos = start;
                throw new IllegalArgumentException("at character " + (start + 1) + ": \"" + name
                        + "\" is not a value MeshScope can type; use a number, \"text\", &\"name\", true, false, null,"
                        + " [..], {..}, Vector2/2i/3/3i/4/4i, Rect2/2i, Quaternion, Plane, Color, NodePath(\"..\"),"
                        + " StringName(\"..\") or PackedByteArray(..).");
        }
    }

    private Variant bytes() {
        expect('(');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!accept(')')) {
            do {
                int b = integer();
                if (b < 0 || b > 255) {
                    throw new IllegalArgumentException(String.format(
                            Locale.ROOT, "at character %d: a PackedByteArray holds bytes 0 to 255, not %d.", pos, b));
                }
                out.write(b);
            } while (accept(','));
            expect(')');
        }
        return new Variant.PackedByteArray(out.toByteArray());
    }
}
