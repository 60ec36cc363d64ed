// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

/** A workload that could not finish: a time-out, a connection that failed, a native library that did not load. */
public final class BenchException extends Exception {
    private static final long serialVersionUID = 1L;

    /** With a message saying what did not happen and, where known, what to do. */
    public BenchException(String message) {
        super(message);
    }

    /** With the failure underneath. */
    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
