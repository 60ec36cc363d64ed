// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import dev.meshscope.session.CreateRequest;
import dev.meshscope.session.SendRequest;
import dev.meshscope.session.SessionCommands;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link SessionCommands} that records every command as a line of text instead of driving a peer, for view-model
 * tests that need no native runtime: they check what the model asks the session to do. Any thread.
 */
public final class RecordingCommands implements SessionCommands {
    /** Every command received, in order, e.g. {@code "create MESH 4 []"}. */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** The id {@link #generateUniqueId()} answers with. */
    public volatile int nextUniqueId = 123456;

    @Override
    public CompletableFuture<Integer> generateUniqueId() {
        calls.add("generateUniqueId");
        return CompletableFuture.completedFuture(nextUniqueId);
    }

    @Override
    public void create(CreateRequest r) {
        calls.add("create " + r.mode() + " " + r.peerId() + " " + r.extraChannels() + " ice="
                + r.iceServers().size());
    }

    @Override
    public void close() {
        calls.add("close");
    }

    @Override
    public void setRefuseNewConnections(boolean refuse) {
        calls.add("refuse " + refuse);
    }

    @Override
    public void removePeer(int peerId) {
        calls.add("removePeer " + peerId);
    }

    @Override
    public void send(SendRequest request) {
        calls.add("send " + request);
    }

    @Override
    public void stopSending() {
        calls.add("stopSending");
    }

    @Override
    public void setEcho(boolean on) {
        calls.add("echo " + on);
    }

    @Override
    public void clearProbes() {
        calls.add("clearProbes");
    }

    @Override
    public void setInspectorPaused(boolean paused) {
        calls.add("inspectorPaused " + paused);
    }

    @Override
    public void nameRpcMethods(String nodePath, java.util.List<String> methods) {
        calls.add("nameRpcMethods " + nodePath + " " + methods);
    }

    @Override
    public void clearInspector() {
        calls.add("clearInspector");
    }

    @Override
    public void addManualPeer(int remoteId) {
        calls.add("addManualPeer " + remoteId);
    }

    @Override
    public void applyPaste(String text, int assumedSender) {
        calls.add("applyPaste " + text.length() + " chars, sender " + assumedSender);
    }

    @Override
    public void cancelPending(int remoteId) {
        calls.add("cancelPending " + remoteId);
    }

    @Override
    public void joinFolder(Path dir, CreateRequest as) {
        calls.add("joinFolder " + dir + " as " + as.mode() + " " + as.peerId());
    }

    @Override
    public void leaveFolder() {
        calls.add("leaveFolder");
    }

    @Override
    public void joinLobby(java.net.URI url, String lobby, CreateRequest as) {
        calls.add("joinLobby " + url + " lobby '" + lobby + "' as " + as.mode());
    }

    @Override
    public void sealLobby() {
        calls.add("sealLobby");
    }

    @Override
    public void leaveLobby() {
        calls.add("leaveLobby");
    }

    @Override
    public void setServerRelay(boolean on) {
        calls.add("setServerRelay " + on);
    }

    @Override
    public void setImpairment(dev.meshscope.session.LinkImpairment impairment) {
        calls.add("setImpairment " + impairment.describe());
    }

    @Override
    public void setLateThreshold(java.time.Duration threshold) {
        calls.add("setLateThreshold " + threshold.toMillis());
    }
}
