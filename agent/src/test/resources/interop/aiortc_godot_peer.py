#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""A Godot 4 WebRTCMultiplayerPeer, as seen on the wire, played by aiortc (an independent WebRTC stack).

It creates Godot's negotiated channels (1 "reliable", 2 "ordered", 3 "unreliable", then 4.. for extra channels,
labelled by their id; as on a real Godot native peer they are all reliable, because Godot passes the packet
lifetime under a key its backends do not read), signals by hand and non-trickle like MeshScope's manual mode,
then sends binary and text packets on every channel expecting each echoed in the form it was sent, and answers
MeshScope probe pings with pongs.

Signaling goes through stdin/stdout, one paste at a time:
  stdout  what to paste into the MeshScope agent: a MeshScope blob line ("MSB1:..."), or a raw SDP
          followed by an empty line (--format sdp)
  stdin   the agent's description: a MeshScope blob line (other lines are ignored)
  stderr  log
The MeshScope blob format is implemented here from its description in MeshScope's README, which is the point:
zlib-deflated JSON, base64url without padding, prefix "MSB1:", checksum "sha256:" + 16 hex digits over
"v\\ntype\\nfrom\\nto\\nmode\\nchannels\\nsdp".

Exit code 0 when every channel echoed --count packets and answered at least one ping of the agent; the figures are
written as JSON to --result in every case.

