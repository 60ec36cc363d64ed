// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.message;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How network modes and channel configurations are written in blobs, presence files and on command lines:
 * "server"/"client"/"mesh", and Godot transfer mode ints (0 unreliable, 1 unreliable ordered, 2 reliable). Pure.
 */
public final class ModeNames {
    private ModeNames() {}

    /** "server", "client", "mesh" (or "none"). */
    public static String name(NetworkMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    /** The mode for "server"/"client"/"mesh" (any case), or {@code null}. */
    public static @Nullable NetworkMode parse(@Nullable String s) {
        if (s == null) {
            return null;
        }
        switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "server":
                return NetworkMode.SERVER;
            case "client":
                return NetworkMode.CLIENT;
            case "mesh":
                return NetworkMode.MESH;
            default:
                return null;
        }
    }

    /** Godot ints for a channel configuration. */
    public static List<Integer> toInts(List<TransferMode> channels) {
        List<Integer> out = new ArrayList<>(channels.size());
        for (TransferMode m : channels) {
            out.add(m.value());
        }
        return out;
    }

    /** The channel configuration for Godot ints, or {@code null} when one is not 0, 1 or 2. */
    public static @Nullable List<TransferMode> fromInts(@Nullable List<Integer> ints) {
        if (ints == null) {
            return null;
        }
        List<TransferMode> out = new ArrayList<>(ints.size());
        for (Integer i : ints) {
            TransferMode m = i == null ? null : TransferMode.fromValue(i);
            if (m == null) {
                return null;
            }
            out.add(m);
        }
        return out;
    }

    /** Channels as an operator reads them and as {@code --channels} takes them, e.g. "extra channels [reliable, unreliable] (2,0)". */
    public static String describe(List<TransferMode> channels) {
        if (channels.isEmpty()) {
            return "no extra channels";
        }
        List<String> words = new ArrayList<>();
        List<String> ints = new ArrayList<>();
        for (TransferMode m : channels) {
            words.add(m.name().toLowerCase(Locale.ROOT));
            ints.add(Integer.toString(m.value()));
        }
        return "extra channels " + words + " (" + String.join(",", ints) + ")";
    }
}
