// SPDX-License-Identifier: MIT
package dev.meshscope.godot.packet;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Names resolved from earlier packets at the moment a packet was decoded (the path cache changes later, so they are
 * captured, not looked up again). Keys: {@link #NODE}, {@link #METHOD}, {@link #SPAWNER}, {@link #CONFIRMED}, and
 * {@link #element(int)} for SYNC/delta elements. A missing key means "not known": summaries then show the raw id.
 */
public record Labels(Map<String, String> map) {
    public static final String NODE = "node";
    public static final String METHOD = "method";
    public static final String SPAWNER = "spawner";
    public static final String CONFIRMED = "confirmed";

    public static final Labels NONE = new Labels(Map.of());

    public Labels {
        map = Map.copyOf(map);
    }

    public static String element(int index) {
        return "element." + index;
    }

    public @Nullable String get(String key) {
        return map.get(key);
    }

    /** A mutable builder for the decoder. */
    static final class Builder {
        private final Map<String, String> map = new HashMap<>();

        Builder put(String key, @Nullable String value) {
            if (value != null) {
                map.put(key, value);
            }
            return this;
        }

        Labels build() {
            return map.isEmpty() ? NONE : new Labels(map);
        }
    }
}
