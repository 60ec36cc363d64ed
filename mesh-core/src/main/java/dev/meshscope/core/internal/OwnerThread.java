// SPDX-License-Identifier: MIT
package dev.meshscope.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * Enforces "one owner thread per peer": the first thread that calls a guarded object owns it, and any
 * other thread gets an {@link IllegalStateException} that names both threads. Catching a misuse at the
 * call is far cheaper than debugging the race it would cause.
 */
public final class OwnerThread {
    private volatile @Nullable Thread owner;

    /** {@link #check(String)} for {@code owner + "." + method}, without building the string unless it throws. */
    public void check(String owner, String method) {
        if (this.owner != Thread.currentThread()) {
            check(owner + "." + method);
        }
    }

    /** Binds to the calling thread on first use; throws when called from any other thread afterwards. */
    public void check(String what) {
        Thread t = Thread.currentThread();
        Thread o = owner;
        if (o == t) {
            return;
        }
        if (o == null) {
            synchronized (this) {
                if (owner == null) {
                    owner = t;
                    return;
                }
                o = owner;
            }
            if (o == t) {
                return;
            }
        }
        throw new IllegalStateException(what + " is owned by thread \"" + o.getName() + "\" but was called from \""
                + t.getName() + "\": call it from its owner thread (submit the call to its MeshThread).");
    }

    /** Binds to {@code thread} explicitly (the MeshThread does this before any call). */
    public void bind(Thread thread) {
        synchronized (this) {
            owner = thread;
        }
    }
}
