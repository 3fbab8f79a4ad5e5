package berth.sqs.core;

import java.util.Arrays;

/**
 * One message attribute: its data type ({@code String}, {@code Number}, {@code Binary}, each with an
 * optional {@code .label}) and its value, text for strings and numbers, bytes for binary.
 */
public record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {
    public MessageAttribute {
        binaryValue = binaryValue.clone();
    }

    public boolean binary() {
        return dataType.startsWith("Binary");
    }

    /** The bytes the attribute counts toward a message's size: name excluded, type and value included. */
    public int size() {
        return Messages.utf8Length(dataType) + (binary() ? binaryValue.length : Messages.utf8Length(stringValue));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageAttribute a && a.dataType.equals(dataType) && a.stringValue.equals(stringValue)
                && Arrays.equals(a.binaryValue, binaryValue);
    }

    @Override
    public int hashCode() {
        return dataType.hashCode() * 31 + stringValue.hashCode() * 7 + Arrays.hashCode(binaryValue);
    }
}
