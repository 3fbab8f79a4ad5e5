package berth.events.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The events AWS services put on an account's default bus, as EventBridge delivers them: S3's
 * {@code Object Created}, {@code Object Deleted}, {@code Object Tags Added} and
 * {@code Object Tags Deleted} (source {@code aws.s3}) and ECS's {@code ECS Task State Change} (source
 * {@code aws.ecs}). Ids are derived from what happened, so telling the same change twice makes the
 * same event.
 */
public final class ServiceEvents {
    private ServiceEvents() {}

    /** An S3 object change as this module receives it (the fields of S3's event record). */
    public record ObjectChange(String eventName, String bucket, String account, String region, String key, long size,
                               String etag, String versionId, String sequencer, Instant time, String requester,
                               String requestId, String sourceIp) {}

    /** The EventBridge event of an S3 change; empty for changes S3 sends no EventBridge event for. */
    public static Optional<ObjectNode> s3(ObjectChange c) {
        String detailType;
        String reason;
        String deletionType = "";
        switch (c.eventName()) {
            case "s3:ObjectCreated:Put" -> { detailType = "Object Created"; reason = "PutObject"; }
            case "s3:ObjectCreated:Post" -> { detailType = "Object Created"; reason = "POST Object"; }
            case "s3:ObjectCreated:Copy" -> { detailType = "Object Created"; reason = "CopyObject"; }
            case "s3:ObjectCreated:CompleteMultipartUpload" -> { detailType = "Object Created"; reason = "CompleteMultipartUpload"; }
            case "s3:ObjectRemoved:Delete" -> { detailType = "Object Deleted"; reason = "DeleteObject"; deletionType = "Permanently Deleted"; }
            case "s3:ObjectRemoved:DeleteMarkerCreated" -> { detailType = "Object Deleted"; reason = "DeleteObject"; deletionType = "Delete Marker Created"; }
            case "s3:LifecycleExpiration:Delete" -> { detailType = "Object Deleted"; reason = "Lifecycle Expiration"; deletionType = "Permanently Deleted"; }
            case "s3:LifecycleExpiration:DeleteMarkerCreated" -> { detailType = "Object Deleted"; reason = "Lifecycle Expiration"; deletionType = "Delete Marker Created"; }
            case "s3:ObjectTagging:Put" -> { detailType = "Object Tags Added"; reason = ""; }
            case "s3:ObjectTagging:Delete" -> { detailType = "Object Tags Deleted"; reason = ""; }
            default -> { return Optional.empty(); }
        }
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.put("version", "0");
        detail.putObject("bucket").put("name", c.bucket());
        ObjectNode object = detail.putObject("object");
        object.put("key", c.key());
        if (detailType.equals("Object Created")) object.put("size", c.size());
        if (!detailType.equals("Object Deleted") && !c.etag().isEmpty()) object.put("etag", c.etag());
        if (!c.versionId().isEmpty()) object.put("version-id", c.versionId());
        if (!detailType.startsWith("Object Tags")) object.put("sequencer", c.sequencer());
        detail.put("request-id", c.requestId());
        detail.put("requester", c.requester());
        if (!c.sourceIp().isEmpty()) detail.put("source-ip-address", c.sourceIp());
        if (!reason.isEmpty()) detail.put("reason", reason);
        if (!deletionType.isEmpty()) detail.put("deletion-type", deletionType);
        String id = id("s3|" + c.eventName() + "|" + c.bucket() + "|" + c.key() + "|" + c.versionId() + "|" + c.sequencer()
                + "|" + c.time().toEpochMilli());
        return Optional.of(EventEnvelope.of(id, detailType, "aws.s3", c.account(), c.time(), c.region(),
                List.of("arn:aws:s3:::" + c.bucket()), detail));
    }

    /**
     * The {@code ECS Task State Change} of a task as DescribeTasks answers it: its detail is the task,
     * its resources the task ARN, its time the task's last update.
     */
    public static ObjectNode ecsTask(String account, String region, String taskArn, JsonNode task, Instant time) {
        String id = id("ecs|" + taskArn + "|" + task.path("lastStatus").asText() + "|" + task.path("desiredStatus").asText()
                + "|" + task.path("version").asText());
        return EventEnvelope.of(id, "ECS Task State Change", "aws.ecs", account, time, region, List.of(taskArn), task.deepCopy());
    }

    private static String id(String what) {
        return UUID.nameUUIDFromBytes(what.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
