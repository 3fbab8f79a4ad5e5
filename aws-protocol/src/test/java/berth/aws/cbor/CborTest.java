package berth.aws.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** CBOR as RFC 8949's examples spell it, and round trips through the writer. */
class CborTest {
    private static JsonNode read(String hex) {
        return Cbor.read(HexFormat.of().parseHex(hex));
    }

    @Test
    void readsTheRfcExamples() {
        assertThat(read("1903e8").asLong()).isEqualTo(1000);
        assertThat(read("3863").asLong()).isEqualTo(-100);
        assertThat(read("f93e00").asDouble()).isEqualTo(1.5);
        assertThat(read("fb3ff199999999999a").asDouble()).isEqualTo(1.1);
        assertThat(read("6449455446").asText()).isEqualTo("IETF");
        assertThat(read("7f657374726561646d696e67ff").asText()).isEqualTo("streaming");
        assertThat(read("a26161016162820203").toString()).isEqualTo("{\"a\":1,\"b\":[2,3]}");
        assertThat(read("bf61610161629f0203ffff").toString()).isEqualTo("{\"a\":1,\"b\":[2,3]}");
        assertThat(read("c11a514b67b0").asLong()).as("tag 1 is its epoch seconds").isEqualTo(1363896240);
        assertThat(read("4401020304").asText()).as("byte strings as base64").isEqualTo("AQIDBA==");
        assertThat(read("f5").asBoolean()).isTrue();
        assertThat(read("f6").isNull()).isTrue();
    }

    @Test
    void writesWhatItReads() {
        byte[] bytes = new Cbor.Writer().mapHeader(3).text("n").integer(-5).text("t").timestamp(Instant.ofEpochSecond(10, 500_000_000))
                .text("l").arrayHeader(1).floating(2.5).toByteArray();
        JsonNode node = Cbor.read(bytes);
        assertThat(node.get("n").asLong()).isEqualTo(-5);
        assertThat(node.get("t").asDouble()).isEqualTo(10.5);
        assertThat(node.get("l").get(0).asDouble()).isEqualTo(2.5);
    }

    @Test
    void malformedInputIsRefused() {
        assertThatThrownBy(() -> read("a2616101")).isInstanceOf(Cbor.MalformedCbor.class);
        assertThatThrownBy(() -> read("1903e800")).isInstanceOf(Cbor.MalformedCbor.class);
        assertThatThrownBy(() -> read("5b7fffffffffffffff")).isInstanceOf(Cbor.MalformedCbor.class);
    }
}
