// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.folder;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.ModeNames;
import dev.meshscope.signaling.message.SignalMessage;
import dev.meshscope.signaling.session.LobbyNotice;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The lobby as one peer sees it through presence files, with the demo server's rules: which peers are announced
 * (PEER_CONNECT) and when they are reported gone (PEER_DISCONNECT). A mesh sees mesh peers; the server sees every
 * client; a client sees only the server (as the GDScript demo server does). Peers with another channel
 * configuration or mode are reported once and not connected to. After the seal, nobody new is announced and
 * departures are only reported (the demo server does nothing once sealed).
 *
 * <p>Staleness uses the reader's clock: a peer is gone when its {@code beat} has not changed for
 * {@code staleAfter}, or at once when its file was written on this host by a process that is no longer running.
 *
 * <p>Nothing one file says is acted on before it is confirmed: a presence with another instance token (a restart,
 * or a forged file) replaces the known one only once it beats (its counter changes), so a static file written over a
 * live peer's presence, which that peer overwrites at its next heartbeat, never disconnects it. Confined to the
 * folder transport's thread.
 */
final class Roster {
    /** Where the roster's decisions go. */
    interface Out {
        void message(SignalMessage m);

        void notice(LobbyNotice n);
    }

    private static final class Entry {
        Presence presence;
        long lastChangeNanos;
        boolean announced;
        /** Announced before and reported gone since: a return is reported as such. */
        boolean wasAnnounced;

        boolean stale;
        boolean reported;
        boolean sealedReported;
        /** A presence with another instance token, not yet confirmed by a heartbeat of its own. */
        @Nullable
        Presence challenger;

        Entry(Presence presence, long lastChangeNanos) {
            this.presence = presence;
            this.lastChangeNanos = lastChangeNanos;
        }
    }

    private final FolderOptions options;
    private final String ownHost;
    private final @Nullable String ownPidns = Presence.ownPidNamespace();
    private final long staleNanos;
    private final Map<Integer, Entry> peers = new LinkedHashMap<>();

    /** A roster for a peer on {@code ownHost} (presences written on it can be checked against running processes). */
    Roster(FolderOptions options, String ownHost) {
        this.options = options;
        this.ownHost = ownHost;
        this.staleNanos = options.staleAfter().toNanos();
    }

    /** Whether {@code id} has a known, live (not stale) presence: its last good one is kept over a bad file. */
    boolean isLive(int id) {
        Entry e = peers.get(id);
        return e != null && !e.stale;
    }

    /** The instance token of a peer seen in the folder, or "" when unknown. */
    String instanceOf(int id) {
        Entry e = peers.get(id);
        return e == null ? "" : e.presence.instance();
    }

    /** Whether {@code id} is announced (a PEER_CONNECT was delivered and no PEER_DISCONNECT since). */
    boolean isAnnounced(int id) {
        Entry e = peers.get(id);
        return e != null && e.announced;
    }

    /** Takes one valid presence of another peer, as read in this scan. */
    void observe(Presence p, long nowNanos, long nowMillis, Out out) {
        Entry e = peers.get(p.id());
        if (e != null && !e.presence.instance().equals(p.instance())) {
            if (!e.stale && !confirmedChallenger(e, p)) {
                return; // Keep the known presence until the new one beats (or the known one goes stale).
            }
            if (e.announced) {
                depart(e, "restarted (a new run took over its presence file)", false, out);
            }
            e = null;
        } else if (e != null) {
            e.challenger = null;
        }
        if (e == null) {
            e = new Entry(p, nowNanos);
            long age = nowMillis - p.time();
            if (p.deadOn(ownHost, ownPidns)) {
                e.stale = true;
                out.notice(
                        LobbyNotice.info(
                                p.id(),
                                "Peer " + p.id() + "'s presence file was written by pid " + p.pid()
                                        + ", which is no longer running on this host: a leftover, ignored unless it beats again."));
            } else if (age > options.staleAfter().toMillis()) {
                e.stale = true;
                out.notice(LobbyNotice.info(
                        p.id(),
                        "Peer " + p.id() + "'s presence file is " + age / 1000 + " s old " + "(pid " + p.pid() + " on "
                                + p.host() + "): a leftover, ignored unless it beats again."));
            }
            peers.put(p.id(), e);
            return;
        }
        if (p.beat() != e.presence.beat()) {
            e.lastChangeNanos = nowNanos;
            if (e.stale) {
                e.stale = false;
                if (e.wasAnnounced) {
                    out.notice(LobbyNotice.info(
                            p.id(),
                            "Peer " + p.id() + " beats again after it was reported gone "
                                    + "(it was paused or its disk was slow); connecting to it again."));
                }
            }
        }
        e.presence = p;
    }

