// SPDX-License-Identifier: MIT
package dev.meshscope.core.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** SdpInfo and IceCandidate on descriptions as libwebrtc, browsers and pastes produce them. */
class SdpInfoTest {
    static final String OFFER = String.join(
            "\n",
            "v=0",
            "o=- 794770 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "m=application 37600 UDP/DTLS/SCTP webrtc-datachannel",
            "c=IN IP4 10.77.0.1",
            "a=candidate:201689181 1 udp 2122260223 10.77.0.1 37600 typ host generation 0",
            "a=ice-ufrag:PZQR",
            "a=ice-pwd:wNcIXwVS0cgftG3XS47bupq4",
            "a=fingerprint:sha-256 0F:46:2D:D5:8F:9B:F5:FD:25:EB:E1:A7:71:F2:6C:C5:E4:3E:BC:E6:46:54:02:12:71:10:06:D6:60:20:49:CA",
            "a=setup:actpass",
            "a=mid:0",
            "a=sctp-port:5000",
            "a=max-message-size:262144");

    @Test
    void readsWhatMattersFromAnOffer() throws SdpException {
        SdpInfo i = SdpInfo.parse(OFFER);
        assertThat(i.sdp())
                .startsWith("v=0\r\n")
                .endsWith("a=max-message-size:262144\r\n")
                .doesNotContain("\n\n");
        assertThat(i.dataSection()).isEqualTo(new SdpInfo.DataSection(37600, "UDP/DTLS/SCTP", "0"));
        assertThat(i.fingerprint())
                .isEqualTo(
                        "sha-256 0F:46:2D:D5:8F:9B:F5:FD:25:EB:E1:A7:71:F2:6C:C5:E4:3E:BC:E6:46:54:02:12:71:10:06:D6:60:20:49:CA");
        assertThat(i.candidates()).singleElement().asString().startsWith("candidate:201689181 1 udp");
        assertThat(i.iceUfrag()).isEqualTo("PZQR");
        assertThat(i.maxMessageSize()).isEqualTo(262144);
        assertThat(i.problemAs("offer")).isNull();
        assertThat(i.problemAs("answer")).contains("This is an offer");
    }

    @Test
    void aDescriptionWithoutMaxMessageSizeGetsTheRfcDefault() throws SdpException {
        SdpInfo i = SdpInfo.parse(OFFER.replace("a=max-message-size:262144", ""));
        assertThat(i.maxMessageSize()).isEqualTo(-1);
        assertThat(i.effectiveMaxMessageSize()).isEqualTo(65536);
    }

