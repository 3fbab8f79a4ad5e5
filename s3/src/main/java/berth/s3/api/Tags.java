package berth.s3.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.w3c.dom.Element;

/** S3 tag sets: {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>…}, and the {@code x-amz-tagging} header. */
final class Tags {
    private Tags() {}

    static Map<String, String> parse(byte[] body, int max) {
        Element root = Xml.parse(body);
        Element set = Xml.child(root, "TagSet").orElseThrow(S3Errors::malformedXml);
        Map<String, String> tags = new LinkedHashMap<>();
        for (Element tag : Xml.children(set, "Tag")) {
            String key = Xml.text(tag, "Key").orElseThrow(S3Errors::malformedXml);
            String value = Xml.text(tag, "Value").orElse("");
            if (tags.put(key, value) != null) {
                throw S3Errors.INVALID_TAG.exception("Cannot provide multiple Tags with the same key", "TagKey", key);
            }
        }
        check(tags, max);
        return tags;
    }

    /** The tags of an {@code x-amz-tagging} header ({@code k1=v1&k2=v2}, URL-encoded). */
    static Map<String, String> fromHeader(String header) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (header.isEmpty()) return tags;
        for (Map.Entry<String, String> pair : berth.aws.wire.PercentEncoding.parsePairs(header, true)) {
            if (tags.put(pair.getKey(), pair.getValue()) != null) {
                throw S3Errors.INVALID_TAG.exception("Cannot provide multiple Tags with the same key", "TagKey", pair.getKey());
            }
        }
        check(tags, 10);
        return tags;
    }

    static void check(Map<String, String> tags, int max) {
        if (tags.size() > max) {
            throw S3Errors.INVALID_TAG.exception(max == 10 ? "Object tags cannot be greater than 10" : "The TagSet must not"
                    + " have more than " + max + " tags");
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey().isEmpty() || tag.getKey().length() > 128) {
                throw S3Errors.INVALID_TAG.exception("The TagKey you have provided is invalid", "TagKey", tag.getKey());
            }
            if (tag.getValue().length() > 256) {
                throw S3Errors.INVALID_TAG.exception("The TagValue you have provided is invalid", "TagKey", tag.getKey());
            }
            if (tag.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw S3Errors.INVALID_TAG.exception("System tags cannot be added/updated by requester", "TagKey", tag.getKey());
            }
        }
    }

    static byte[] document(Map<String, String> tags) {
        Xml xml = Xml.document("Tagging").open("TagSet");
        tags.forEach((key, value) -> xml.open("Tag").element("Key", key).element("Value", value).close("Tag"));
        return xml.close("TagSet").end("Tagging");
    }
}
