// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshscope.core.impair.ImpairDirection;
import dev.meshscope.godot.DecodeOptions;
import dev.meshscope.godot.Decoded;
import dev.meshscope.godot.packet.Packet;
import dev.meshscope.godot.packet.PacketReader;
import dev.meshscope.godot.packet.PacketWriter;
import dev.meshscope.godot.variant.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The options for Godot traffic and for the links ({@link GodotOptions}, {@link LinkOptions}): every mistake is
 * refused at startup with exit code 2 and a message pointing at the bad part; good values parse into what Godot would
 * send (checked against scene-multiplayer-packets.md's worked example) and into the impairment asked for.
 */
class GodotLinkOptionsTest {
    /** scene-multiplayer-packets.md §3.3: MD5 of "jumpmoveshoot". */
    private static final String JUMP_MOVE_SHOOT_MD5 = "8e5a45f0c93e9329dcdeab25276f3ab7";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--godot-version 4.3 | --godot-version is for --decode",
                "--decode --godot-version 5.0 | unknown Godot version '5.0'",
                "--send-rpc Main/Player | no ':' after the node path",
                "--send-rpc /other/Player:1 | is not under /root",
                "--send-rpc :1 | no node path before the first ':'",
                "--send-rpc Main//Player:1 | has an empty or invalid node name",
                "--send-rpc Main/Player:jump | the method 'jump' is neither an id",
                "--send-rpc Main/Player:70000 | is neither an id 0..65535",
                "--send-rpc Main/Player:move[jump,shoot] | the method 'move' is not in its node's list",
                "--send-rpc Main/Player:move[jump,move | opens '[' but does not end with ']'",
                "--send-rpc Main/Player:1:Vector2(1.5,) | at character 13 of the arguments (')'): expected a number",
                "--send-rpc Main/Player:1:\"open | expected a closing '\"'",
                "--send-rpc Main/Player:1:Vector2i(1.5,2) | expected a 32-bit integer in Vector2i",
                "--send-rpc Main/Player:1:Vector3(1,2) | Vector3 takes 3 numbers, not 2",
                "--send-rpc Main/Player:1:Foo(1) | expected a known constructor",
                "--send-rpc Main/Player:1:3;4 | at character 2 of the arguments (';4'): expected ','",
                "--send-rpc Main/Player:1:yes | expected true, false, null or a constructor",
                "--send-rpc Main/Player:1:[1,2 | expected ']' to close the array",
                "--send-rpc Main/Player:1:{1:2,3} | expected ':' between a dictionary key and its value",
                "--send-rpc Main/Player:1:\"a\\q\" | expected an escape",
                "--send-rpc Main/Player:1:PackedByteArray(1,256) | expected a byte (0..255)",
                "--rpc-channel ordered | --rpc-channel and --rpc-interval are for --send-rpc",
                "--send-rpc Main/Player:1 --rpc-channel 9 | '9' is not a channel of this peer",
                "--send-rpc Main/Player:1 --rpc-interval -5 | --rpc-interval must be 0",
                "--target 3 | --target is for --send N and --send-rpc",
                "--relay | --relay and --no-relay are for the server of a client/server mesh",
                "--no-relay | a mesh peer never relays",
                "--impair 2:out | write PEER[:CHANNEL]:in|out:SETTINGS",
                "--impair x:out:delay=40 | the peer 'x' is neither a peer id",
                "--impair 0:out:delay=40 | the peer '0' is neither a peer id",
                "--impair 2:sideways:delay=40 | the direction 'sideways' is neither 'in'",
                "--impair 2:7:out:delay=40 | the channel '7' is not a channel of this peer",
                "--impair 2:out:delay=forty | the setting 'delay=forty' needs a number",
                "--impair 2:out:wobble=3 | unknown setting 'wobble=3'",
                "--impair 2:out:loss=150 | the loss must be a percentage from 0 to 100",
                "--impair 2:out:delay=70000 | the delay must be 0 to 60000 ms",
                "--impair 2:out:rate=10 | the bandwidth cap must be 0 (no cap) or at least 1000",
                "--impair 2:out: | no settings after in|out",
                "--impair 2:out:delay=1 --impair 2:out:loss=5 | put every setting in one --impair",
                "--late-threshold 0 | --late-threshold must be more than 0 ms",
                "--relay-only | --relay-only needs a TURN server",
                "--relay-only --ice-server stun:10.0.0.1:3478 | --relay-only needs a TURN server",
            })
    void badOptionsAreRefusedWithAReasonPointingAtTheBadPart(String args, String message) {
        String[] extra = args.strip().split(" +");
        String[] all = new String[extra.length + 5];
        System.arraycopy(new String[] {"--mode", "mesh", "--id", "2", "--manual"}, 0, all, 0, 5);
        System.arraycopy(extra, 0, all, 5, extra.length);
        String err = AgentCommandTest.run(2, all);
        assertThat(err).contains(message.strip());
        String[] lines = err.strip().split("\n");
        assertThat(lines[lines.length - 1])
                .as("the reason is the last line printed")
                .contains(message.strip());
    }

    @Test
    void aClientOutsideALobbyCannotRelayButALobbyClientMayBecomeTheServer() {
        assertThat(AgentCommandTest.run(2, "--mode", "client", "--id", "2", "--manual", "--relay"))
                .contains("a client peer never relays");
        // A lobby client is refused for another reason (nothing listens), after --no-relay passed validation.
        assertThat(AgentCommandTest.run(
                        2, "--signal-url", "ws://127.0.0.1:9", "--mode", "client", "--no-relay", "--impair", "1:out:x"))
                .contains("--impair '1:out:x': unknown setting 'x'")
                .doesNotContain("--relay and --no-relay");
    }

    @Test
    void anRpcParsesIntoThePacketsGodotWouldSend() {
        RpcCall c = RpcCall.parse("/root/Main/Player3:move[shoot,jump,move]:Vector2(1.5,-2), 3,\"hi \\\"you\\\"\",true,"
                + "1e3,&\"name\",^\"Main/Player3:position\",[1,null],{\"k\":Color(1,0,0)},PackedByteArray(0,255)");
        assertThat(c.path()).isEqualTo("Main/Player3");
        assertThat(c.methodId()).as("sorted jump, move, shoot: move is 1").isEqualTo(1);
        assertThat(c.rpcChecksum()).isEqualTo(JUMP_MOVE_SHOOT_MD5);
        assertThat(c.args())
                .containsExactly(
                        new Variant.Vector2(1.5, -2, false),
                        new Variant.Int(3),
                        new Variant.Str("hi \"you\""),
                        Variant.Bool.TRUE,
                        new Variant.Float(1000),
                        new Variant.StringName("name"),
                        Variant.NodePath.parse("Main/Player3:position"),
                        Variant.Array.untyped(List.of(new Variant.Int(1), Variant.Nil.INSTANCE)),
                        Variant.Dictionary.untyped(
                                List.of(new Variant.Entry(new Variant.Str("k"), new Variant.Color(1, 0, 0, 1)))),
                        new Variant.PackedByteArray(new byte[] {0, (byte) 255}));

        byte[] rpc = PacketWriter.encode(Packet.Rpc.of(new Packet.ByPath(c.path()), c.methodId(), c.args()));
        Decoded<Packet> d = new PacketReader(DecodeOptions.DEFAULTS).decode(rpc);
        assertThat(d.isOk()).as(String.valueOf(d)).isTrue();
        Packet.Rpc back = (Packet.Rpc) d.value();
        assertThat(back.target()).isEqualTo(new Packet.ByPath("Main/Player3"));
        assertThat(back.args()).isEqualTo(c.args());

        RpcCall bare = RpcCall.parse("Main/Player3:32769");
        assertThat(bare.methodId()).isEqualTo(0x8001);
        assertThat(bare.args()).isEmpty();
        assertThat(bare.rpcChecksum()).as("MD5 of no names").isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void anImpairmentParsesWithEverySetting() {
        ImpairSpec s = ImpairSpec.parse("7:reliable:out:delay=40,jitter=5,loss=10%,rate=64000,paused", 3);
        assertThat(s.peerId()).isEqualTo(7);
        assertThat(s.channel()).isZero();
        assertThat(s.direction()).isEqualTo(ImpairDirection.OUTBOUND);
        assertThat(s.impairment().delayMs()).isEqualTo(40);
        assertThat(s.impairment().jitterMs()).isEqualTo(5);
        assertThat(s.impairment().lossPercent()).isEqualTo(10.0);
        assertThat(s.impairment().bandwidthBytesPerSecond()).isEqualTo(64000);
        assertThat(s.impairment().paused()).isTrue();
        ImpairSpec all = ImpairSpec.parse("all:in:loss=2.5", 4);
        assertThat(all.appliesTo(2)).isTrue();
        assertThat(all.appliesTo(99)).isTrue();
        assertThat(all.channel()).isEqualTo(-1);
        assertThat(all.direction()).isEqualTo(ImpairDirection.INBOUND);
        assertThat(ImpairSpec.parse("3:3:in:delay=5", 4).channel())
                .as("an extra channel")
                .isEqualTo(3);
        assertThatThrownBy(() -> ImpairSpec.parse("3:3:in:delay=5", 3))
                .hasMessageContaining("the channel '3' is not a channel of this peer");
    }
}
