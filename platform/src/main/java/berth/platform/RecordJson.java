package berth.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How modules write their core records to the store: JSON of the record as it is, timestamps as
 * ISO-8601 text, unknown members ignored on read (so a record written by a newer berth still loads).
 */
public final class RecordJson {
    /** The mapping every module uses unless its records need type hints of their own. */
    public static final RecordJson STANDARD = new RecordJson(standardMapper());

    private final ObjectMapper mapper;

    public RecordJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A fresh mapper with the standard settings, for a module to add its own mix-ins to. */
    public static ObjectMapper standardMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public byte[] write(Object record) {
        try {
            return mapper.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> T read(byte[] bytes, Class<T> type) {
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt " + type.getSimpleName() + " record", e);
        }
    }

    /** Records of {@code type} written with this mapping, for a {@link RecordTable}. */
    public <T> RecordCodec<T> codec(Class<T> type) {
        return new RecordCodec<>() {
            @Override
            public byte[] write(T value) {
                return RecordJson.this.write(value);
            }

            @Override
            public T read(byte[] bytes) {
                return RecordJson.this.read(bytes, type);
            }
        };
    }

    /**
     * Records read as JSON trees, for a {@link RecordTable} over a kind that is read without mapping
     * it to a class (counting by a few top-level fields of records written elsewhere).
     */
    public RecordCodec<JsonNode> treeCodec() {
        return new RecordCodec<>() {
            @Override
            public byte[] write(JsonNode value) {
                return RecordJson.this.write(value);
            }

            @Override
            public JsonNode read(byte[] bytes) {
                return tree(bytes);
            }
        };
    }

    /** A record read as a JSON tree, for kinds a module reads without mapping them to a class. */
    public JsonNode tree(byte[] bytes) {
        try {
            return mapper.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt record", e);
        }
    }
}