    /** Ends a scan: peers not {@code seen} left; silent peers went stale; compatible new peers are announced. */
    void endScan(Set<Integer> seen, long nowNanos, boolean sealed, Out out) {
        for (Iterator<Map.Entry<Integer, Entry>> it = peers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Entry> me = it.next();
            if (!seen.contains(me.getKey())) {
                if (me.getValue().announced) {
                    // It removed its own presence file: it left as the demo lobby expects, which is news, not a
                    // problem.
                    depart(
                            me.getValue(),
                            "left the lobby (its presence file is gone)",
                            LobbyNotice.Level.INFO,
                            sealed,
                            out);
                }
                it.remove();
            }
        }
        for (Entry e : peers.values()) {
            int id = e.presence.id();
            if (!e.stale && e.presence.deadOn(ownHost, ownPidns)) {
                e.stale = true;
                if (e.announced) {
                    depart(
                            e,
                            "is gone: its process (pid " + e.presence.pid() + ") is no longer running on this host",
                            sealed,
                            out);
                }
            }
            if (!e.stale && nowNanos - e.lastChangeNanos > staleNanos) {
                e.stale = true;
                if (e.announced) {
                    depart(
                            e,
                            "is gone: no heartbeat for " + (nowNanos - e.lastChangeNanos) / 1_000_000 + " ms (pid "
                                    + e.presence.pid() + " on " + e.presence.host() + ")",
                            sealed,
                            out);
                }
            }
            if (e.announced || e.stale) {
                continue;
            }
            String why = incompatibility(e.presence);
            if (INVISIBLE.equals(why)) {
                continue;
            }
            if (why != null) {
                if (!e.reported) {
                    e.reported = true;
                    out.notice(LobbyNotice.warning(id, why));
                }
                continue;
            }
            if (sealed) {
                if (!e.sealedReported) {
                    e.sealedReported = true;
                    out.notice(LobbyNotice.warning(
                            id, "Peer " + id + " arrived after the lobby was sealed: not connecting."));
                }
                continue;
            }
            e.announced = true;
            e.wasAnnounced = true;
            out.message(SignalMessage.of(MessageType.PEER_CONNECT, id, ""));
        }
    }

    private static final String INVISIBLE = "invisible";

    /** Whether {@code p}, with another token than the known presence, has now beaten: then it is a real new run. */
    private static boolean confirmedChallenger(Entry e, Presence p) {
        Presence c = e.challenger;
        if (c != null && c.instance().equals(p.instance()) && c.beat() != p.beat()) {
            return true;
        }
        if (c == null || !c.instance().equals(p.instance())) {
            e.challenger = p;
        }
        return false;
    }

    /** Why this peer is not connected to, {@link #INVISIBLE} for a client's fellow clients, or {@code null}. */
    private @Nullable String incompatibility(Presence p) {
        NetworkMode own = options.mode();
        NetworkMode theirs = ModeNames.parse(p.mode());
        if (own == NetworkMode.CLIENT && p.id() != 1) {
            return INVISIBLE;
        }
        boolean fits = own == NetworkMode.MESH
                ? theirs == NetworkMode.MESH
                : own == NetworkMode.SERVER ? theirs == NetworkMode.CLIENT : theirs == NetworkMode.SERVER;
        if (!fits) {
            return "Peer " + p.id() + " is a " + p.mode() + " peer and this one a " + ModeNames.name(own)
                    + " peer: not "
                    + "connecting (a mesh connects to mesh peers, a client to the server). Use one mode per folder.";
        }
        if (!p.channels().equals(ModeNames.toInts(options.channels()))) {
            List<TransferMode> theirChannels = Objects.requireNonNull(
                    ModeNames.fromInts(p.channels()), "Presence.problem accepts only channel lists of 0, 1 and 2");
            return "Peer " + p.id() + " uses " + ModeNames.describe(theirChannels) + ", this peer "
                    + ModeNames.describe(options.channels()) + ": not connecting. Godot needs the identical "
                    + "channels_config on every peer; restart one with the other's --channels.";
        }
        return null;
    }

    /** A peer went away unexpectedly (restarted, stopped beating): a WARNING. */
    private void depart(Entry e, String why, boolean sealed, Out out) {
        depart(e, why, LobbyNotice.Level.WARNING, sealed, out);
    }

    private void depart(Entry e, String why, LobbyNotice.Level level, boolean sealed, Out out) {
        e.announced = false;
        int id = e.presence.id();
        if (sealed) {
            out.notice(new LobbyNotice(
                    level,
                    id,
                    "Peer " + id + " " + why + "; the lobby is sealed, so the mesh itself "
                            + "decides when the connection is lost."));
            return;
        }
        out.notice(new LobbyNotice(level, id, "Peer " + id + " " + why + "."));
        out.message(SignalMessage.of(MessageType.PEER_DISCONNECT, id, ""));
    }
}
