// SPDX-License-Identifier: MIT
package dev.meshscope.godot.variant;

import org.jspecify.annotations.Nullable;

/**
 * Godot 4's {@code Variant::Type}, in wire order: the id is the low byte of a Variant header (scene-multiplayer-packets.md
 * §8.2). {@link #PACKED_VECTOR4_ARRAY} (38) exists only from 4.3 on.
 */
public enum VariantType {
    NIL("Nil"),
    BOOL("bool"),
    INT("int"),
    FLOAT("float"),
    STRING("String"),
    VECTOR2("Vector2"),
    VECTOR2I("Vector2i"),
    RECT2("Rect2"),
    RECT2I("Rect2i"),
    VECTOR3("Vector3"),
    VECTOR3I("Vector3i"),
    TRANSFORM2D("Transform2D"),
    VECTOR4("Vector4"),
    VECTOR4I("Vector4i"),
    PLANE("Plane"),
    QUATERNION("Quaternion"),
    AABB("AABB"),
    BASIS("Basis"),
    TRANSFORM3D("Transform3D"),
    PROJECTION("Projection"),
    COLOR("Color"),
    STRING_NAME("StringName"),
    NODE_PATH("NodePath"),
    RID("RID"),
    OBJECT("Object"),
    CALLABLE("Callable"),
    SIGNAL("Signal"),
    DICTIONARY("Dictionary"),
    ARRAY("Array"),
    PACKED_BYTE_ARRAY("PackedByteArray"),
    PACKED_INT32_ARRAY("PackedInt32Array"),
    PACKED_INT64_ARRAY("PackedInt64Array"),
    PACKED_FLOAT32_ARRAY("PackedFloat32Array"),
    PACKED_FLOAT64_ARRAY("PackedFloat64Array"),
    PACKED_STRING_ARRAY("PackedStringArray"),
    PACKED_VECTOR2_ARRAY("PackedVector2Array"),
    PACKED_VECTOR3_ARRAY("PackedVector3Array"),
    PACKED_COLOR_ARRAY("PackedColorArray"),
    PACKED_VECTOR4_ARRAY("PackedVector4Array");

    private static final VariantType[] BY_ID = values();

    private final String godotName;

    VariantType(String godotName) {
        this.godotName = godotName;
    }

    /** The wire id (0..38). */
    public int id() {
        return ordinal();
    }

    /** The name Godot prints ({@code Variant::get_type_name}), e.g. {@code "Vector2"}, {@code "int"}. */
    public String godotName() {
        return godotName;
    }

    /** The type with this wire id, or null when the id is 39 or more (or negative). */
    public static @Nullable VariantType ofId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
