package berth.platform;

import java.util.function.UnaryOperator;

/**
 * How a {@link RecordTable} turns its records into the bytes the store keeps, and back: JSON of the
 * record ({@link RecordJson#codec}), or that JSON sealed with a key ({@link #sealed}) for records
 * whose values are secret.
 */
public interface RecordCodec<T> {
    byte[] write(T value);

    T read(byte[] bytes);

    /** This codec's bytes passed through {@code seal} on the way to the store and {@code open} on the way back. */
    default RecordCodec<T> sealed(UnaryOperator<byte[]> seal, UnaryOperator<byte[]> open) {
        RecordCodec<T> plain = this;
        return new RecordCodec<>() {
            @Override
            public byte[] write(T value) {
                return seal.apply(plain.write(value));
            }

            @Override
            public T read(byte[] bytes) {
                return plain.read(open.apply(bytes));
            }
        };
    }
}
