package berth.elb.core;

/**
 * The sockets listeners are served on. A listener's port is claimed (bound) before the listener is
 * stored, so a port that is taken is refused while the request can still say so.
 */
public interface ListenerPorts {

    /**
     * Binds {@code port} for listener {@code listenerId}; keeps serving the listener's current port
     * until the claim is confirmed.
     *
     * @throws ElbException InvalidConfigurationRequest when the port cannot be bound
     */
    PortClaim claim(String listenerId, ListenerProtocol protocol, int port);

    /** A bound port waiting for its listener to be stored. */
    interface PortClaim {
        /** The listener is stored: serve it on the claimed port (and let go of its old one). */
        void confirm();

        /** The listener was not stored: unbind the claimed port. */
        void release();
    }
}
