// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.websocket;

import dev.meshscope.signaling.message.SignalMessage;
import dev.meshscope.signaling.session.LobbyNotice;
import dev.meshscope.signaling.session.SignalTransport;
import dev.meshscope.signaling.timeline.SignalTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/** Records what a transport hands its sink, with the thread that made each call. */
final class RecordingSink implements SignalTransport.Sink {
    final ConcurrentLinkedQueue<SignalMessage> received = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<LobbyNotice> notices = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<SignalTrace> traces = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    volatile int closedCalls;

    @Override
    public void received(SignalMessage message) {
        threads.add(Thread.currentThread().getName());
        received.add(message);
    }

    @Override
    public void notice(LobbyNotice notice) {
        threads.add(Thread.currentThread().getName());
        notices.add(notice);
    }

    @Override
    public void closed(String reason) {
        threads.add(Thread.currentThread().getName());
        closedCalls++;
        closed.complete(reason);
    }

    @Override
    public void traced(SignalTrace trace) {
        threads.add(Thread.currentThread().getName());
        traces.add(trace);
    }

    List<SignalMessage> messages() {
        return new ArrayList<>(received);
    }

    List<String> noticeTexts() {
        List<String> out = new ArrayList<>();
        for (LobbyNotice n : notices) {
            out.add(n.text());
        }
        return out;
    }

    List<SignalTrace> refused() {
        List<SignalTrace> out = new ArrayList<>();
        for (SignalTrace t : traces) {
            if (t.verdict() == SignalTrace.Verdict.REFUSED) {
                out.add(t);
            }
        }
        return out;
    }

    String closedReason() throws Exception {
        return closed.get(15, TimeUnit.SECONDS);
    }
}
