package berth.s3.events;

import berth.s3.core.EventNames;
import berth.s3.core.EventNotice;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The S3 event message of a notice, as S3 sends it to queues: {@code {"Records":[{"eventVersion":"2.1",
 * "eventSource":"aws:s3",…,"s3":{…,"object":{"key":…}}}]}}, the key form-URL-encoded as S3 encodes it.
 */
public final class EventRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private EventRecords() {}

    /** One record of the event for a configuration ({@code configurationId} empty for EventBridge's copy). */
    public static ObjectNode record(EventNotice notice, String configurationId) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", notice.region())
                .put("eventTime", TIME.format(notice.time().truncatedTo(ChronoUnit.MILLIS)))
                .put("eventName", EventNames.recordName(notice.eventName()));
        record.putObject("userIdentity").put("principalId", notice.principalId());
        record.putObject("requestParameters").put("sourceIPAddress", notice.sourceIp());
        record.putObject("responseElements").put("x-amz-request-id", notice.requestId()).put("x-amz-id-2", notice.requestId());
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0").put("configurationId", configurationId);
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", notice.bucket());
        bucket.putObject("ownerIdentity").put("principalId", notice.bucketOwner());
        bucket.put("arn", "arn:aws:s3:::" + notice.bucket());
        ObjectNode object = s3.putObject("object");
        object.put("key", URLEncoder.encode(notice.key(), StandardCharsets.UTF_8));
        if (notice.eventName().startsWith("s3:ObjectCreated") || notice.eventName().startsWith("s3:ObjectTagging")) {
            object.put("size", notice.size()).put("eTag", notice.etag());
        }
        if (!notice.versionId().isEmpty()) object.put("versionId", notice.versionId());
        object.put("sequencer", notice.sequencer());
        return record;
    }

    /** The message body a queue receives: one record in {@code Records}. */
    public static String message(EventNotice notice, String configurationId) {
        ObjectNode message = JSON.createObjectNode();
        message.putArray("Records").add(record(notice, configurationId));
        return message.toString();
    }
}
