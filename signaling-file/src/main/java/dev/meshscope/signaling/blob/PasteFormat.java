// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

/** Which of the accepted forms a paste was. */
public enum PasteFormat {
    /** A MeshScope blob ("MSB1:..."): ids, mode, channels and a checksum come with it. */
    MESHSCOPE_BLOB,
    /** A bare session description ("v=0 ..."): no ids, no channel configuration. */
    RAW_SDP,
    /** A browser {@code RTCSessionDescription} as JSON, {@code {"type":"offer","sdp":"..."}}. */
    BROWSER_JSON,
    /** A Godot demo signaling message, {@code {"type":4|5,"id":<sender>,"data":"<sdp>"}}. */
    DEMO_MESSAGE
}
