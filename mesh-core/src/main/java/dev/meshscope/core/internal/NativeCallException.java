// SPDX-License-Identifier: MIT
package dev.meshscope.core.internal;

/** A native call that failed synchronously (webrtc-java threw, often a {@code java.lang.Error}). */
public final class NativeCallException extends Exception {
    /** The message says which call failed and what libwebrtc said. */
    public NativeCallException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure detected before calling through (closed object, disposed runtime). */
    public NativeCallException(String message) {
        super(message);
    }

    /** The message, never null (both constructors take one). */
    public String reason() {
        String m = getMessage();
        return m == null ? "native call failed" : m;
    }
}
