// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.create;

import dev.meshscope.core.RtcConfiguration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the ICE servers box: one server per line, {@code url[,url...] [username credential]}, blank lines and
 * lines starting with {@code #} ignored. Pure, any thread.
 */
public final class IceServersParser {
    private IceServersParser() {}

    /** The parsed servers, or throws {@link IllegalArgumentException} whose message names the line and the fix. */
    public static List<RtcConfiguration.IceServer> parse(String text) {
        List<RtcConfiguration.IceServer> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 1 && parts.length != 3) {
                throw new IllegalArgumentException("ICE servers line " + (i + 1) + ": write \"url\" or \"url username "
                        + "credential\" (several urls separated by commas), not " + parts.length + " words.");
            }
            List<String> urls = Arrays.asList(parts[0].split(","));
            RtcConfiguration.IceServer s = new RtcConfiguration.IceServer(
                    urls, parts.length == 3 ? parts[1] : "", parts.length == 3 ? parts[2] : "");
            String p = s.problem();
            if (p != null) {
                throw new IllegalArgumentException("ICE servers line " + (i + 1) + ": " + p);
            }
            out.add(s);
        }
        return out;
    }
}
