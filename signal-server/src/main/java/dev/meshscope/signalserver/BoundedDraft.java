// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.protocols.Protocol;

/**
 * RFC 6455 with a message size bound that closes the sender with 4000 and a reason naming the bound, instead of the
 * library's 1009 "Payload limit reached.": the bound is checked on each frame's header (before its payload is read)
 * and on the sum of a fragmented message's frames. One copy per connection ({@link #copyInstance()}); used on
 * Java-WebSocket's decoder thread.
 */
final class BoundedDraft extends Draft_6455 {
    private final int maxMessageBytes;

    BoundedDraft(int maxMessageBytes) {
        super(Collections.emptyList(), List.of(new Protocol("")), maxMessageBytes);
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        try {
            return super.translateFrame(buffer);
        } catch (LimitExceededException e) {
            throw new TooLarge(maxMessageBytes);
        }
    }

    @Override
    public void processFrame(WebSocketImpl webSocketImpl, Framedata frame) throws InvalidDataException {
        try {
            super.processFrame(webSocketImpl, frame);
        } catch (LimitExceededException e) {
            throw new TooLarge(maxMessageBytes);
        }
    }

    @Override
    public Draft copyInstance() {
        return new BoundedDraft(maxMessageBytes);
    }

    /** A message above the bound; the library closes the connection with its code and message. */
    static final class TooLarge extends InvalidDataException {
        private static final long serialVersionUID = 1L;

        TooLarge(int maxMessageBytes) {
            super(CloseReasons.REFUSED, CloseReasons.messageTooLarge(maxMessageBytes));
        }
    }
}
