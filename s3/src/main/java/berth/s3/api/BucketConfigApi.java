package berth.s3.api;

import berth.s3.BucketEvents;
import berth.s3.core.Bucket;
import berth.s3.core.CorsRule;
import berth.s3.core.EventNames;
import berth.s3.core.Notifications;
import berth.sqs.QueueMessages;
import com.linecorp.armeria.common.HttpResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.w3c.dom.Element;

/**
 * A bucket's lifecycle, CORS and notification configurations. Notification queues are checked as S3
 * checks them, by asking SQS whether the queue exists and its policy lets {@code s3.amazonaws.com}
 * send from this bucket, and each gets S3's test event.
 */
final class BucketConfigApi {
    static final String S3_PRINCIPAL = "s3.amazonaws.com";
    private static final Set<String> CORS_METHODS = Set.of("GET", "PUT", "HEAD", "POST", "DELETE");

    private final BucketApi buckets;
    private final Supplier<Optional<QueueMessages>> queues;
    private final Supplier<Optional<BucketEvents>> events;
    private final Clock clock;

    BucketConfigApi(BucketApi buckets, Supplier<Optional<QueueMessages>> queues, Supplier<Optional<BucketEvents>> events,
                    Clock clock) {
        this.buckets = buckets;
        this.queues = queues;
        this.events = events;
        this.clock = clock;
    }

    HttpResponse getLifecycle(S3Call call) {
        Bucket bucket = buckets.authorized(call, "s3:GetLifecycleConfiguration").value();
        if (bucket.lifecycle().isEmpty()) {
            throw S3Errors.NO_SUCH_LIFECYCLE_CONFIGURATION.exception("The lifecycle configuration does not exist",
                    "BucketName", bucket.name());
        }
        return S3Responses.xml(call, LifecycleXml.document(bucket.lifecycle()));
    }

    HttpResponse putLifecycle(S3Call call) throws IOException {
        buckets.authorized(call, "s3:PutLifecycleConfiguration");
        var rules = LifecycleXml.parse(SmallBody.read(call));
        buckets.update(call, b -> b.withLifecycle(rules));
        return S3Responses.ok(call);
    }

    HttpResponse deleteLifecycle(S3Call call) {
        buckets.authorized(call, "s3:PutLifecycleConfiguration");
        buckets.update(call, b -> b.withLifecycle(List.of()));
        return S3Responses.noContent(call);
    }

    HttpResponse getCors(S3Call call) {
        Bucket bucket = buckets.authorized(call, "s3:GetBucketCORS").value();
        if (bucket.cors().isEmpty()) {
            throw S3Errors.NO_SUCH_CORS_CONFIGURATION.exception("The CORS configuration does not exist", "BucketName",
                    bucket.name());
        }
        Xml xml = Xml.document("CORSConfiguration");
        for (CorsRule rule : bucket.cors()) {
            xml.open("CORSRule").elementIfPresent("ID", rule.id());
            rule.allowedHeaders().forEach(h -> xml.element("AllowedHeader", h));
            rule.allowedMethods().forEach(m -> xml.element("AllowedMethod", m));
            rule.allowedOrigins().forEach(o -> xml.element("AllowedOrigin", o));
            rule.exposeHeaders().forEach(h -> xml.element("ExposeHeader", h));
            if (rule.maxAgeSeconds() >= 0) xml.element("MaxAgeSeconds", rule.maxAgeSeconds());
            xml.close("CORSRule");
        }
        return S3Responses.xml(call, xml.end("CORSConfiguration"));
    }

    HttpResponse putCors(S3Call call) throws IOException {
        buckets.authorized(call, "s3:PutBucketCORS");
        Element root = Xml.parse(SmallBody.read(call));
        List<Element> elements = Xml.children(root, "CORSRule");
        if (elements.isEmpty() || elements.size() > 100) throw S3Errors.malformedXml();
        List<CorsRule> rules = new ArrayList<>();
        for (Element rule : elements) {
            List<String> methods = texts(rule, "AllowedMethod");
            List<String> origins = texts(rule, "AllowedOrigin");
            if (methods.isEmpty() || origins.isEmpty()) throw S3Errors.malformedXml();
            for (String method : methods) {
                if (!CORS_METHODS.contains(method)) {
                    throw S3Errors.INVALID_REQUEST.exception("Found unsupported HTTP method in CORS config. Unsupported method is "
                            + method);
                }
            }
            for (String origin : origins) {
                if (origin.indexOf('*') != origin.lastIndexOf('*')) {
                    throw S3Errors.INVALID_REQUEST.exception("AllowedOrigin \"" + origin + "\" can not have more than one wildcard.");
                }
            }
            int maxAge = Xml.text(rule, "MaxAgeSeconds").map(Integer::parseInt).orElse(-1);
            rules.add(new CorsRule(Xml.text(rule, "ID").orElse(""), origins, methods, texts(rule, "AllowedHeader"),
                    texts(rule, "ExposeHeader"), maxAge));
        }
        buckets.update(call, b -> b.withCors(rules));
        return S3Responses.ok(call);
    }

    HttpResponse deleteCors(S3Call call) {
        buckets.authorized(call, "s3:PutBucketCORS");
        buckets.update(call, b -> b.withCors(List.of()));
        return S3Responses.noContent(call);
    }

