package berth.aws.cbor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The subset of CBOR (RFC 8949) that Smithy RPC v2 uses: unsigned and negative integers, byte and
 * text strings (definite and indefinite), arrays, maps, tag 1 (epoch timestamps), floats, booleans,
 * null and undefined. Reading yields a Jackson tree, so the JSON shape reader fills SDK builders from
 * it: byte strings become base64 text and a tag-1 timestamp its epoch seconds.
 */
public final class Cbor {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int BREAK = 0xff;
    private static final int MAX_DEPTH = 64;

    private Cbor() {}

    /** Thrown for input that is not well-formed CBOR. */
    public static final class MalformedCbor extends RuntimeException {
        MalformedCbor(String message) {
            super(message);
        }
    }

    /** Reads one data item filling the whole input. */
    public static JsonNode read(byte[] bytes) {
        Reader reader = new Reader(bytes);
        JsonNode node = reader.item(0);
        if (reader.pos != bytes.length) {
            throw new MalformedCbor("trailing bytes after the CBOR data item");
        }
        return node;
    }

    private static final class Reader {
        private final byte[] in;
        private int pos;

        Reader(byte[] in) {
            this.in = in;
        }

        private int next() {
            if (pos >= in.length) {
                throw new MalformedCbor("CBOR input ends inside a data item");
            }
            return in[pos++] & 0xff;
        }

        private long argument(int info) {
            if (info < 24) {
                return info;
            }
            int size = switch (info) {
                case 24 -> 1;
                case 25 -> 2;
                case 26 -> 4;
                case 27 -> 8;
                default -> throw new MalformedCbor("invalid CBOR additional information " + info);
            };
            long value = 0;
            for (int i = 0; i < size; i++) {
                value = (value << 8) | next();
            }
            return value;
        }

        private int length(int info) {
            long n = argument(info);
            if (n < 0 || n > in.length - pos) {
                throw new MalformedCbor("CBOR length exceeds the input");
            }
            return (int) n;
        }

        JsonNode item(int depth) {
            if (depth > MAX_DEPTH) {
                throw new MalformedCbor("CBOR nesting is too deep");
            }
            int initial = next();
            int major = initial >>> 5;
            int info = initial & 0x1f;
            return switch (major) {
                case 0 -> unsigned(argument(info));
                case 1 -> {
                    long n = argument(info);
                    yield n >= 0 ? NODES.numberNode(-1 - n)
                            : NODES.numberNode(BigInteger.ONE.negate().subtract(unsignedBig(n)));
                }
                case 2 -> NODES.textNode(Base64.getEncoder().encodeToString(bytes(info, 2)));
                case 3 -> NODES.textNode(new String(bytes(info, 3), StandardCharsets.UTF_8));
                case 4 -> array(info, depth);
                case 5 -> map(info, depth);
                case 6 -> {
                    argument(info);
                    yield item(depth + 1);
                }
                default -> simple(info);
            };
        }

        private JsonNode unsigned(long n) {
            return n >= 0 ? NODES.numberNode(n) : NODES.numberNode(unsignedBig(n));
        }

        private static BigInteger unsignedBig(long n) {
            return new BigInteger(Long.toUnsignedString(n));
        }

        private byte[] bytes(int info, int major) {
            if (info != 31) {
                int n = length(info);
                byte[] out = java.util.Arrays.copyOfRange(in, pos, pos + n);
                pos += n;
                return out;
            }
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            while (peek() != BREAK) {
                int initial = next();
                if (initial >>> 5 != major || (initial & 0x1f) == 31) {
                    throw new MalformedCbor("invalid chunk in an indefinite-length CBOR string");
                }
                int n = length(initial & 0x1f);
                chunks.write(in, pos, n);
                pos += n;
            }
            pos++;
            return chunks.toByteArray();
        }

