// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.probe;

import dev.meshscope.app.gui.godot.GodotRpcPayload;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Random;

/** Turns the payload field into bytes, or says exactly what is wrong. Pure; any thread. */
public final class PayloadParser {
    /**
     * Largest payload accepted: mesh-core's local max message size (256 KiB) less the probe header. Larger
     * packets would only be refused by the channel.
     */
    public static final int MAX_PAYLOAD = 262_144 - 24;

    private static final Random RANDOM = new SecureRandom();

    private PayloadParser() {}

    /** The payload bytes; throws {@link IllegalArgumentException} with an operator-facing message. */
    public static byte[] parse(PayloadKind kind, String text) {
        String t = text == null ? "" : text;
        switch (kind) {
            case TEXT:
                return check(t.getBytes(StandardCharsets.UTF_8));
            case HEX:
                return check(hex(t));
            case GODOT_RPC:
                return check(GodotRpcPayload.encode(t));
            case RANDOM:
            default:
                return random(t);
        }
    }

    private static byte[] check(byte[] b) {
        if (b.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException(
                    "the payload is " + b.length + " bytes; at most " + MAX_PAYLOAD + " fit in one message.");
        }
        return b;
    }

    private static byte[] hex(String t) {
        String s = t.trim();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        StringBuilder digits = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == ':' || c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (Character.digit(c, 16) < 0) {
                throw new IllegalArgumentException(
                        "'" + c + "' at position " + (i + 1) + " is not a hex digit " + "(0-9, a-f).");
            }
            digits.append(c);
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException(
                    "hex needs two digits per byte; " + digits.length() + " digits is an odd number.");
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    private static byte[] random(String t) {
        long n;
        try {
            n = Long.parseLong(t.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "for random bytes, type how many (0 to " + MAX_PAYLOAD + "), not \"" + t.trim() + "\".");
        }
        if (n < 0 || n > MAX_PAYLOAD) {
            throw new IllegalArgumentException(n + " random bytes is out of range: 0 to " + MAX_PAYLOAD + ".");
        }
        byte[] b = new byte[(int) n];
        RANDOM.nextBytes(b);
        return b;
    }
}
