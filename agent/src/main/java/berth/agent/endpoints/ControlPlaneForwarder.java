package berth.agent.endpoints;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP forwarder from the task endpoints' address at the control plane's port to the control plane,
 * so {@code AWS_ENDPOINT_URL=http://169.254.170.2:PORT} reaches berth from any container even when
 * berth listens on 127.0.0.1 only. Bytes pass unchanged, so SigV4 signatures (which cover the Host the
 * client used) stay valid. When berth already listens on every address, the bind fails and berth
 * itself answers there.
 */
final class ControlPlaneForwarder {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneForwarder.class);

    private ControlPlaneForwarder() {}

    static ControlPlaneForwarder start(String address, int port, URI controlPlane) {
        InetSocketAddress target = new InetSocketAddress(controlPlane.getHost(),
                controlPlane.getPort() > 0 ? controlPlane.getPort() : 80);
        try {
            ServerSocket listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getByName(address), port), 128);
            Thread.ofPlatform().daemon().name("berth-endpoint-forward-" + port).start(() -> accept(listener, target));
            LOG.info("{}:{} forwards to the control plane at {}", address, port, controlPlane);
        } catch (BindException e) {
            LOG.info("{}:{} already bound (berth listens on it itself): {}", address, port, e.getMessage());
        } catch (IOException e) {
            LOG.warn("{}:{} does not forward to the control plane: {}", address, port, e.toString());
        }
        return new ControlPlaneForwarder();
    }

    private static void accept(ServerSocket listener, InetSocketAddress target) {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().start(() -> connect(client, target));
            } catch (IOException e) {
                LOG.debug("forwarder accept failed: {}", e.toString());
            }
        }
    }

    private static void connect(Socket client, InetSocketAddress target) {
        try (client; Socket upstream = new Socket()) {
            upstream.connect(target, 5_000);
            Thread back = Thread.ofVirtual().start(() -> pump(upstream, client));
            pump(client, upstream);
            back.join();
        } catch (IOException e) {
            LOG.debug("forwarded connection failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Copies {@code from} to {@code to} until end of stream, then half-closes {@code to}'s output. */
    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            LOG.debug("forwarded stream ended: {}", e.toString());
        }
    }
}
