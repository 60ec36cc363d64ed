// SPDX-License-Identifier: MIT
package dev.meshscope.core.testing;

import static org.awaitility.Awaitility.await;

import dev.meshscope.core.RtcConfiguration;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real TURN server for tests: Debian's coturn ({@code turnserver}), started on the test's private address (the
 * netns veth, 10.77.0.1 under {@code ./meshscope test}) with one long-term credential, relaying only between
 * addresses of that interface. {@link #close} stops it. Test thread only.
 */
public final class TurnServer implements AutoCloseable {
    /** Where Debian's coturn puts the server. */
    public static final String BINARY = "/usr/bin/turnserver";
    /** The test credential (never a real one: the server lives only inside the test's namespace). */
    public static final String USER = "meshscope";
    /** The test credential's password. */
    public static final String PASSWORD = "relay-test-secret";
    /** The realm the credential belongs to. */
    public static final String REALM = "meshscope.test";
    /** coturn needs a few hundred ms to open its sockets; 20 s is generous on a loaded 2-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path log;
    private final String address;
    private final int port;

    private TurnServer(Process process, Path log, String address, int port) {
        this.process = process;
        this.log = log;
        this.address = address;
        this.port = port;
    }

    /**
     * Starts coturn on the first non-loopback IPv4 address, or skips the test (with the reason on stderr) when
     * coturn is not installed ({@code ./meshscope test} installs it) or the machine has no such address.
     */
    public static TurnServer start() throws IOException {
        String why = null;
        if (!Files.isExecutable(Path.of(BINARY))) {
            why = BINARY + " does not exist";
        }
        Optional<String> addr = privateAddress();
        if (why == null && addr.isEmpty()) {
            why = "this machine has no non-loopback IPv4 address to relay on";
        }
        if (why != null) {
            String msg = "SKIPPED: the TURN tests need Debian's coturn: " + why
                    + ". Install it with 'apt-get install -y coturn' (./meshscope test does when it can).";
            System.err.println("\n*** " + msg + " ***\n");
            Assumptions.assumeTrue(false, msg);
        }
        String ip = addr.orElseThrow();
        int port = freeUdpPort(ip);
        Path dir = Files.createTempDirectory("meshscope-turn");
        Path log = dir.resolve("turnserver.log");
        List<String> cmd = List.of(
                BINARY,
                "-n", // no configuration file: everything is on this line
                "--no-cli",
                "--no-tls",
                "--no-dtls",
                "--listening-ip=" + ip,
                "--relay-ip=" + ip,
                "--listening-port=" + port,
                "--min-port=" + (port + 1),
                "--max-port=" + Math.min(port + 200, 65535),
                "--lt-cred-mech",
                "--user=" + USER + ":" + PASSWORD,
                "--realm=" + REALM,
                "--allowed-peer-ip=" + ip,
                "--pidfile=" + dir.resolve("turnserver.pid"),
                "--log-file=stdout",
                "--simple-log",
                "--verbose"); // logs each ALLOCATE, so a test can check the relay was really used
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        TurnServer server = new TurnServer(p, log, ip, port);
        try {
            await("coturn listening on " + ip + ":" + port)
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!p.isAlive()) {
                            throw new IllegalStateException("coturn exited: " + server.logText());
                        }
                        String text = server.logText();
                        return text.contains("Total General servers") || text.contains("IPv4. UDP listener opened");
                    });
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The ICE server entry for this TURN server over UDP with the given credentials. */
    public RtcConfiguration.IceServer iceServer(String user, String password) {
        return new RtcConfiguration.IceServer(List.of(url()), user, password);
    }

    /** The ICE server entry with the right credentials. */
    public RtcConfiguration.IceServer iceServer() {
        return iceServer(USER, PASSWORD);
    }

    /** {@code turn:ADDRESS:PORT?transport=udp}. */
    public String url() {
        return "turn:" + address + ":" + port + "?transport=udp";
    }

    /** The address coturn listens and relays on. */
    public String address() {
        return address;
    }

    /** What coturn has logged so far. */
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** A UDP port free on {@code ip} now, and a range above it that coturn uses for relays. */
    private static int freeUdpPort(String ip) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(ip, 0))) {
            int p = s.getLocalPort();
            return p > 65000 ? 40000 : p;
        }
    }

    /** The first non-loopback IPv4 address of an interface that is up (the netns veth under the test wrapper). */
    public static Optional<String> privateAddress() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                        return Optional.of(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
