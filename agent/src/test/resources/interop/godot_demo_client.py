#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""An independent Godot demo signaling client: the logic of godot-demo-projects' networking/webrtc_signaling
client (multiplayer_client.gd over ws_webrtc_client.gd), written from its behaviour (MeshScope's spec section 9.4)
on Debian's python3-websockets (asyncio API) and python3-aiortc, which MeshScope did not write.

What it does, as the demo client does:
  * connects to --url (and nothing else: no STUN server, where the demo names Google's), sends
    JOIN {"id": 0 for a mesh, 1 for client/server, "data": lobby name or "" to create one};
  * ID(id, data "true" = mesh) -> becomes a mesh peer, the server (id 1) or a client (any other id);
  * PEER_CONNECT(id) -> a new RTCPeerConnection with Godot's three negotiated channels, stream ids 1 "reliable"
    (ordered, reliable), 2 "ordered" (ordered) and 3 "unreliable" (unordered), then add_peer(id), whose checks are
    Godot's (a client takes only peer 1, a server never peer 1); the peer with the larger id creates the offer, so
    the host (1) never offers. As in the demo, a connection whose add_peer failed still makes its offer when it is the
    larger id: the offer is not sent (the peer is unknown) but its candidates are, to that id;
  * the description it creates is sent as OFFER / ANSWER, its candidates as CANDIDATE "\\n<mid>\\n<index>\\n<candidate>"
    (aiortc gathers before it hands out a description, so the candidates it has are taken out of the SDP and sent
    one by one after it, as a trickling Godot peer sends them; --candidates-in-sdp leaves them in the SDP as well);
  * OFFER / ANSWER / CANDIDATE from a peer it has not added are ignored; a CANDIDATE that does not split into exactly
    3 non-empty parts with an integer in the middle is ignored; candidates that arrive before the remote description
    are held until it is set;
  * PEER_DISCONNECT removes the peer; SEAL marks the lobby sealed; the signaling socket closing before the seal stops
    everything (the demo's stop(): every connection closed), after the seal the mesh is left alone.
Godot passes the packet lifetime of "ordered" and "unreliable" under a key its native backend does not read, so on a
real Godot peer those channels are reliable; so are they here unless --lifetime MS applies a lifetime, as MeshScope
does (the sender decides, so both interoperate).

Traffic: once the three channels to a peer are open it sends --send numbered binary packets on each,
"PYDEMO <from> <to> <channel id> <n>", and counts, per peer and channel, what it sent and what it received; a packet
in MeshScope's test form "MESHSCOPE <from> <to> <channel id> <n>" that names another sender, addressee or channel is
counted as misrouted, a repeated one as a duplicate; its own packets coming back (from an echoing peer) are counted
as echoed, anything else as other. With --echo it also sends every packet that is not its own back
on the channel it came in on.

Output: JSON lines on stdout, one per event, each with "event":
  signal        {"dir": "sent"|"received", "type", "id", "data"} for every signaling message, in order
  id            {"id", "mesh", "role": "mesh"|"server"|"client"}
  lobby         {"name"}                       the server's JOIN reply
  peer_added / add_peer_refused {"peer", "why"?} / peer_connected {"peer"} (all 3 channels open) / peer_removed
  ignored       {"type", "id", "why"}          a message the demo client would ignore
  sealed, closed {"code", "reason", "sealed"}, stopped {"why"}
  report        {"id", "lobby", "sealed", "peers": {"<peer>": {"connected", "channels": {"1": {"sent", "received",
                 "echoed", "other", "misrouted", "duplicates"}, "2": ..., "3": ...}}}}
Commands on stdin, one a line: "report"; "seal"; "stray-candidate <id>" (sends a well-formed CANDIDATE, one of its
own candidates, to <id> whether or not it is a peer: a negative test's deliberate misstep); "quit" (final report,
everything closed, exit 0). Stderr is a log.
Exit codes: 0 quit, 2 signaling closed before the seal (stopped), 3 --timeout reached, 1 anything else.
"""
import argparse
import asyncio
import json
import re
import sys
import threading

import websockets
from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from aiortc.sdp import candidate_from_sdp

# The demo protocol's message types (spec 9.1).
JOIN, ID, PEER_CONNECT, PEER_DISCONNECT, OFFER, ANSWER, CANDIDATE, SEAL = range(8)
CHANNEL_IDS = (1, 2, 3)
EXIT_QUIT, EXIT_FAILED, EXIT_STOPPED, EXIT_TIMEOUT = 0, 1, 2, 3
MESHSCOPE_PACKET = re.compile(r"^MESHSCOPE (\d+) (\d+) (\d+) (\d+)$")


def emit(event, **fields):
    print(json.dumps(dict(event=event, **fields)), flush=True)


def log(*parts):
    print("godot-demo-client:", *parts, file=sys.stderr, flush=True)


class Peer:
    """One remote peer: its connection, Godot's three negotiated channels and the traffic counted on them."""

    def __init__(self, client, peer_id, added):
        self.id = peer_id
        self.added = added  # False for the demo's orphan connection (add_peer refused it)
        self.pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self.remote_set = False
        self.pending_candidates = []
        self.connected = False
        lifetime = {} if client.args.lifetime is None else {"maxPacketLifeTime": client.args.lifetime}
        self.channels = {
            1: self.pc.createDataChannel("reliable", negotiated=True, id=1, ordered=True),
            2: self.pc.createDataChannel("ordered", negotiated=True, id=2, ordered=True, **lifetime),
            3: self.pc.createDataChannel("unreliable", negotiated=True, id=3, ordered=False, **lifetime),
        }
        self.sent = {c: 0 for c in CHANNEL_IDS}
        self.received = {c: 0 for c in CHANNEL_IDS}
        self.echoed = {c: 0 for c in CHANNEL_IDS}
        self.other = {c: 0 for c in CHANNEL_IDS}
        self.misrouted = {c: 0 for c in CHANNEL_IDS}
        self.duplicates = {c: 0 for c in CHANNEL_IDS}
        self.seen = {c: set() for c in CHANNEL_IDS}
        for cid, ch in self.channels.items():
            ch.on("message", self._on_message(client, cid, ch))
            ch.on("open", lambda: client.channel_opened(self))

    def _on_message(self, client, cid, ch):
        def on_message(message):
            data = message.encode("utf-8") if isinstance(message, str) else message
            text = data.decode("utf-8", "replace")
            m = MESHSCOPE_PACKET.match(text)
            if not m:
                if text.startswith("PYDEMO %d %d %d " % (client.own_id, self.id, cid)):
                    self.echoed[cid] += 1  # its own packet, sent back by an echoing peer
                else:
                    self.other[cid] += 1  # e.g. an agent's probe ping
            else:
                self.received[cid] += 1
                sender, addressee, channel, n = (int(g) for g in m.groups())
                if sender != self.id or addressee != client.own_id or channel != cid:
                    self.misrouted[cid] += 1
                elif n in self.seen[cid]:
                    self.duplicates[cid] += 1
                else:
                    self.seen[cid].add(n)
            if client.args.echo and not text.startswith("PYDEMO "):
                ch.send(message)
        return on_message

    def all_open(self):
        return all(ch.readyState == "open" for ch in self.channels.values())

    def figures(self):
        return {"connected": self.connected, "added": self.added,
                "channels": {str(c): {"sent": self.sent[c], "received": self.received[c],
                                      "echoed": self.echoed[c], "other": self.other[c], "misrouted": self.misrouted[c], "duplicates": self.duplicates[c]}
                             for c in CHANNEL_IDS}}


def split_candidates(sdp):
    """The SDP without its candidate lines, and those candidates ("candidate:..." strings)."""
    kept, candidates = [], []
    for line in sdp.replace("\r\n", "\n").split("\n"):
        if line.startswith("a=candidate:"):
            candidates.append(line[2:])
        elif line == "a=end-of-candidates" or not line:
            continue
        else:
            kept.append(line)
    return "".join(line + "\r\n" for line in kept), candidates


def first_mid(sdp):
    for line in sdp.splitlines():
        if line.startswith("a=mid:"):
            return line[len("a=mid:"):].strip()
    return "0"


class DemoClient:
    def __init__(self, args):
        self.args = args
        self.ws = None
        self.own_id = 0
        self.mesh = False
        self.role = None
        self.lobby = args.lobby
        self.sealed = False
        self.peers = {}  # the multiplayer peer's map: only peers add_peer accepted
        self.orphans = []  # connections add_peer refused (kept to close them)
        self.own_candidates = []
        self.exit_code = EXIT_FAILED

    # ------------------------------------------------------------------ signaling

    async def send(self, msg_type, peer_id, data=""):
        emit("signal", dir="sent", type=msg_type, id=peer_id, data=data)
        await self.ws.send(json.dumps({"type": msg_type, "id": peer_id, "data": data}))

    async def run(self):
        async with websockets.connect(self.args.url, max_size=self.args.max_message_bytes,
                                      ping_interval=None) as ws:
            self.ws = ws
            await self.send(JOIN, 0 if self.args.mode == "mesh" else 1, self.args.lobby)
            commands = asyncio.ensure_future(self.read_commands())
            try:
                async for raw in ws:
                    await self.on_message(raw)
            except websockets.exceptions.ConnectionClosed:
                pass
            if self.exit_code == EXIT_QUIT:  # closed by the quit command
                return
            emit("closed", code=ws.close_code, reason=ws.close_reason, sealed=self.sealed)
            if not self.sealed:
                # The demo's stop(): an unexpected signaling close ends the multiplayer peer.
                emit("stopped", why="signaling closed before the seal (%s %s)" % (ws.close_code, ws.close_reason))
                await self.close_peers()
                self.exit_code = EXIT_STOPPED
                commands.cancel()
                return
            log("signaling closed after the seal; the mesh goes on")
        await commands

    async def on_message(self, raw):
        if isinstance(raw, bytes):
            emit("ignored", type=-1, id=0, why="a binary frame")
            return
        try:
            msg = json.loads(raw)
            msg_type, peer_id, data = int(msg["type"]), int(msg["id"]), msg["data"]
            if not isinstance(data, str):
                raise ValueError("data is not a string")
        except (ValueError, KeyError, TypeError) as e:
            emit("ignored", type=-1, id=0, why="not a demo message (%s): %r" % (e, raw[:200]))
            return
        emit("signal", dir="received", type=msg_type, id=peer_id, data=data)
        if msg_type == ID:
            self.on_id(peer_id, data == "true")
        elif msg_type == JOIN:
            self.lobby = data
            emit("lobby", name=data)
        elif msg_type == SEAL:
            self.sealed = True
            emit("sealed")
        elif msg_type == PEER_CONNECT:
            await self.on_peer_connect(peer_id)
        elif msg_type == PEER_DISCONNECT:
            if peer_id in self.peers:
                peer = self.peers.pop(peer_id)
                await peer.pc.close()
                emit("peer_removed", peer=peer_id)
        elif msg_type in (OFFER, ANSWER):
            peer = self.peers.get(peer_id)
            if peer is None:
                emit("ignored", type=msg_type, id=peer_id, why="not a peer of this client")
                return
            await peer.pc.setRemoteDescription(
                RTCSessionDescription(sdp=data, type="offer" if msg_type == OFFER else "answer"))
            peer.remote_set = True
            for mid, index, cand in peer.pending_candidates:
                await self.add_candidate(peer, mid, index, cand)
            peer.pending_candidates = []
            if msg_type == OFFER:
                await peer.pc.setLocalDescription(await peer.pc.createAnswer())
                await self.description_created(peer, "answer")
        elif msg_type == CANDIDATE:
            parts = [p for p in data.split("\n") if p]
            if len(parts) != 3 or not re.fullmatch(r"[+-]?\d+", parts[1]):
                emit("ignored", type=msg_type, id=peer_id, why="a candidate that is not 3 parts with an integer index")
                return
            peer = self.peers.get(peer_id)
            if peer is None:
                emit("ignored", type=msg_type, id=peer_id, why="not a peer of this client")
                return
            if peer.remote_set:
                await self.add_candidate(peer, parts[0], int(parts[1]), parts[2])
            else:
                peer.pending_candidates.append((parts[0], int(parts[1]), parts[2]))
        else:
            emit("ignored", type=msg_type, id=peer_id, why="unknown type")

    def on_id(self, own_id, mesh):
        self.own_id = own_id
        self.mesh = mesh
        self.role = "mesh" if mesh else ("server" if own_id == 1 else "client")
        emit("id", id=own_id, mesh=mesh, role=self.role)

    def add_peer_refusal(self, peer_id):
        """Godot's add_peer checks (spec 3.4) for this role, or None."""
        if self.role is None:
            return "ERR_UNCONFIGURED: no ID yet"
        if self.role == "client" and peer_id != 1:
            return "ERR_INVALID_PARAMETER: a client only takes peer 1"
        if self.role == "server" and peer_id == 1:
            return "ERR_INVALID_PARAMETER: a server never takes peer 1"
        if peer_id < 1 or peer_id > 2147483647:
            return "ERR_INVALID_PARAMETER: not a peer id"
        return None

    async def on_peer_connect(self, peer_id):
        refusal = self.add_peer_refusal(peer_id)
        peer = Peer(self, peer_id, refusal is None)
        if refusal is None:
            old = self.peers.get(peer_id)
            if old is not None:  # Godot replaces an entry with the same id silently
                await old.pc.close()
            self.peers[peer_id] = peer
            emit("peer_added", peer=peer_id)
        else:
            self.orphans.append(peer)
            emit("add_peer_refused", peer=peer_id, why=refusal)
        if peer_id < self.own_id:  # the larger id offers (so the host, 1, never does)
            await peer.pc.setLocalDescription(await peer.pc.createOffer())
            await self.description_created(peer, "offer")

    async def description_created(self, peer, kind):
        """session_description_created then ice_candidate_created, as a trickling Godot peer signals them."""
        sdp = peer.pc.localDescription.sdp
        stripped, candidates = split_candidates(sdp)
        mid = first_mid(sdp)
        self.own_candidates.extend((mid, c) for c in candidates)
        if peer.added:  # the demo's _offer_created returns when the peer is not in the map
            await self.send(OFFER if kind == "offer" else ANSWER, peer.id,
                            sdp if self.args.candidates_in_sdp else stripped)
        for cand in candidates:  # the demo's _new_ice_candidate sends whatever the peer is
            await self.send(CANDIDATE, peer.id, "\n%s\n%d\n%s" % (mid, 0, cand))

    async def add_candidate(self, peer, mid, index, text):
        body = text[len("a="):] if text.startswith("a=") else text
        body = body[len("candidate:"):] if body.startswith("candidate:") else body
        try:
            cand = candidate_from_sdp(body)
        except (AssertionError, ValueError, IndexError) as e:
            emit("ignored", type=CANDIDATE, id=peer.id, why="a candidate aiortc cannot read (%s)" % e)
            return
        cand.sdpMid = mid
        cand.sdpMLineIndex = index
        await peer.pc.addIceCandidate(cand)

    # ------------------------------------------------------------------ traffic

    def channel_opened(self, peer):
        if peer.connected or not peer.added or not peer.all_open():
            return
        peer.connected = True
        emit("peer_connected", peer=peer.id)
        for cid, ch in peer.channels.items():
            for n in range(self.args.send):
                ch.send(("PYDEMO %d %d %d %d" % (self.own_id, peer.id, cid, n)).encode("ascii"))
                peer.sent[cid] += 1

    def report(self):
        emit("report", id=self.own_id, lobby=self.lobby, sealed=self.sealed,
             peers={str(p): peer.figures() for p, peer in sorted(self.peers.items())})

    # ------------------------------------------------------------------ commands and shutdown

    async def read_commands(self):
        loop = asyncio.get_running_loop()
        lines = asyncio.Queue()

        def reader():  # a daemon thread, so a stdin that never ends cannot hold the interpreter at exit
            for line in sys.stdin:
                loop.call_soon_threadsafe(lines.put_nowait, line)
            loop.call_soon_threadsafe(lines.put_nowait, None)

        threading.Thread(target=reader, daemon=True).start()
        while True:
            line = await lines.get()
            words = (line or "quit").split()
            if not words:
                continue
            if words[0] == "report":
                self.report()
            elif words[0] == "seal":
                await self.send(SEAL, 0)
            elif words[0] == "stray-candidate" and len(words) == 2:
                mid, cand = self.own_candidates[0] if self.own_candidates else \
                    ("0", "candidate:1 1 udp 2130706431 10.77.0.1 9 typ host")
                await self.send(CANDIDATE, int(words[1]), "\n%s\n%d\n%s" % (mid, 0, cand))
            elif words[0] == "quit":
                self.report()
                await self.close_peers()
                self.exit_code = EXIT_QUIT
                if self.ws is not None:
                    await self.ws.close()
                return "quit"
            else:
                log("unknown command:", line.strip())

    async def close_peers(self):
        for peer in list(self.peers.values()) + self.orphans:
            await peer.pc.close()
        self.peers.clear()
        self.orphans.clear()


async def main_async(args):
    client = DemoClient(args)
    try:
        await asyncio.wait_for(client.run(), args.timeout)
    except asyncio.TimeoutError:
        client.report()
        await client.close_peers()
        emit("stopped", why="timeout after %s s" % args.timeout)
        return EXIT_TIMEOUT
    return client.exit_code


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", required=True, help="the signaling server, ws://HOST:PORT")
    p.add_argument("--lobby", default="", help="the lobby to join; empty creates one")
    p.add_argument("--mode", choices=["mesh", "client"], default="mesh",
                   help="JOIN a mesh lobby (id 0) or a client/server one (id 1)")
    p.add_argument("--send", type=int, default=20, help="packets per channel to every peer once connected")
    p.add_argument("--lifetime", type=int, default=None, help="maxPacketLifeTime (ms) for channels 2 and 3")
    p.add_argument("--echo", action="store_true", help="send back every packet that is not this client's own")
    p.add_argument("--candidates-in-sdp", action="store_true", help="keep the candidates in the SDP too")
    p.add_argument("--max-message-bytes", type=int, default=128 * 1024)
    p.add_argument("--timeout", type=float, default=120, help="seconds before giving up (exit 3)")
    args = p.parse_args()
    try:
        code = asyncio.run(main_async(args))
    except Exception as e:  # every failure is a line and an exit code, never a hang
        emit("stopped", why="%s: %s" % (type(e).__name__, e))
        log("failed:", repr(e))
        code = EXIT_FAILED
    sys.exit(code)


if __name__ == "__main__":
    main()
