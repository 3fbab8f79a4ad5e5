package berth.store;

/** The store could not do what was asked (IO failure, lost database connection). Nothing was written. */
public final class StoreFailure extends RuntimeException {
    public StoreFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
