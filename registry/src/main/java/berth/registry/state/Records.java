package berth.registry.state;

import berth.platform.RecordJson;

/** How registry records are written to the store: JSON of the record as it is. */
final class Records {
    private Records() {}

    static byte[] write(Object record) {
        return RecordJson.STANDARD.write(record);
    }

    static <T> T read(byte[] bytes, Class<T> type) {
        return RecordJson.STANDARD.read(bytes, type);
    }
}
