// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.replay;

import dev.meshscope.session.CreateRequest;
import dev.meshscope.session.LinkImpairment;
import dev.meshscope.session.SendRequest;
import dev.meshscope.session.SessionCommands;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The commands of a replay: none. The replay window reuses the live window's views, some of which take a
 * {@link SessionCommands}; a record cannot be changed, so the replay disables every control that would send one, and
 * a command that still arrives (a view added later with a new button) is refused loudly rather than ignored. Any
 * thread.
 */
final class ReplayCommands implements SessionCommands {
    /** Why every command is refused. */
    static final String READ_ONLY = "a replay is read-only: it shows a record, there is no session to command";

    private static IllegalStateException refused(String what) {
        return new IllegalStateException(what + ": " + READ_ONLY);
    }

    @Override
    public CompletableFuture<Integer> generateUniqueId() {
        return CompletableFuture.failedFuture(refused("generate a unique id"));
    }

    @Override
    public void create(CreateRequest request) {
        throw refused("create");
    }

    @Override
    public void close() {
        throw refused("close");
    }

    @Override
    public void setRefuseNewConnections(boolean refuse) {
        throw refused("refuse new connections");
    }

    @Override
    public void removePeer(int peerId) {
        throw refused("remove a peer");
    }

    @Override
    public void send(SendRequest request) {
        throw refused("send");
    }

    @Override
    public void stopSending() {
        throw refused("stop sending");
    }

    @Override
    public void setEcho(boolean on) {
        throw refused("echo");
    }

    @Override
    public void clearProbes() {
        throw refused("clear probes");
    }

    @Override
    public void setInspectorPaused(boolean paused) {
        throw refused("pause the inspector");
    }

    @Override
    public void clearInspector() {
        throw refused("clear the inspector");
    }

    @Override
    public void nameRpcMethods(String nodePath, List<String> methods) {
        throw refused("name RPC methods");
    }

    @Override
    public void addManualPeer(int remoteId) {
        throw refused("add a peer");
    }

    @Override
    public void applyPaste(String text, int assumedSender) {
        throw refused("paste");
    }

    @Override
    public void cancelPending(int remoteId) {
        throw refused("cancel");
    }

    @Override
    public void joinFolder(Path dir, CreateRequest as) {
        throw refused("join a folder");
    }

    @Override
    public void joinLobby(URI url, String lobby, CreateRequest as) {
        throw refused("join a lobby");
    }

    @Override
    public void sealLobby() {
        throw refused("seal the lobby");
    }

    @Override
    public void leaveLobby() {
        throw refused("leave the lobby");
    }

    @Override
    public void setServerRelay(boolean on) {
        throw refused("server relay");
    }

    @Override
    public void setImpairment(LinkImpairment impairment) {
        throw refused("impair a link");
    }

    @Override
    public void setLateThreshold(Duration threshold) {
        throw refused("late threshold");
    }
}
