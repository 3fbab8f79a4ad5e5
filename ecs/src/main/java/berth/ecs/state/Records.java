package berth.ecs.state;

import berth.platform.RecordJson;

/** How ECS domain records are written to the store: JSON of the record as it is. */
final class Records {
    private Records() {}

    static byte[] write(Object record) {
        return RecordJson.STANDARD.write(record);
    }

    /** A record of a kind this module does not map to a class here (tasks, services), as a JSON tree. */
    static com.fasterxml.jackson.databind.JsonNode tree(byte[] bytes) {
        return RecordJson.STANDARD.tree(bytes);
    }

    static <T> T read(byte[] bytes, Class<T> type) {
        return RecordJson.STANDARD.read(bytes, type);
    }
}