    @Test
    void refusesWhatIsNotADescriptionWithAReason() {
        assertThatThrownBy(() -> SdpInfo.parse("   ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SdpInfo.parse("{\"type\":\"offer\"}")).hasMessageContaining("must start with \"v=0\"");
        assertThatThrownBy(() -> SdpInfo.parse("v=0\nthis is prose")).hasMessageContaining("Line 2 is not an SDP line");
        assertThatThrownBy(() -> SdpInfo.parse("v=0\ns=-")).hasMessageContaining("no \"o=\" line");
        assertThatThrownBy(() -> SdpInfo.parse("v=0\n" + "a=x\n".repeat(20000)))
                .hasMessageContaining("characters long");
        assertThatThrownBy(() -> SdpInfo.parse(OFFER.replace("37600 UDP", "99999 UDP")))
                .hasMessageContaining("invalid port");
    }

    @Test
    void namesEachProblemOfAnAnswer() throws SdpException {
        String answer = OFFER.replace("a=setup:actpass", "a=setup:active");
        assertThat(SdpInfo.parse(answer).problemAs("answer")).isNull();
        assertThat(SdpInfo.parse(answer).problemAs("offer")).contains("This is an answer");
        assertThat(SdpInfo.parse(answer.replace("a=ice-pwd:wNcIXwVS0cgftG3XS47bupq4", ""))
                        .problemAs("answer"))
                .contains("no ICE credentials");
        assertThat(SdpInfo.parse(answer.replace("UDP/DTLS/SCTP", "RTP/AVP")).problemAs("answer"))
                .contains("not SCTP");
        assertThat(SdpInfo.parse(answer).problemAs("pranswer")).contains("must be \"offer\" or \"answer\"");
    }

    @Test
    void oneFingerprintPerHashAlgorithmIsFineButTwoOfTheSameAreNot() throws SdpException {
        String sha512 = "a=fingerprint:sha-512 " + "AB:".repeat(63) + "AB";
        assertThat(SdpInfo.parse(OFFER.replace("a=setup:actpass", sha512 + "\na=setup:actpass"))
                        .problemAs("offer"))
                .isNull();
        String otherSha256 = "a=fingerprint:sha-256 " + "00:".repeat(31) + "00";
        assertThat(SdpInfo.parse(OFFER.replace("a=setup:actpass", otherSha256 + "\na=setup:actpass"))
                        .problemAs("offer"))
                .contains("two different sha-256 DTLS fingerprints");
    }

    @Test
    void aFingerprintWithAnUnknownHashOrDamagedDigestIsRefusedWithTheReason() throws SdpException {
        String good =
                "a=fingerprint:sha-256 0F:46:2D:D5:8F:9B:F5:FD:25:EB:E1:A7:71:F2:6C:C5:E4:3E:BC:E6:46:54:02:12:71:10:06:D6:60:20:49:CA";
        assertThat(SdpInfo.parse(OFFER).problemAs("offer"))
                .as("negative twin: the real one")
                .isNull();
        assertThat(SdpInfo.parse(OFFER.replace(good, good.replace("sha-256", "sha-999")))
                        .problemAs("offer"))
                .contains("names the hash \"sha-999\"")
                .contains("Copy the description again");
        assertThat(SdpInfo.parse(OFFER.replace(good, good.replace("0F:46", "0G:46")))
                        .problemAs("offer"))
                .contains("not hex pairs");
        assertThat(SdpInfo.parse(OFFER.replace(good, good.replace("0F:46:", "0F46:")))
                        .problemAs("offer"))
                .contains("not hex pairs");
        assertThat(SdpInfo.parse(OFFER.replace(good, good.substring(0, good.length() - 3)))
                        .problemAs("offer"))
                .contains("has 31 byte pairs, but a sha-256 digest has 32");
    }

    @Test
    void candidatesAreCheckedFieldByField() throws SdpException {
        IceCandidate c = IceCandidate.parse("a=candidate:1 1 UDP 2122260223 10.77.0.1 37600 typ host generation 0");
        assertThat(c.brief()).isEqualTo("host udp 10.77.0.1:37600");
        assertThat(IceCandidate.parse("candidate:2 1 tcp 1518280447 10.77.0.1 9 typ host tcptype active")
                        .transport())
                .isEqualTo("tcp");
        assertThatThrownBy(() -> IceCandidate.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> IceCandidate.parse("1 1 udp 1 10.0.0.1 9 typ host"))
                .hasMessageContaining("must start");
        assertThatThrownBy(() -> IceCandidate.parse("candidate:1 1 udp 1 10.0.0.1 9 host"))
                .hasMessageContaining("incomplete");
        assertThatThrownBy(() -> IceCandidate.parse("candidate:1 x udp 1 10.0.0.1 9 typ host"))
                .hasMessageContaining("number");
        assertThatThrownBy(() -> IceCandidate.parse("candidate:1 1 udp 1 10.0.0.1 70000 typ host"))
                .hasMessageContaining("number");
        assertThatThrownBy(() -> IceCandidate.parse("candidate:1 1 quic 1 10.0.0.1 9 typ host"))
                .hasMessageContaining("transport");
        assertThatThrownBy(() -> IceCandidate.parse("candidate:1 1 udp 1 10.0.0.1 9 typ bogus"))
                .hasMessageContaining("type");
    }
}
