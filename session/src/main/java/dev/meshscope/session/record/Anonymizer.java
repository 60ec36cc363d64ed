// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces what identifies a network or a machine in a record's text, consistently (the same original gives the same
 * replacement everywhere in one export, so a candidate still matches its pair and an SDP still reads as one):
 * IPv4 and IPv6 addresses (in candidates, SDP, wire statistics, any text), ports next to an address (candidate
 * ports, {@code rport}, {@code address:port}), {@code ice-ufrag} and {@code ice-pwd} (and a candidate's
 * {@code ufrag}), DTLS fingerprints, mDNS host names, the recording machine's name and the hosts of ICE server URLs.
 * Pasteable blobs (base64 of compressed SDP) are replaced whole. Replacements keep each field's syntax (an address
 * stays an address of a documentation range, a fingerprint stays hex pairs of the same length), never equal an
 * original of the same export ({@link #reserve}), and leave unspecified and loopback addresses as they are.
 *
 * <p>Not thread-safe: one export at a time.
 */
final class Anonymizer {
    private static final String IPV4 =
            "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern BLOB = Pattern.compile("MSB\\d{1,3}:[A-Za-z0-9_\\-=]+");
    private static final Pattern FINGERPRINT =
            Pattern.compile("(fingerprint:\\S+ )((?:[0-9A-Fa-f]{2}:)+[0-9A-Fa-f]{2})");
    private static final Pattern UFRAG = Pattern.compile("(ice-ufrag:|\\bufrag )([^\\s\"\\\\]+)");
    private static final Pattern PWD = Pattern.compile("(ice-pwd:)([^\\s\"\\\\]+)");
    private static final Pattern JSON_UFRAG = Pattern.compile("(\"usernameFragment\"\\s*:\\s*\")([^\"]*)");
    /** A candidate's "address port typ" and "raddr address rport port". */
    private static final Pattern CANDIDATE_PORT = Pattern.compile("(\\S+)(\\s+)(\\d{1,5})(?=\\s+typ\\b)");

    private static final Pattern RPORT = Pattern.compile("(raddr\\s+)(\\S+)(\\s+rport\\s+)(\\d{1,5})");
    /** Wire statistics' "type protocol address:port" (the address may be IPv6, unbracketed). */
    private static final Pattern STATS_CANDIDATE =
            Pattern.compile("\\b(host|srflx|prflx|relay)( (?:udp|tcp) )([0-9A-Fa-f:.]+):(\\d{1,5})\\b");

    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.]+)\\]:(\\d{1,5})\\b");
    private static final Pattern V4_PORT = Pattern.compile("(?<![\\d.])(" + IPV4 + "):(\\d{1,5})\\b");
    private static final Pattern V4 = Pattern.compile("(?<![\\d.])" + IPV4 + "(?![\\d.])");
    private static final Pattern V6_CANDIDATE =
            Pattern.compile("(?<![0-9A-Za-z:.])[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(?![0-9A-Za-z:.])");
    private static final Pattern MDNS = Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}\\.local\\b");
    private static final Pattern ICE_URL_HOST = Pattern.compile("^(stuns?:|turns?:)(\\[[^\\]]+\\]|[^:?]+)");

    private final Map<String, String> addresses = new HashMap<>();
    private final Map<String, String> ports = new HashMap<>();
    private final Map<String, String> secrets = new HashMap<>();
    private final Map<String, String> hosts = new HashMap<>();
    /** The machine's name, matched as a whole name, and its replacement. */
    private final Map<Pattern, String> names = new java.util.LinkedHashMap<>();

    private final Set<String> originals = new HashSet<>();
    private final Set<String> reserved = new HashSet<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private int next;

    /** Makes sure no replacement equals one of {@code values} (the originals a first pass collected). */
    void reserve(Set<String> values) {
        reserved.addAll(values);
    }

    /** Every original this anonymizer replaced so far (for a second pass's {@link #reserve}). */
    Set<String> originals() {
        return originals;
    }

    /** How many distinct originals of each kind were replaced ("address", "port", "ufrag", ...). */
    Map<String, Integer> counts() {
        return Map.copyOf(counts);
    }

    /** Names {@code name} (the recording machine) as a host name to replace wherever it appears as a whole name. */
    void hostName(String name) {
        if (!name.isBlank() && !"unknown".equals(name) && !"localhost".equals(name) && !isAddress(name)) {
            names.put(Pattern.compile("(?<![A-Za-z0-9.-])" + Pattern.quote(name) + "(?![A-Za-z0-9-])"), host(name));
        }
    }

    /** Rewrites every string inside {@code node} (in place) and returns it. */
    JsonNode tree(JsonNode node) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual()) {
                    e.setValue(TextNode.valueOf(text(e.getValue().asText())));
                } else {
                    tree(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, TextNode.valueOf(text(a.get(i).asText())));
                } else {
                    tree(a.get(i));
                }
            }
        }
        return node;
    }

    /** The text with every identifying part replaced. */
    String text(String s) {
        Matcher url = ICE_URL_HOST.matcher(s);
        if (url.find()) {
            String h = url.group(2);
            String bare = h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
            String t = isAddress(bare) ? address(bare) : host(h);
            s = url.group(1) + (h.startsWith("[") && isAddress(bare) ? "[" + t + "]" : t) + s.substring(url.end());
        }
        s = replace(BLOB, s, m -> "MSB1:blob-removed-" + token("blob", m.group(), secrets, n -> "n" + n));
        for (Map.Entry<Pattern, String> h : names.entrySet()) {
            s = replace(h.getKey(), s, m -> h.getValue());
        }
        s = replace(FINGERPRINT, s, m -> m.group(1) + fingerprint(m.group(2)));
        s = replace(UFRAG, s, m -> m.group(1) + secret("ufrag", m.group(2), 4));
        s = replace(PWD, s, m -> m.group(1) + secret("pwd", m.group(2), 22));
        s = replace(JSON_UFRAG, s, m -> m.group(1) + secret("ufrag", m.group(2), 4));
        s = replace(RPORT, s, m -> m.group(1) + addressOrSame(m.group(2)) + m.group(3) + port(m.group(4)));
        s = replace(
                CANDIDATE_PORT,
                s,
                m -> isAddress(m.group(1)) || MDNS.matcher(m.group(1)).matches()
                        ? addressOrSame(m.group(1)) + m.group(2) + port(m.group(3))
                        : m.group());
        s = replace(
                STATS_CANDIDATE,
                s,
                m -> isAddress(m.group(3))
                        ? m.group(1) + m.group(2) + address(m.group(3)) + ":" + port(m.group(4))
                        : m.group());
        s = replace(
                BRACKETED,
                s,
                m -> isAddress(m.group(1)) ? "[" + address(m.group(1)) + "]:" + port(m.group(2)) : m.group());
        s = replace(V4_PORT, s, m -> address(m.group(1)) + ":" + port(m.group(2)));
        s = replace(
                MDNS,
                s,
                m -> token(
                        "host",
                        m.group(),
                        hosts,
                        n -> String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d.local", n)));
        s = replace(V4, s, m -> address(m.group()));
        s = replace(V6_CANDIDATE, s, m -> isV6(m.group()) ? address(m.group()) : m.group());
        return s;
    }

    private static String replace(Pattern p, String s, Function<Matcher, String> f) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        do {
            m.appendReplacement(b, Matcher.quoteReplacement(f.apply(m)));
        } while (m.find());
        m.appendTail(b);
        return b.toString();
    }

    private String addressOrSame(String a) {
        if (MDNS.matcher(a).matches()) {
            return token("host", a, hosts, n -> String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d.local", n));
        }
        return isAddress(a) ? address(a) : a;
    }

    private String address(String a) {
        if (kept(a) || isToken(a)) {
            return a;
        }
        boolean v6 = a.indexOf(':') >= 0;
        return token(
                "address",
                a,
                addresses,
                n -> v6
                        ? String.format(Locale.ROOT, "2001:db8:ffff::%x", n)
                        : "198.18." + (n / 250) + "." + (n % 250 + 1));
    }

    private boolean isToken(String a) {
        return addresses.containsValue(a);
    }

    private String port(String p) {
        if (ports.containsValue(p)) {
            return p; // Already replaced by an earlier, more specific pattern (tokens never equal an original).
        }
        return token("port", p, ports, n -> Integer.toString(20000 + n));
    }

    private String secret(String kind, String v, int minLength) {
        return token(kind, v, secrets, n -> {
            StringBuilder b = new StringBuilder(kind).append(n);
            while (b.length() < minLength) {
                b.append('x');
            }
            return b.toString();
        });
    }

    private String fingerprint(String hex) {
        return token("fingerprint", hex, secrets, n -> {
            int groups = (hex.length() + 1) / 3;
            StringBuilder b = new StringBuilder();
            String tail = String.format(Locale.ROOT, "%08X", n);
            for (int i = 0; i < groups; i++) {
                if (i > 0) {
                    b.append(':');
                }
                int k = i - (groups - 4);
                b.append(k >= 0 ? tail.substring(2 * k, 2 * k + 2) : "00");
            }
            return b.toString();
        });
    }

    private String host(String h) {
        return token("host", h, hosts, n -> "host-" + n + ".invalid");
    }

    /** The replacement of {@code original} in {@code map}, made with the next free number on first sight. */
    private String token(
            String kind, String original, Map<String, String> map, java.util.function.IntFunction<String> make) {
        String t = map.get(original);
        if (t != null) {
            return t;
        }
        originals.add(original);
        counts.merge(kind, 1, Integer::sum);
        do {
            t = make.apply(++next);
        } while (reserved.contains(t) || map.containsValue(t));
        map.put(original, t);
        return t;
    }

    private static boolean kept(String a) {
        return a.equals("0.0.0.0") || a.equals("127.0.0.1") || a.equals("::") || a.equals("::1");
    }

    private static boolean isAddress(String a) {
        return V4.matcher(a).matches() || isV6(a);
    }

    /** A strict IPv6 literal check (so times and fingerprints are left alone). */
    static boolean isV6(String s) {
        if (s.length() < 2 || s.indexOf(':') < 0) {
            return false;
        }
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return false;
        }
        String[] groups = s.split(":", -1);
        int nonEmpty = 0;
        for (String g : groups) {
            if (g.length() > 4) {
                return false;
            }
            if (!g.isEmpty()) {
                for (char c : g.toCharArray()) {
                    if (Character.digit(c, 16) < 0) {
                        return false;
                    }
                }
                nonEmpty++;
            }
        }
        return dc >= 0 ? nonEmpty <= 7 && (nonEmpty > 0 || s.equals("::")) : groups.length == 8;
    }
}
