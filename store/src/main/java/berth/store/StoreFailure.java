package berth.store;

/**
 * The store could not do what was asked (IO failure, lost database connection). Nothing was written,
 * except when the failure struck while the commit itself was being made durable or acknowledged:
 * then the message says the outcome is unknown, and a re-read tells (the commit is whole or absent,
 * never partial).
 */
public final class StoreFailure extends RuntimeException {
    public StoreFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreFailure(String message) {
        super(message);
    }
}
