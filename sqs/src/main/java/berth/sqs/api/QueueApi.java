package berth.sqs.api;

import berth.aws.AwsException;
import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.PageToken;
import berth.platform.RecordTable.Versioned;
import berth.sqs.core.Queue;
import berth.sqs.core.QueueNames;
import berth.sqs.core.QueueRefusal;
import berth.sqs.core.QueueSettings;
import berth.sqs.journal.MessageBook;
import berth.sqs.state.QueueRecords;
import berth.store.Store;
import berth.store.VersionConflict;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sqs.model.DeleteQueueRequest;
import software.amazon.awssdk.services.sqs.model.DeleteQueueResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.ListDeadLetterSourceQueuesRequest;
import software.amazon.awssdk.services.sqs.model.ListDeadLetterSourceQueuesResponse;
import software.amazon.awssdk.services.sqs.model.ListQueuesRequest;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.PurgeQueueRequest;
import software.amazon.awssdk.services.sqs.model.PurgeQueueResponse;

/** CreateQueue, DeleteQueue, GetQueueUrl, ListQueues, ListDeadLetterSourceQueues and PurgeQueue. */
final class QueueApi {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long a deleted queue's name stays taken, and how long a purge takes, as in SQS. */
    static final Duration QUEUE_NAME_HOLD = Duration.ofSeconds(60);
    static final Duration PURGE_INTERVAL = Duration.ofSeconds(60);

    private final QueueRecords records;
    private final QueueAccess access;
    private final QueueAttributesApi attributes;
    private final MessageBook book;
    private final Clock clock;
    private final URI endpoint;
    private final Map<String, Instant> deletedAt = new ConcurrentHashMap<>();
    private final Map<String, Instant> purgedAt = new ConcurrentHashMap<>();

    QueueApi(QueueRecords records, QueueAccess access, QueueAttributesApi attributes, MessageBook book, Clock clock, URI endpoint) {
        this.records = records;
        this.access = access;
        this.attributes = attributes;
        this.book = book;
        this.clock = clock;
        this.endpoint = endpoint;
    }

    String url(Queue queue) {
        String base = endpoint.toString().replaceAll("/+$", "");
        return base + "/" + queue.accountId() + "/" + queue.name();
    }

