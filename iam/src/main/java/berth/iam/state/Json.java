package berth.iam.state;

import berth.platform.RecordJson;

/** How IAM and STS records are written to the store: JSON of the core record as it is. */
final class Json {
    private Json() {}

    static byte[] write(Object record) {
        return RecordJson.STANDARD.write(record);
    }

    static <T> T read(byte[] bytes, Class<T> type) {
        return RecordJson.STANDARD.read(bytes, type);
    }
}
