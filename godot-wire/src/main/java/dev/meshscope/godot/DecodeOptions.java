// SPDX-License-Identifier: MIT
package dev.meshscope.godot;

import java.util.Objects;

/**
 * How to decode: which Godot release to expect, whether full-form Objects in RPC arguments are accepted, and the root
 * path that relative node paths hang from.
 *
 * @param version the wire format to expect ({@link GodotVersion#AUTO} when unknown)
 * @param allowObjectDecoding mirror of {@code SceneMultiplayer.allow_object_decoding}: false (Godot's default) refuses
 *     full-form Objects in RPC arguments, as Godot does; they are then decoded structurally, never instantiated
 * @param rootPath the SceneMultiplayer root path paths are relative to ({@code /root} for the default SceneTree)
 */
public record DecodeOptions(GodotVersion version, boolean allowObjectDecoding, String rootPath) {
    /** Godot's defaults: unknown release, objects refused, root {@code /root}. */
    public static final DecodeOptions DEFAULTS = new DecodeOptions(GodotVersion.AUTO, false, "/root");

    public DecodeOptions {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(rootPath, "rootPath");
    }

    public DecodeOptions withVersion(GodotVersion v) {
        return new DecodeOptions(v, allowObjectDecoding, rootPath);
    }

    public DecodeOptions withObjectDecoding(boolean allow) {
        return new DecodeOptions(version, allow, rootPath);
    }

    public DecodeOptions withRootPath(String path) {
        return new DecodeOptions(version, allowObjectDecoding, path);
    }
}
