// SPDX-License-Identifier: MIT
package dev.meshscope.core.sdp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a session description says that matters to a data-channel mesh, read from its text without any
 * native call. libwebrtc accepts several broken descriptions and fails much later (an answer given as an
 * offer, a rejected data section, a wrong fingerprint, a missing final CRLF); this parser lets callers
 * refuse them up front with a precise reason.
 *
 * <p>Pure and thread-safe: any thread may call it.
 *
 * @param sdp            the text normalised to CRLF line endings, ending with one CRLF
 * @param dataSections   every {@code m=application} section
 * @param fingerprints   distinct DTLS fingerprints ("sha-256 AB:CD:..."), session and media level
 * @param setupRoles     distinct {@code a=setup} values
 * @param iceUfrag       the first {@code a=ice-ufrag}, or ""
 * @param icePwd         the first {@code a=ice-pwd}, or ""
 * @param candidates     every {@code a=candidate} value (without the "a=" prefix)
 * @param maxMessageSize the first {@code a=max-message-size}, or -1 when absent
 * @param otherSections  how many non-application m-sections (audio, video) there are
 */
public record SdpInfo(
        String sdp,
        List<DataSection> dataSections,
        List<String> fingerprints,
        List<String> setupRoles,
        String iceUfrag,
        String icePwd,
        List<String> candidates,
        long maxMessageSize,
        int otherSections) {

    /** Longest description accepted: a full mesh offer with every candidate is a few KiB; 64 KiB is far beyond any real one. */
    public static final int MAX_SDP_CHARS = 64 * 1024;

    /** RFC 8841: a peer that does not advertise a=max-message-size may be sent at most 64 KiB. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024;

    /** Copies the lists. */
    public SdpInfo {
        dataSections = List.copyOf(dataSections);
        fingerprints = List.copyOf(fingerprints);
        setupRoles = List.copyOf(setupRoles);
        candidates = List.copyOf(candidates);
    }

    /**
     * One {@code m=application} section.
     *
     * @param port     the port of the m= line; 0 means the section was rejected
     * @param protocol the transport protocol, e.g. "UDP/DTLS/SCTP"
     * @param mid      the {@code a=mid} value, or ""
     */
    public record DataSection(int port, String protocol, String mid) {}

    /**
     * Normalises line endings to CRLF (a pasted description often has LF or CR only, and libwebrtc rejects a
     * description without its final CRLF) and parses it.
     *
     * @throws SdpException when the text is not a session description at all
     */
    public static SdpInfo parse(String text) throws SdpException {
        if (text == null || text.isBlank()) {
            throw new SdpException("The description is empty: paste the whole text, starting with \"v=0\".");
        }
        if (text.length() > MAX_SDP_CHARS) {
            throw new SdpException("The description is " + text.length() + " characters long, more than the "
                    + MAX_SDP_CHARS + " a data-channel description can need: this is not one description.");
        }
        String normalized = normalize(text);
        String[] lines = normalized.split("\r\n");
        if (!lines[0].equals("v=0")) {
            throw new SdpException("This is not a session description: it must start with \"v=0\" but starts with \""
                    + abbreviate(lines[0]) + "\".");
        }
        List<DataSection> data = new ArrayList<>();
        Set<String> fingerprints = new LinkedHashSet<>();
        Set<String> setups = new LinkedHashSet<>();
        List<String> candidates = new ArrayList<>();
        String ufrag = "";
        String pwd = "";
        long maxMessage = -1;
        int others = 0;
        boolean inData = false;
        int dataPort = 0;
        String dataProto = "";
        String dataMid = "";
        boolean sawOrigin = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new SdpException("Line " + (i + 1) + " is not an SDP line (\"" + abbreviate(line)
                        + "\"): the description was probably cut or edited; copy it again.");
            }
            char kind = line.charAt(0);
            String value = line.substring(2);
            if (kind == 'o') {
                sawOrigin = true;
            } else if (kind == 'm') {
                if (inData) {
                    data.add(new DataSection(dataPort, dataProto, dataMid));
                }
                String[] parts = value.split(" ");
                if (parts.length < 3) {
                    throw new SdpException(
                            "Line " + (i + 1) + " is a malformed media line: \"" + abbreviate(line) + "\".");
                }
                inData = parts[0].equals("application");
                if (inData) {
                    dataPort = parsePort(parts[1], i);
                    dataProto = parts[2];
                    dataMid = "";
                } else {
                    others++;
                }
            } else if (kind == 'a') {
                int colon = value.indexOf(':');
                String attr = colon < 0 ? value : value.substring(0, colon);
                String arg = colon < 0 ? "" : value.substring(colon + 1).trim();
                switch (attr) {
                    case "fingerprint" -> fingerprints.add(arg.toLowerCase(Locale.ROOT));
                    case "setup" -> setups.add(arg);
                    case "ice-ufrag" -> ufrag = ufrag.isEmpty() ? arg : ufrag;
                    case "ice-pwd" -> pwd = pwd.isEmpty() ? arg : pwd;
                    case "candidate" -> candidates.add("candidate:" + arg);
                    case "max-message-size" -> maxMessage = maxMessage < 0 ? parseLong(arg, i) : maxMessage;
                    case "mid" -> {
                        if (inData) {
                            dataMid = arg;
                        }
                    }
                    default -> {}
                }
            }
        }
        if (inData) {
            data.add(new DataSection(dataPort, dataProto, dataMid));
        }
        if (!sawOrigin) {
            throw new SdpException("The description has no \"o=\" line: it was cut or edited; copy it again.");
        }
        return new SdpInfo(
                normalized,
                data,
                new ArrayList<>(fingerprints),
                new ArrayList<>(setups),
                ufrag,
                pwd,
                candidates,
                maxMessage,
                others);
    }

    /** CRLF line endings, no blank lines, surrounding whitespace removed, one final CRLF. */
    public static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (String line : text.strip().split("\r\n|\r|\n")) {
            String l = line.strip();
            if (!l.isEmpty()) {
                out.append(l).append("\r\n");
            }
        }
        return out.toString();
    }

    /** The data section libwebrtc will use (the first one), or {@code null}. */
    public @Nullable DataSection dataSection() {
        return dataSections.isEmpty() ? null : dataSections.get(0);
    }

    /** The fingerprint operators compare out of band, as "sha-256 AB:CD:...", or "" when there is none. */
    public String fingerprint() {
        return fingerprints.isEmpty()
                ? ""
                : fingerprints.get(0).toUpperCase(Locale.ROOT).replaceFirst("^SHA-", "sha-");
    }

    /** The peer's advertised maximum message size, or the RFC 8841 default when it advertises none. */
    public long effectiveMaxMessageSize() {
        return maxMessageSize > 0 ? maxMessageSize : DEFAULT_MAX_MESSAGE_SIZE;
    }

    /**
     * Why this description cannot be applied as {@code type} ("offer" or "answer") to a data-channel peer,
     * or {@code null} when nothing is wrong. Checks what libwebrtc lets through and what it rejects with an
     * unhelpful message.
     */
    public @Nullable String problemAs(String type) {
        DataSection ds = dataSection();
        if (ds == null) {
            return "The description has no data channel section (m=application): it comes from a peer that did not "
                    + "create data channels before making its offer. Create the channels first, then make a new offer.";
        }
        if (ds.port() == 0) {
            return "The remote peer rejected the data channel section (its m=application port is 0): it cannot do "
                    + "SCTP data channels; nothing would ever connect.";
        }
        if (!ds.protocol().toUpperCase(Locale.ROOT).contains("SCTP")) {
            return "The data section's protocol is \"" + ds.protocol() + "\", not SCTP data channels.";
        }
        if (fingerprints.isEmpty()) {
            return "The description has no DTLS fingerprint (a=fingerprint): the connection could never be secured. "
                    + "Copy the whole description again.";
        }
        String malformed = malformedFingerprint();
        if (malformed != null) {
            return malformed;
        }
        String clash = conflictingFingerprints();
        if (clash != null) {
            return "The description carries two different " + clash + " DTLS fingerprints; it was edited or "
                    + "stitched from two descriptions. Copy it again from the remote peer.";
        }
        if (iceUfrag.isEmpty() || icePwd.isEmpty()) {
            return "The description has no ICE credentials (a=ice-ufrag / a=ice-pwd): it was cut. Copy it again.";
        }
        if ("offer".equals(type)) {
            if (setupRoles.contains("active") || setupRoles.contains("passive")) {
                return "This is an answer, not an offer (its DTLS role is a=setup:" + setupRoles.get(0)
                        + "; an offer says actpass). Paste it into the peer that made the offer.";
            }
        } else if ("answer".equals(type)) {
            if (setupRoles.contains("actpass")) {
                return "This is an offer, not an answer (its DTLS role is a=setup:actpass). Paste it into a peer "
                        + "that is waiting for an offer, and send back the answer it makes.";
            }
        } else {
            return "The description type must be \"offer\" or \"answer\", not \"" + type + "\".";
        }
        return null;
    }

    /**
     * Bytes of each hash function a DTLS fingerprint may name (RFC 8122 section 5 and the hash registry);
     * libwebrtc rejects any other name, and a digest of another length cannot be the certificate's.
     */
    private static final java.util.Map<String, Integer> FINGERPRINT_BYTES =
            java.util.Map.of("md5", 16, "sha-1", 20, "sha-224", 28, "sha-256", 32, "sha-384", 48, "sha-512", 64);

    /**
     * Why a fingerprint cannot be right (an unknown hash, not colon-separated hex pairs, the wrong length), or
     * {@code null}. Checked here because libwebrtc accepts the description and fails later, with no reason;
     * {@link #problemAs} includes it.
     */
    public @Nullable String malformedFingerprint() {
        for (String f : fingerprints) {
            int space = f.indexOf(' ');
            String algorithm = space < 0 ? f : f.substring(0, space);
            Integer bytes = FINGERPRINT_BYTES.get(algorithm);
            if (bytes == null) {
                return "The DTLS fingerprint names the hash \"" + algorithm + "\", which no WebRTC stack checks "
                        + "certificates with (known: sha-256, sha-384, sha-512, sha-224, sha-1, md5): the a=fingerprint "
                        + "line was edited or cut. Copy the description again.";
            }
            String digest = space < 0 ? "" : f.substring(space + 1).strip();
            if (!digest.matches("([0-9a-f]{2}:)*[0-9a-f]{2}")) {
                return "The " + algorithm + " DTLS fingerprint is not hex pairs separated by colons (\"AB:CD:...\"): "
                        + "the a=fingerprint line was edited or damaged. Copy the description again.";
            }
            int got = (digest.length() + 1) / 3;
            if (got != bytes) {
                return "The " + algorithm + " DTLS fingerprint has " + got + " byte pairs, but a " + algorithm
                        + " digest has " + bytes
                        + ": the a=fingerprint line was cut or edited. Copy the description again.";
            }
        }
        return null;
    }

    /**
     * The hash algorithm that has two different fingerprints, or {@code null}. RFC 8122 allows one fingerprint
     * per algorithm (some stacks list sha-256, sha-384 and sha-512); two of the same algorithm that differ
     * cannot both be the certificate's.
     */
    private @Nullable String conflictingFingerprints() {
        java.util.Map<String, String> byAlgorithm = new java.util.HashMap<>();
        for (String f : fingerprints) {
            int space = f.indexOf(' ');
            String algorithm = space < 0 ? f : f.substring(0, space);
            String previous = byAlgorithm.putIfAbsent(algorithm, f);
            if (previous != null && !previous.equals(f)) {
                return algorithm;
            }
        }
        return null;
    }

    private static int parsePort(String s, int line) throws SdpException {
        try {
            int p = Integer.parseInt(s.contains("/") ? s.substring(0, s.indexOf('/')) : s);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new SdpException("Line " + (line + 1) + " has an invalid port \"" + abbreviate(s) + "\".");
        }
    }

    private static long parseLong(String s, int line) throws SdpException {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new SdpException("Line " + (line + 1) + " has an invalid number \"" + abbreviate(s) + "\".");
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
