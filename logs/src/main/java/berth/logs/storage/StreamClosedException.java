package berth.logs.storage;

/** The stream was deleted (or storage reset) while a call was using it. */
public final class StreamClosedException extends RuntimeException {
    public StreamClosedException(String storageId) {
        super("log stream storage " + storageId + " is closed", null, false, false);
    }
}
