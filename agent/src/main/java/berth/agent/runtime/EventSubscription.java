package berth.agent.runtime;

/** A live subscription to container events; closing it stops delivery. */
public interface EventSubscription extends AutoCloseable {

    @Override
    void close();
}
