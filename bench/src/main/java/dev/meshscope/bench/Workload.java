// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import java.util.concurrent.TimeUnit;

/**
 * The constants both stacks share, so the baseline and mesh-core do exactly the same work: Godot's channel
 * layout, packet sizes, back-pressure thresholds and time-outs.
 */
public final class Workload {
    /** Channels per connection: Godot's reliable, ordered and unreliable channels. */
    public static final int CHANNELS = 3;

    /** Negotiated stream ids of the three channels, in Godot's order (reliable, ordered, unreliable). */
    public static final int[] CHANNEL_IDS = {1, 2, 3};

    /** Labels of the three channels, as Godot names them. */
    public static final String[] CHANNEL_LABELS = {"reliable", "ordered", "unreliable"};

    /** Internal index of the reliable channel. */
    public static final int RELIABLE = 0;

    /** Internal index of the unreliable (unordered, lifetime-limited) channel. */
    public static final int UNRELIABLE = 2;

    /** Packet lifetime of the ordered and unreliable channels: mesh-core's (and Godot's) default for add_peer. */
    public static final int LIFETIME_MS = 1;

    /** Payload of a ping after the 24-byte probe header, so a ping is 32 bytes as issue 5 asks. */
    public static final int PING_PAYLOAD_BYTES = 8;

    /** Size of a packet-rate packet (issue 5). */
    public static final int PACKET_RATE_BYTES = 64;

    /** Throughput back-pressure: pause while this much is queued (measured: ~60 MB/s stays sustained at 1 MiB). */
    public static final long THROUGHPUT_HIGH_WATER_BYTES = 1024 * 1024;

    /** Packet-rate back-pressure: 1000 small packets queued is far more than 1 ms of lifetime can drain anyway. */
    public static final long PACKET_RATE_HIGH_WATER_BYTES = 64 * 1024;

    /** How long a back-pressured sender waits before it looks again (1 MiB drains in ~16 ms: 1 ms never starves it). */
    public static final long BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Packets a mesh-core sender puts per owner-thread command before it lets the thread poll again. */
    public static final int SEND_BATCH = 64;

    /** A ping without a pong after this long is counted lost and the next one goes (unreliable channels lose some). */
    public static final long PING_LOSS_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** How often the ping loop looks for a lost ping. */
    public static final long PING_CHECK_MILLIS = 10;

    /** After a packet-rate sender stops, the run ends once nothing arrived for this long. */
    public static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(30);

    private Workload() {}
}
