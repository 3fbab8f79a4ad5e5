package berth.store;

/** A live watch; closing it stops delivery. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
