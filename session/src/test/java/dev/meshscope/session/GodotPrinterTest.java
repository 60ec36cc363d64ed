// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.GodotError;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcPeerConnection;
import dev.meshscope.core.WebRtcRuntime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** get_peers() printed as Godot 4 prints a Dictionary, from a real multiplayer peer. */
class GodotPrinterTest {
    private static final String OBJ = "<%s#-\\d+>";

    @Test
    void printsAnEmptyDictionaryAsGodotDoes() {
        assertThat(new GodotPrinter().print(Map.of())).isEqualTo("{  }");
    }

    @Tag("native")
    @Test
    void printsEveryPeerWithConnectionConnectedAndChannelsInGodotsOrder() {
        try (WebRtcRuntime rt = WebRtcRuntime.create()) {
            WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
            assertThat(p.createMesh(1, List.of(TransferMode.UNRELIABLE))).isEqualTo(GodotError.OK);
            assertThat(p.addPeer(new WebRtcPeerConnection(rt), 3)).isEqualTo(GodotError.OK);
            assertThat(p.addPeer(new WebRtcPeerConnection(rt), 2)).isEqualTo(GodotError.OK);
            GodotPrinter printer = new GodotPrinter();
            String out = printer.print(p.getPeers());
            String pc = String.format(OBJ, GodotPrinter.CONNECTION_CLASS);
            String dc = String.format(OBJ, GodotPrinter.CHANNEL_CLASS);
            String peer = "\\{ \"connection\": " + pc + ", \"connected\": false, \"channels\": \\[" + dc + ", " + dc
                    + ", " + dc + ", " + dc + "\\] \\}";
            assertThat(out).matches("\\{ 3: " + peer + ", 2: " + peer + " \\}");
            assertThat(printer.print(p.getPeers()))
                    .as("ids are stable per object")
                    .isEqualTo(out);
            assertThat(GodotPrinter.oneEntryPerLine(out))
                    .contains(" },\n  2: { \"connection\"")
                    .isEqualTo(out.replace("}, 2: {", "},\n  2: {"));
            p.close();
        }
    }
}
