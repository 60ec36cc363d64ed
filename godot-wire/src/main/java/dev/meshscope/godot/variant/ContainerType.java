// SPDX-License-Identifier: MIT
package dev.meshscope.godot.variant;

import java.util.Objects;

/**
 * The element type of a typed Array (4.3+) or the key/value type of a typed Dictionary (4.4+), as the header's 2-bit
 * kind field and the data after the header say (scene-multiplayer-packets.md §8.4).
 *
 * @param kind what follows the header: nothing, a builtin type id, a class name or a script path
 * @param builtin the builtin type for {@link Kind#BUILTIN}; {@link VariantType#OBJECT} for class names and scripts;
 *     {@link VariantType#NIL} for {@link Kind#NONE}
 * @param name the class name or {@code res://} script path; empty otherwise
 */
public record ContainerType(Kind kind, VariantType builtin, String name) {
    /** The 2-bit kind in the header (Godot's {@code ContainerTypeKind}). */
    public enum Kind {
        NONE,
        BUILTIN,
        CLASS_NAME,
        SCRIPT
    }

    public static final ContainerType NONE = new ContainerType(Kind.NONE, VariantType.NIL, "");

    public ContainerType {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(builtin, "builtin");
        Objects.requireNonNull(name, "name");
    }

    public static ContainerType builtin(VariantType type) {
        return new ContainerType(Kind.BUILTIN, type, "");
    }

    public static ContainerType className(String name) {
        return new ContainerType(Kind.CLASS_NAME, VariantType.OBJECT, name);
    }

    public static ContainerType script(String path) {
        return new ContainerType(Kind.SCRIPT, VariantType.OBJECT, path);
    }

    public boolean isTyped() {
        return kind != Kind.NONE;
    }

    /** How GDScript writes the type: {@code int}, {@code Node}, {@code "res://player.gd"}. */
    public String text() {
        switch (kind) {
            case BUILTIN:
                return builtin.godotName();
            case CLASS_NAME:
                return name;
            case SCRIPT:
                return "\"" + name + "\"";
            case NONE:
            default:
                return "Variant";
        }
    }
}
