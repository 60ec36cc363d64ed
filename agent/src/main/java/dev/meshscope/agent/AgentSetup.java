// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.RtcConfiguration;
import dev.meshscope.core.TransferMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The agent's options after validation. Immutable.
 *
 * @param mode        server, client or mesh (in a WebSocket lobby: mesh, or client for a client/server lobby)
 * @param id          this peer's id (1 for the server); 0 in a WebSocket lobby, which assigns it
 * @param channels    extra channel configuration
 * @param signalDir   the shared signaling folder, or {@code null} in manual and lobby mode
 * @param signalUrl   the WebSocket lobby server, or {@code null} in manual and folder mode
 * @param lobby       the lobby to join at {@code signalUrl}, or "" to create one
 * @param remoteId    manual mode: the peer to offer to, or to assume for pastes without ids; 0 for none
 * @param output      manual mode: how descriptions are printed
 * @param echo        answer every packet on its channel
 * @param events      where to write JSON-lines events, or {@code null}
 * @param pingEvery   how often to ping every channel of every peer, or {@link Duration#ZERO}
 * @param reportEvery how often to report probe figures
 * @param heartbeat   folder heartbeat period
 * @param staleAfter  folder staleness limit
 * @param readStdin   whether stdin is read (its end stops the agent)
 * @param exitAfter   run time limit, or {@link Duration#ZERO} for none
 * @param ice         the ICE servers of every connection (manual or folder)
 * @param gatherTimeout manual mode: longest ICE gathering before the exchange fails
 */
record AgentSetup(
        NetworkMode mode,
        int id,
        List<TransferMode> channels,
        Path signalDir,
        java.net.URI signalUrl,
        String lobby,
        int remoteId,
        AgentManual.Output output,
        boolean echo,
        Path events,
        Duration pingEvery,
        Duration reportEvery,
        Duration heartbeat,
        Duration staleAfter,
        boolean readStdin,
        Duration exitAfter,
        RtcConfiguration ice,
        Duration gatherTimeout) {

    /** True in manual (stdin/stdout) mode. */
    boolean manual() {
        return signalDir == null && signalUrl == null;
    }

    /** This setup with {@code config} as the ICE configuration of every connection. */
    AgentSetup withIce(RtcConfiguration config) {
        return new AgentSetup(
                mode,
                id,
                channels,
                signalDir,
                signalUrl,
                lobby,
                remoteId,
                output,
                echo,
                events,
                pingEvery,
                reportEvery,
                heartbeat,
                staleAfter,
                readStdin,
                exitAfter,
                config,
                gatherTimeout);
    }

    /** True when signaling through a WebSocket lobby server. */
    boolean webSocket() {
        return signalUrl != null;
    }
}
