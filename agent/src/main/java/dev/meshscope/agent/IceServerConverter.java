// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.RtcConfiguration;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads one {@code --ice-server URL[,user,credential]}: a STUN url alone, or a TURN url with its username and
 * credential. A bad entry is refused with the reason {@link RtcConfiguration.IceServer#problem()} gives. Pure; picocli
 * calls it on the thread parsing the command line.
 */
final class IceServerConverter implements ITypeConverter<RtcConfiguration.IceServer> {
    @Override
    public RtcConfiguration.IceServer convert(String value) {
        String[] parts = value.strip().split(",", -1);
        if (parts.length != 1 && parts.length != 3) {
            throw new TypeConversionException("'" + value + "' is not URL or URL,user,credential (for example "
                    + "stun:stun.example.org:3478 or turn:turn.example.org:3478,alice,secret).");
        }
        RtcConfiguration.IceServer s = new RtcConfiguration.IceServer(
                List.of(parts[0].strip()),
                parts.length == 3 ? parts[1].strip() : "",
                parts.length == 3 ? parts[2].strip() : "");
        String problem = s.problem();
        if (problem != null) {
            throw new TypeConversionException("'" + value + "': " + problem);
        }
        return s;
    }
}
