// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

import dev.meshscope.core.sdp.SdpInfo;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks every {@code a=fingerprint} of a description the way the DTLS handshake will use it, so a broken one is
 * refused with a reason at once instead of being accepted by libwebrtc and failing 10 s later (webrtc-java facts:
 * "a wrong ... fingerprint only fails later"). Pure; any thread.
 */
public final class FingerprintCheck {
    /**
     * The hash functions libwebrtc can verify a certificate with (its OpenSSL digest names, RFC 8122 spelling), and
     * the length of each digest in bytes: a fingerprint of another length cannot match any certificate.
     */
    static final Map<String, Integer> DIGEST_BYTES = Map.of("md5", 16, "sha-1", 20, "sha-224", 28, "sha-256", 32,
            "sha-384", 48, "sha-512", 64);

    /** Upper- or lower-case hex pairs separated by colons, as RFC 8122 writes a fingerprint. */
    private static final Pattern HEX_PAIRS = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2})*");

    private FingerprintCheck() {
    }

    /** What is wrong with the first broken fingerprint of {@code info}, in words with what to do, or {@code null}. */
    public static String problem(SdpInfo info) {
        for (String f : info.fingerprints()) {
            String p = problem(f);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** What is wrong with one fingerprint value ("sha-256 AB:CD:..."), or {@code null}. */
    static String problem(String fingerprint) {
        String f = fingerprint.strip();
        int space = f.indexOf(' ');
        String hash = (space < 0 ? f : f.substring(0, space)).toLowerCase(java.util.Locale.ROOT);
        String value = space < 0 ? "" : f.substring(space + 1).strip();
        Integer bytes = DIGEST_BYTES.get(hash);
        if (bytes == null) {
            return "The DTLS fingerprint names the hash \"" + PasteReader.abbreviate(hash) + "\", which no WebRTC stack "
                    + "checks certificates with (known: sha-256, sha-384, sha-512, sha-224, sha-1, md5): the "
                    + "a=fingerprint line was edited or cut. Copy the description again.";
        }
        if (!HEX_PAIRS.matcher(value).matches()) {
            return "The " + hash + " DTLS fingerprint is not hex pairs separated by colons (\"AB:CD:...\"): the "
                    + "a=fingerprint line was edited or damaged. Copy the description again.";
        }
        int pairs = (value.length() + 1) / 3;
        if (pairs != bytes) {
            return "The " + hash + " DTLS fingerprint has " + pairs + " byte pairs, but a " + hash + " digest has "
                    + bytes + ": the a=fingerprint line was cut or edited. Copy the description again.";
        }
        return null;
    }
}
