package berth.agent.endpoints;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task endpoints' link-local address on the host's loopback interface: containers on the default
 * and user-defined bridges reach an address the host holds on {@code lo}, so it is added there
 * ({@code ip addr add ADDRESS/32 dev lo}) when no interface holds it yet.
 */
final class LinkLocalAddress {
    private static final Logger LOG = LoggerFactory.getLogger(LinkLocalAddress.class);

    private LinkLocalAddress() {}

    static void ensureOnLoopback(String address) throws IOException {
        if (held(address)) {
            return;
        }
        Process ip = new ProcessBuilder("ip", "addr", "add", address + "/32", "dev", "lo")
                .redirectErrorStream(true).start();
        try {
            if (!ip.waitFor(5, TimeUnit.SECONDS)) {
                ip.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String output = new String(ip.getInputStream().readAllBytes()).strip();
        if (!held(address)) {
            throw new IOException("could not add " + address + " to lo: " + output);
        }
        LOG.info("added {}/32 to lo for the task endpoints", address);
    }

    private static boolean held(String address) throws SocketException, java.net.UnknownHostException {
        return NetworkInterface.getByInetAddress(InetAddress.getByName(address)) != null;
    }
}
