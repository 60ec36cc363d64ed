// SPDX-License-Identifier: MIT
package dev.meshscope.core;

/**
 * The step of Godot's API (or of the native negotiation behind it) a failure belongs to. Carried by every
 * {@link Failure} and {@link dev.meshscope.core.event.MeshEvent.ErrorRaised}, so a front end can tell an
 * asynchronous createAnswer failure from a gathering timeout without matching strings.
 */
public enum Step {
    /** {@code create_server()}. */
    CREATE_SERVER("createServer", false),
    /** {@code create_client()}. */
    CREATE_CLIENT("createClient", false),
    /** {@code create_mesh()}. */
    CREATE_MESH("createMesh", false),
    /** {@code add_peer()}. */
    ADD_PEER("addPeer", false),
    /** {@code remove_peer()}. */
    REMOVE_PEER("removePeer", false),
    /** {@code disconnect_peer()}. */
    DISCONNECT_PEER("disconnectPeer", false),
    /** {@code get_peer()}. */
    GET_PEER("getPeer", false),
    /** {@code get_unique_id()}. */
    GET_UNIQUE_ID("getUniqueId", false),
    /** {@code poll()}. */
    POLL("poll", false),
    /** {@code put_packet()}, on the multiplayer peer or a channel. */
    PUT_PACKET("putPacket", false),
    /** {@code get_packet()}. */
    GET_PACKET("getPacket", false),
    /** {@code get_packet_mode()}. */
    GET_PACKET_MODE("getPacketMode", false),
    /** {@code WebRTCPeerConnection.initialize()}. */
    INITIALIZE("initialize", false),
    /** {@code create_data_channel()}. */
    CREATE_DATA_CHANNEL("createDataChannel", false),
    /** {@code create_offer()}, and libwebrtc creating the offer behind it. */
    CREATE_OFFER("createOffer", true),
    /** libwebrtc creating the answer to a remote offer (native Godot does it inside set_remote_description). */
    CREATE_ANSWER("createAnswer", true),
    /** Applying the local description (the created offer or answer). */
    SET_LOCAL_DESCRIPTION("setLocalDescription", true),
    /** {@code set_remote_description()}. */
    SET_REMOTE_DESCRIPTION("setRemoteDescription", true),
    /** {@code add_ice_candidate()}. */
    ADD_ICE_CANDIDATE("addIceCandidate", false),
    /** libwebrtc gathering candidates from the STUN/TURN servers (a server refused or did not answer). */
    GATHER_CANDIDATES("iceGathering", false),
    /** Reading the local description once gathering completed. */
    GET_LOCAL_DESCRIPTION("getLocalDescription", false),
    /** Setting a network impairment on a peer's channels (a debugger extra). */
    SET_IMPAIRMENT("setImpairment", false),
    /** Wire statistics ({@code getStats}). */
    WIRE_STATS("requestWireStats", false);

    private final String apiName;
    private final boolean negotiation;

    Step(String apiName, boolean negotiation) {
        this.apiName = apiName;
        this.negotiation = negotiation;
    }

    /** The Java method name of the step, e.g. {@code "createOffer"}. */
    public String apiName() {
        return apiName;
    }

    /**
     * True for the offer/answer steps: a failure there ends the negotiation of that connection (a refused
     * candidate or packet does not).
     */
    public boolean endsNegotiation() {
        return negotiation;
    }
}