    CreateQueueResponse create(CreateQueueRequest request, RequestContext ctx) {
        String name = request.queueName();
        boolean fifo = QueueNames.fifo(name);
        if (!QueueNames.valid(name)) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.exception(fifo
                    ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must"
                            + " end with .fifo suffix and be 1 to 80 in length."
                    : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
        Map<String, String> given = request.attributesAsStrings();
        if ("true".equalsIgnoreCase(given.getOrDefault("FifoQueue", "")) && !fifo) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.exception("The name of a FIFO queue can only include alphanumeric"
                    + " characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.");
        }
        if (fifo && !given.containsKey("FifoQueue")) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.exception("Can only include alphanumeric characters, hyphens, or"
                    + " underscores. 1 to 80 in length");
        }
        QueueSettings settings = attributes.checked(QueueSettings.defaults(fifo), given, true, ctx.scope(), name);
        Map<String, String> tags = request.tags();
        QueueTagsApi.checkTags(tags);
        Scope scope = ctx.scope();
        Instant held = deletedAt.get(scope.key(name));
        Instant now = clock.instant();
        if (held != null && held.plus(QUEUE_NAME_HOLD).isAfter(now)) {
            throw SqsErrors.QUEUE_DELETED_RECENTLY.exception("You must wait 60 seconds after deleting a queue before you"
                    + " can create another with the same name.");
        }
        for (int attempt = 0; ; attempt++) {
            var existing = records.find(scope, name);
            if (existing.isPresent()) {
                Queue queue = existing.get().value();
                if (!queue.settings().equals(settings)) {
                    throw SqsErrors.QUEUE_NAME_EXISTS.exception("A queue already exists with the same name and a different"
                            + " value for attribute(s) " + String.join(", ", differing(queue.settings(), settings)));
                }
                return CreateQueueResponse.builder().queueUrl(url(queue)).build();
            }
            String storageId = (fifo ? "f" : "s") + newId();
            Queue queue = new Queue(scope.accountId(), scope.region(), name, storageId, settings, now, now, tags);
            try {
                records.save(queue, Store.ABSENT);
                return CreateQueueResponse.builder().queueUrl(url(queue)).build();
            } catch (VersionConflict raced) {
                if (attempt > 5) throw raced;
            }
        }
    }

    private static List<String> differing(QueueSettings a, QueueSettings b) {
        Map<String, String> left = a.attributes();
        Map<String, String> right = b.attributes();
        java.util.TreeSet<String> names = new java.util.TreeSet<>(left.keySet());
        names.addAll(right.keySet());
        return names.stream().filter(n -> !java.util.Objects.equals(left.get(n), right.get(n))).toList();
    }

    DeleteQueueResponse delete(DeleteQueueRequest request, RequestContext ctx) {
        Versioned<Queue> queue = access.byUrl(request.queueUrl(), ctx);
        try {
            records.delete(queue.value(), queue.version());
        } catch (VersionConflict raced) {
            records.delete(queue.value(), Store.ANY);
        }
        deletedAt.put(queue.value().scope().key(queue.value().name()), clock.instant());
        book.drop(queue.value().storageId());
        return DeleteQueueResponse.builder().build();
    }

    GetQueueUrlResponse url(GetQueueUrlRequest request, RequestContext ctx) {
        String owner = request.queueOwnerAWSAccountId();
        Scope scope = owner == null || owner.isEmpty() ? ctx.scope() : new Scope(owner, ctx.region());
        if (!QueueNames.valid(request.queueName())) throw SqsErrors.noSuchQueue();
        Versioned<Queue> queue = access.byUrl(scope.accountId() + "/" + request.queueName(), ctx);
        return GetQueueUrlResponse.builder().queueUrl(url(queue.value())).build();
    }

    ListQueuesResponse list(ListQueuesRequest request, RequestContext ctx) {
        String prefix = request.queueNamePrefix() == null ? "" : request.queueNamePrefix();
        List<Queue> matching = records.list(ctx.scope()).stream().filter(q -> q.name().startsWith(prefix)).toList();
        return page(matching, request.maxResults(), request.nextToken(), "ListQueues",
                (urls, token) -> ListQueuesResponse.builder().queueUrls(urls).nextToken(token).build());
    }

    ListDeadLetterSourceQueuesResponse deadLetterSources(ListDeadLetterSourceQueuesRequest request, RequestContext ctx) {
        Queue target = access.byUrl(request.queueUrl(), ctx).value();
        List<Queue> sources = records.list(target.scope()).stream()
                .filter(q -> !q.settings().redrivePolicy().isEmpty()
                        && berth.sqs.core.RedrivePolicy.parse(q.settings().redrivePolicy()).deadLetterTargetArn().equals(target.arn()))
                .toList();
        return page(sources, request.maxResults(), request.nextToken(), "ListDeadLetterSourceQueues",
                (urls, token) -> ListDeadLetterSourceQueuesResponse.builder().queueUrls(urls).nextToken(token).build());
    }

    private <R> R page(List<Queue> queues, Integer maxResults, String nextToken, String operation,
                       java.util.function.BiFunction<List<String>, String, R> respond) {
        if (maxResults == null) {
            if (nextToken != null && !nextToken.isEmpty()) {
                throw SqsErrors.INVALID_PARAMETER_VALUE.exception("MaxResults is a mandatory parameter when you provide a"
                        + " value for NextToken.");
            }
            return respond.apply(queues.stream().limit(1000).map(this::url).toList(), null);
        }
        if (maxResults < 1 || maxResults > 1000) {
            throw SqsErrors.INVALID_PARAMETER_VALUE.exception("Value " + maxResults + " for parameter MaxResults is invalid."
                    + " Reason: MaxResults must be an integer between 1 and 1000.");
        }
        String after = "";
        if (nextToken != null && !nextToken.isEmpty()) {
            after = PageToken.decode(nextToken).orElseThrow(() -> SqsErrors.INVALID_PARAMETER_VALUE.exception(
                    "Invalid NextToken value."));
        }
        String from = after;
        List<Queue> rest = queues.stream().filter(q -> q.name().compareTo(from) > 0).toList();
        List<Queue> page = rest.stream().limit(maxResults).toList();
        String token = rest.size() > page.size() ? PageToken.encode(page.get(page.size() - 1).name()) : null;
        return respond.apply(page.stream().map(this::url).toList(), token);
    }

    PurgeQueueResponse purge(PurgeQueueRequest request, RequestContext ctx) {
        Queue queue = access.byUrl(request.queueUrl(), ctx).value();
        Instant now = clock.instant();
        Instant last = purgedAt.get(queue.storageId());
        if (last != null && last.plus(PURGE_INTERVAL).isAfter(now)) {
            throw SqsErrors.PURGE_QUEUE_IN_PROGRESS.exception("Only one PurgeQueue operation on " + queue.name()
                    + " is allowed every 60 seconds.");
        }
        purgedAt.put(queue.storageId(), now);
        book.purge(queue.storageId());
        return PurgeQueueResponse.builder().build();
    }

    /** Forgets deleted names and purges: berth's reset. */
    void forget() {
        deletedAt.clear();
        purgedAt.clear();
    }

    static AwsException refused(QueueRefusal refusal) {
        return SqsErrors.of(refusal);
    }

    private static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