    HttpResponse getNotifications(S3Call call) {
        Bucket bucket = buckets.authorized(call, "s3:GetBucketNotification").value();
        Xml xml = Xml.document("NotificationConfiguration");
        for (Notifications.QueueTarget target : bucket.notifications().queues()) {
            xml.open("QueueConfiguration").element("Id", target.id()).element("Queue", target.queueArn());
            target.events().forEach(e -> xml.element("Event", e));
            if (!target.prefix().isEmpty() || !target.suffix().isEmpty()) {
                xml.open("Filter").open("S3Key");
                if (!target.prefix().isEmpty()) xml.open("FilterRule").element("Name", "Prefix").element("Value", target.prefix()).close("FilterRule");
                if (!target.suffix().isEmpty()) xml.open("FilterRule").element("Name", "Suffix").element("Value", target.suffix()).close("FilterRule");
                xml.close("S3Key").close("Filter");
            }
            xml.close("QueueConfiguration");
        }
        if (bucket.notifications().eventBridge()) xml.raw("<EventBridgeConfiguration></EventBridgeConfiguration>");
        return S3Responses.xml(call, xml.end("NotificationConfiguration"));
    }

    HttpResponse putNotifications(S3Call call) throws IOException {
        Bucket bucket = buckets.authorized(call, "s3:PutBucketNotification").value();
        Element root = Xml.parse(SmallBody.read(call));
        if (!Xml.children(root, "TopicConfiguration").isEmpty()) {
            throw S3Errors.invalidArgument("berth has no SNS: topic notifications cannot be delivered", "TopicConfiguration", "");
        }
        if (!Xml.children(root, "CloudFunctionConfiguration").isEmpty()) {
            throw S3Errors.invalidArgument("berth has no Lambda: function notifications cannot be delivered",
                    "CloudFunctionConfiguration", "");
        }
        boolean eventBridge = Xml.child(root, "EventBridgeConfiguration").isPresent();
        if (eventBridge && events.get().map(BucketEvents::subscribed).orElse(false) == false) {
            throw S3Errors.invalidArgument("berth runs no EventBridge to deliver to", "EventBridgeConfiguration", "");
        }
        List<Notifications.QueueTarget> targets = new ArrayList<>();
        for (Element config : Xml.children(root, "QueueConfiguration")) {
            String queue = Xml.text(config, "Queue").orElseThrow(S3Errors::malformedXml);
            List<String> eventNames = texts(config, "Event");
            if (eventNames.isEmpty()) throw S3Errors.malformedXml();
            for (String event : eventNames) {
                if (!EventNames.known(event)) {
                    throw S3Errors.invalidArgument("The event is not supported for notifications", "Event", event);
                }
            }
            String prefix = "";
            String suffix = "";
            Optional<Element> key = Xml.child(config, "Filter").flatMap(f -> Xml.child(f, "S3Key"));
            if (key.isPresent()) {
                for (Element rule : Xml.children(key.get(), "FilterRule")) {
                    String name = Xml.text(rule, "Name").orElse("").toLowerCase(java.util.Locale.ROOT);
                    String value = Xml.text(rule, "Value").orElse("");
                    switch (name) {
                        case "prefix" -> prefix = value;
                        case "suffix" -> suffix = value;
                        default -> throw S3Errors.invalidArgument("filter rule name must be either prefix or suffix",
                                "FilterRule", name);
                    }
                }
            }
            String id = Xml.text(config, "Id").orElse(berth.s3.state.ObjectChanges.newVersionId());
            Notifications.QueueTarget target = new Notifications.QueueTarget(id, queue, eventNames, prefix, suffix);
            for (Notifications.QueueTarget other : targets) {
                if (Notifications.overlap(other, target)) {
                    throw S3Errors.invalidArgument("Configurations overlap. Configurations on the same bucket cannot share a"
                            + " common event type.", "Event", String.join(",", eventNames));
                }
            }
            targets.add(target);
        }
        QueueMessages sqs = queues.get().orElse(null);
        for (Notifications.QueueTarget target : targets) {
            QueueMessages.Access access = sqs == null ? QueueMessages.Access.NO_SUCH_QUEUE
                    : sqs.access(target.queueArn(), S3_PRINCIPAL, bucket.arn(), bucket.accountId());
            if (access != QueueMessages.Access.ALLOWED) {
                String reason = switch (access) {
                    case NO_SUCH_QUEUE -> "The destination queue does not exist";
                    case FIFO_UNSUPPORTED -> "FIFO SQS queues are not supported as notification destinations";
                    default -> "Permissions on the destination queue do not allow S3 to publish notifications from this bucket";
                };
                throw S3Errors.invalidArgument("Unable to validate the following destination configurations",
                        target.queueArn(), reason);
            }
        }
        for (Notifications.QueueTarget target : targets) {
            sqs.send(target.queueArn(), S3_PRINCIPAL, bucket.arn(), bucket.accountId(), "{\"Service\":\"Amazon S3\","
                    + "\"Event\":\"s3:TestEvent\",\"Time\":\"" + Xml.time(clock.instant()) + "\",\"Bucket\":\""
                    + bucket.name() + "\",\"RequestId\":\"" + call.requestId() + "\",\"HostId\":\"" + call.requestId() + "\"}");
        }
        Notifications configured = new Notifications(targets, eventBridge);
        buckets.update(call, b -> b.withNotifications(configured));
        return S3Responses.ok(call);
    }

    private static List<String> texts(Element parent, String name) {
        return Xml.children(parent, name).stream().map(e -> e.getTextContent().strip()).toList();
    }
}