With --echo it plays a plain echo peer instead, as a browser test page would: it sends nothing of its own, returns
every message unchanged on the channel it came in on and in its form (text as text), answers pings, and ends (exit 0)
when the agent closes the connection or its stdin ends.
"""
import argparse
import asyncio
import base64
import hashlib
import json
import sys
import threading
import zlib

from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription

PROBE_MAGIC = b"MSPR"
PROBE_PING = 1
PROBE_PONG = 2


def log(*parts):
    print("aiortc-godot:", *parts, file=sys.stderr, flush=True)


def blob_sum(body):
    canonical = "\n".join([str(body["v"]), body["type"], str(body["from"]), str(body["to"]), body["mode"],
                           ",".join(str(c) for c in body["channels"]), body["sdp"]])
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def normalize_sdp(sdp):
    lines = [line.strip() for line in sdp.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "".join(line + "\r\n" for line in lines if line)


def encode_blob(kind, sender, addressee, mode, channels, sdp):
    body = {"v": 1, "type": kind, "from": sender, "to": addressee, "mode": mode, "channels": channels,
            "sdp": normalize_sdp(sdp)}
    body["sum"] = blob_sum(body)
    packed = zlib.compress(json.dumps(body).encode("utf-8"), 9)
    return "MSB1:" + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decode_blob(line):
    payload = "".join(line.strip()[len("MSB1:"):].split())
    packed = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    body = json.loads(zlib.decompress(packed).decode("utf-8"))
    if body.get("sum") != blob_sum(body):
        raise ValueError("blob checksum mismatch")
    return body


def fingerprint(sdp):
    for line in sdp.splitlines():
        if line.startswith("a=fingerprint:sha-256"):
            return line.split(" ", 1)[1]
    return ""


async def read_blob():
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            raise EOFError("stdin ended before the agent's description arrived")
        if line.startswith("MSB1:"):
            return decode_blob(line)


def emit(args, kind, sdp, addressee):
    if args.format == "blob":
        print(encode_blob(kind, args.id, addressee, args.mode, args.channel_list, sdp), flush=True)
    else:
        print(normalize_sdp(sdp), flush=True)  # the SDP ends with CRLF; print adds the empty line that ends a paste


async def run(args, result):
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))  # no STUN: aiortc would default to a public server
    channels = {
        1: pc.createDataChannel("reliable", negotiated=True, id=1, ordered=True),
        2: pc.createDataChannel("ordered", negotiated=True, id=2, ordered=True),
        3: pc.createDataChannel("unreliable", negotiated=True, id=3, ordered=False),
    }
    for i, _mode in enumerate(args.channel_list):
        cid = 4 + i
        channels[cid] = pc.createDataChannel(str(cid), negotiated=True, id=cid, ordered=True)
    echoed = {cid: 0 for cid in channels}
    echoed_text = {cid: 0 for cid in channels}
    wrong_form = {cid: 0 for cid in channels}
    pinged = {cid: 0 for cid in channels}
    sent = {cid: [] for cid in channels}
    sent_text = {cid: [] for cid in channels}
    result["echoed"] = echoed
    result["echoed_text"] = echoed_text
    result["wrong_form"] = wrong_form
    result["pinged"] = pinged

    def on_message_for(cid, ch):
        def on_message(message):
            if isinstance(message, str):
                # A text message: an echo of our text is right, an echo of our binary packet came back in the wrong form.
                if message in sent_text[cid]:
                    echoed_text[cid] += 1
                elif message.encode("utf-8") in sent[cid]:
                    wrong_form[cid] += 1
                return
            data = message
            if data.startswith(PROBE_MAGIC) and len(data) >= 24 and data[5] == PROBE_PING:
                ch.send(data[:5] + bytes([PROBE_PONG]) + data[6:])
                pinged[cid] += 1
            elif data in sent[cid]:
                echoed[cid] += 1
            elif data.decode("utf-8", "replace") in sent_text[cid]:
                wrong_form[cid] += 1
        return on_message

    echo_back = {cid: 0 for cid in channels}
    echo_back_text = {cid: 0 for cid in channels}

    def echo_for(cid, ch):
        def on_message(message):
            if isinstance(message, bytes) and message.startswith(PROBE_MAGIC) and len(message) >= 24 \
                    and message[5] == PROBE_PING:
                ch.send(message[:5] + bytes([PROBE_PONG]) + message[6:])
                pinged[cid] += 1
                return
            ch.send(message)  # unchanged: a str goes back as a text message, bytes as binary
            echo_back[cid] += 1
            if isinstance(message, str):
                echo_back_text[cid] += 1
        return on_message

    for cid, ch in channels.items():
        ch.on("message", echo_for(cid, ch) if args.echo else on_message_for(cid, ch))

    if args.role == "offer":
        await pc.setLocalDescription(await pc.createOffer())  # aiortc gathers every candidate here: non-trickle
        emit(args, "offer", pc.localDescription.sdp, args.agent_id)
        log("offer emitted, fingerprint", fingerprint(pc.localDescription.sdp))
        body = await read_blob()
        if body["type"] != "answer" or body["to"] != args.id:
            raise ValueError("expected an answer for peer %d, got %s for %s" % (args.id, body["type"], body["to"]))
        await pc.setRemoteDescription(RTCSessionDescription(sdp=body["sdp"], type="answer"))
    else:
        body = await read_blob()
        if body["type"] != "offer" or body["to"] != args.id:
            raise ValueError("expected an offer for peer %d, got %s for %s" % (args.id, body["type"], body["to"]))
        await pc.setRemoteDescription(RTCSessionDescription(sdp=body["sdp"], type="offer"))
        await pc.setLocalDescription(await pc.createAnswer())
        emit(args, "answer", pc.localDescription.sdp, body["from"])
        log("answer emitted, fingerprint", fingerprint(pc.localDescription.sdp))
    result["remote_fingerprint"] = fingerprint(body["sdp"])
    result["local_fingerprint"] = fingerprint(pc.localDescription.sdp)
    result["local_candidates"] = [l for l in pc.localDescription.sdp.splitlines() if l.startswith("a=candidate")]

    while any(ch.readyState != "open" for ch in channels.values()):
        await asyncio.sleep(0.02)
    log("all", len(channels), "channels open")
    if args.echo:
        result["echo_back"] = echo_back
        result["echo_back_text"] = echo_back_text
        await echo_until_closed(pc, channels)
        log("echo ended: echoed", echo_back, "of which text", echo_back_text, "; pings answered", pinged)
        await pc.close()
        return
    for cid, ch in channels.items():
        for n in range(args.count):
            payload = ("godot-interop channel %d packet %d" % (cid, n)).encode("ascii")
            sent[cid].append(payload)
            ch.send(payload)
            text = "godot-interop channel %d text %d" % (cid, n)
            sent_text[cid].append(text)
            ch.send(text)  # a str goes out as a WebRTC String message
    while not all(echoed[c] >= args.count and echoed_text[c] >= args.count and pinged[c] >= 1 for c in channels):
        if any(wrong_form.values()):
            raise ValueError("echoes came back in the wrong form (text as binary or binary as text): %s" % wrong_form)
        await asyncio.sleep(0.02)
    log("every channel echoed", args.count, "binary and", args.count, "text packets in their form and answered the "
        "agent's pings:", echoed, echoed_text, pinged)
    await asyncio.sleep(0.2)  # let the last pongs leave before closing
    await pc.close()


async def echo_until_closed(pc, channels):
    """Waits until the agent closed the connection (every channel closed, or the connection ended) or stdin ended."""
    loop = asyncio.get_running_loop()
    stdin_ended = asyncio.Event()

    def watch_stdin():  # a daemon thread, so a stdin that never ends cannot hold the interpreter at exit
        sys.stdin.read()
        loop.call_soon_threadsafe(stdin_ended.set)

    threading.Thread(target=watch_stdin, daemon=True).start()
    while not stdin_ended.is_set():
        if pc.connectionState in ("closed", "failed") or all(ch.readyState == "closed" for ch in channels.values()):
            return
        await asyncio.sleep(0.05)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--role", choices=["offer", "answer"], required=True)
    p.add_argument("--id", type=int, required=True, help="this peer's Godot id")
    p.add_argument("--agent-id", type=int, default=1, help="the agent's id (the offer's addressee)")
    p.add_argument("--mode", choices=["server", "client", "mesh"], required=True)
    p.add_argument("--format", choices=["blob", "sdp"], default="blob")
    p.add_argument("--channels", default="", help="extra channels as Godot transfer modes, e.g. 2,0")
    p.add_argument("--count", type=int, default=5)
    p.add_argument("--timeout", type=float, default=40)
    p.add_argument("--echo", action="store_true", help="only echo what arrives (see above)")
    p.add_argument("--result", required=True)
    args = p.parse_args()
    args.channel_list = [int(c) for c in args.channels.split(",") if c.strip()]
    result = {"ok": False}
    code = 1
    try:
        asyncio.run(asyncio.wait_for(run(args, result), args.timeout))
        result["ok"] = True
        code = 0
    except Exception as e:  # every failure is reported in the result file and the exit code
        result["error"] = "%s: %s" % (type(e).__name__, e)
        log("failed:", result["error"])
    with open(args.result, "w") as f:
        json.dump(result, f)
    sys.exit(code)


if __name__ == "__main__":
    main()
