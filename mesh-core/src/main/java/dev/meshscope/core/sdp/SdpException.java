// SPDX-License-Identifier: MIT
package dev.meshscope.core.sdp;

/** A text that is not a usable session description or candidate; the message says what is wrong. */
public class SdpException extends Exception {
    /** An exception whose message is shown to the operator as it is. */
    public SdpException(String message) {
        super(message);
    }

    /** The message, never null (the constructor takes one). */
    public String reason() {
        String m = getMessage();
        return m == null ? "the description is not valid" : m;
    }
}