        private int peek() {
            if (pos >= in.length) {
                throw new MalformedCbor("CBOR input ends inside a data item");
            }
            return in[pos] & 0xff;
        }

        private JsonNode array(int info, int depth) {
            ArrayNode array = NODES.arrayNode();
            if (info == 31) {
                while (peek() != BREAK) {
                    array.add(item(depth + 1));
                }
                pos++;
            } else {
                long n = argument(info);
                for (long i = 0; i < n; i++) {
                    array.add(item(depth + 1));
                }
            }
            return array;
        }

        private JsonNode map(int info, int depth) {
            ObjectNode object = NODES.objectNode();
            if (info == 31) {
                while (peek() != BREAK) {
                    entry(object, depth);
                }
                pos++;
            } else {
                long n = argument(info);
                for (long i = 0; i < n; i++) {
                    entry(object, depth);
                }
            }
            return object;
        }

        private void entry(ObjectNode object, int depth) {
            JsonNode key = item(depth + 1);
            if (!key.isTextual()) {
                throw new MalformedCbor("CBOR map key is not a string");
            }
            object.set(key.textValue(), item(depth + 1));
        }

        private JsonNode simple(int info) {
            return switch (info) {
                case 20 -> NODES.booleanNode(false);
                case 21 -> NODES.booleanNode(true);
                case 22, 23 -> NODES.nullNode();
                case 25 -> floating(Float.float16ToFloat((short) argument(info)));
                case 26 -> floating(Float.intBitsToFloat((int) argument(info)));
                case 27 -> floating(Double.longBitsToDouble(argument(info)));
                default -> throw new MalformedCbor("unsupported CBOR simple value " + info);
            };
        }

        private static JsonNode floating(double value) {
            if (Double.isNaN(value)) {
                return NODES.textNode("NaN");
            }
            if (Double.isInfinite(value)) {
                return NODES.textNode(value > 0 ? "Infinity" : "-Infinity");
            }
            return NODES.numberNode(value);
        }
    }

    /** Writes CBOR data items, always with definite lengths. */
    public static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        private void head(int major, long value) {
            int m = major << 5;
            if (value < 24) {
                out.write(m | (int) value);
            } else if (value < 0x100) {
                out.write(m | 24);
                out.write((int) value);
            } else if (value < 0x10000) {
                out.write(m | 25);
                writeBytes(value, 2);
            } else if (value < 0x100000000L) {
                out.write(m | 26);
                writeBytes(value, 4);
            } else {
                out.write(m | 27);
                writeBytes(value, 8);
            }
        }

        private void writeBytes(long value, int size) {
            for (int i = size - 1; i >= 0; i--) {
                out.write((int) (value >>> (8 * i)) & 0xff);
            }
        }

        public Writer integer(long value) {
            if (value >= 0) {
                head(0, value);
            } else {
                head(1, -1 - value);
            }
            return this;
        }

        public Writer floating(double value) {
            out.write(0xfb);
            writeBytes(Double.doubleToLongBits(value), 8);
            return this;
        }

        public Writer text(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            head(3, bytes.length);
            out.writeBytes(bytes);
            return this;
        }

        public Writer bytes(byte[] value) {
            head(2, value.length);
            out.writeBytes(value);
            return this;
        }

        public Writer bool(boolean value) {
            out.write(value ? 0xf5 : 0xf4);
            return this;
        }

        public Writer nullValue() {
            out.write(0xf6);
            return this;
        }

        public Writer arrayHeader(int size) {
            head(4, size);
            return this;
        }

        public Writer mapHeader(int size) {
            head(5, size);
            return this;
        }

        /** Tag 1 followed by the epoch seconds, as Smithy RPC v2 writes timestamps. */
        public Writer timestamp(java.time.Instant value) {
            head(6, 1);
            if (value.getNano() == 0) {
                return integer(value.getEpochSecond());
            }
            return floating(value.getEpochSecond() + value.getNano() / 1e9);
        }

        public byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
