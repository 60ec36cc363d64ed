// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.session;

import dev.meshscope.core.Step;

/**
 * The step a manual exchange failed at, as the operator sees it: mesh-core's {@link Step} for a call that
 * failed, or the two steps only the exchange knows (the gathering timeout, the connection failing after both
 * descriptions were applied). Mapped from {@link Step} by its constant, never from an operation string.
 */
public enum ExchangeStep {
    /** {@code WebRTCPeerConnection.initialize()} (a bad ICE server). */
    INITIALIZE,
    /** {@code add_peer()}. */
    ADD_PEER,
    /** {@code create_offer()}, or libwebrtc making the offer. */
    CREATE_OFFER,
    /** libwebrtc making the answer to a remote offer. */
    CREATE_ANSWER,
    /** Applying the created offer or answer locally. */
    SET_LOCAL_DESCRIPTION,
    /** {@code set_remote_description()}. */
    SET_REMOTE_DESCRIPTION,
    /** A candidate of the pasted description refused by libwebrtc (does not end the exchange). */
    ADD_ICE_CANDIDATE,
    /** Reading the complete local description, or making the blob of it. */
    GET_LOCAL_DESCRIPTION,
    /** ICE gathering did not complete within {@link ManualExchange#GATHER_TIMEOUT}. */
    GATHERING_TIMEOUT,
    /** Both descriptions were applied, then ICE or DTLS failed. */
    CONNECTION,
    /** Any other mesh-core step. */
    OTHER;

    /** The exchange step of a mesh-core step. */
    public static ExchangeStep of(Step s) {
        return switch (s) {
            case INITIALIZE -> INITIALIZE;
            case ADD_PEER -> ADD_PEER;
            case CREATE_OFFER -> CREATE_OFFER;
            case CREATE_ANSWER -> CREATE_ANSWER;
            case SET_LOCAL_DESCRIPTION -> SET_LOCAL_DESCRIPTION;
            case SET_REMOTE_DESCRIPTION -> SET_REMOTE_DESCRIPTION;
            case ADD_ICE_CANDIDATE -> ADD_ICE_CANDIDATE;
            case GET_LOCAL_DESCRIPTION -> GET_LOCAL_DESCRIPTION;
            default -> OTHER;
        };
    }

    /** How the step reads in a message, e.g. "createAnswer" or "ICE gathering". */
    public String label() {
        return switch (this) {
            case INITIALIZE -> "initialize";
            case ADD_PEER -> "addPeer";
            case CREATE_OFFER -> "createOffer";
            case CREATE_ANSWER -> "createAnswer";
            case SET_LOCAL_DESCRIPTION -> "setLocalDescription";
            case SET_REMOTE_DESCRIPTION -> "setRemoteDescription";
            case ADD_ICE_CANDIDATE -> "addIceCandidate";
            case GET_LOCAL_DESCRIPTION -> "getLocalDescription";
            case GATHERING_TIMEOUT -> "ICE gathering";
            case CONNECTION -> "connection";
            case OTHER -> "a mesh-core call";
        };
    }
}
