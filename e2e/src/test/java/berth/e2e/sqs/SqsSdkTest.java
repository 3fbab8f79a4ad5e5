package berth.e2e.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.junit5.BerthTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * SQS through the AWS SDK for Java v2 (AWS JSON 1.0), which checks the MD5 of every body and
 * attribute set it sends and receives: messages, visibility, batches, long polling, dead-letter
 * queues and redrive, FIFO order and deduplication, attributes, tags and errors.
 */
@BerthTest(shared = true, reset = BerthTest.Reset.PER_TEST, resetServices = "sqs")
class SqsSdkTest {
    private final SqsClient sqs;

    SqsSdkTest(SqsClient sqs) {
        this.sqs = sqs;
    }

    static String md5(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String queue(String name, Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
    }

    @Test
    void sendReceiveDeleteWithAttributesWhoseDigestsTheSdkChecks() {
        String url = queue("orders", Map.of());
        assertThat(url).endsWith("/000000000000/orders");
        SendMessageResponse sent = sqs.sendMessage(r -> r.queueUrl(url).messageBody("héllo wörld ✓")
                .messageAttributes(Map.of(
                        "kind", MessageAttributeValue.builder().dataType("String").stringValue("order").build(),
                        "count", MessageAttributeValue.builder().dataType("Number.int").stringValue("42").build(),
                        "blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("\u0001\u0002")).build()))
                .messageSystemAttributesWithStrings(Map.of("AWSTraceHeader",
                        software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue.builder().dataType("String")
                                .stringValue("Root=1-5759e988-bd862e3fe1be46a994272793").build())));
        assertThat(sent.md5OfMessageBody()).isEqualTo(md5("héllo wörld ✓"));
        assertThat(sent.md5OfMessageAttributes()).hasSize(32);

        ReceiveMessageResponse received = sqs.receiveMessage(r -> r.queueUrl(url).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL));
        assertThat(received.messages()).hasSize(1);
        Message message = received.messages().get(0);
        assertThat(message.body()).isEqualTo("héllo wörld ✓");
        assertThat(message.messageId()).isEqualTo(sent.messageId());
        assertThat(message.messageAttributes()).containsKeys("kind", "count", "blob");
        assertThat(message.messageAttributes().get("blob").binaryValue().asUtf8String()).isEqualTo("\u0001\u0002");
        assertThat(message.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "1")
                .containsEntry("AWSTraceHeader", "Root=1-5759e988-bd862e3fe1be46a994272793")
                .containsKeys("SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).as("in flight").isEmpty();
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributesAsStrings())
                .containsEntry("ApproximateNumberOfMessages", "0").containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
        assertThatThrownBy(() -> sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle("garbage")))
                .isInstanceOf(ReceiptHandleIsInvalidException.class);
    }

    @Test
    void visibilityTimeoutHidesAndChangeMessageVisibilityReleases() throws Exception {
        String url = queue("work", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("job"));
        Message first = sqs.receiveMessage(r -> r.queueUrl(url)).messages().get(0);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        Thread.sleep(1200);
        Message again = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(2).messageSystemAttributeNames(
                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages().get(0);
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2");
        sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(again.receiptHandle()).visibilityTimeout(600));
        Thread.sleep(1200);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).as("extended to 600 s").isEmpty();
        sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(again.receiptHandle()).visibilityTimeout(0));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).hasSize(1);
        assertThatThrownBy(() -> sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(first.receiptHandle())
                .visibilityTimeout(10))).isInstanceOf(SqsException.class).hasMessageContaining("expired");
    }

    @Test
    void longPollingReturnsAsSoonAsAMessageArrivesAndDelaysHold() throws Exception {
        String url = queue("events", Map.of());
        Thread sender = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                return;
            }
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("late"));
        });
        long start = System.nanoTime();
        sender.start();
        List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(10)).messages();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(got).extracting(Message::body).containsExactly("late");
        assertThat(millis).isBetween(500L, 5000L);
        long emptyStart = System.nanoTime();
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
        assertThat((System.nanoTime() - emptyStart) / 1_000_000).isGreaterThanOrEqualTo(900L);

        sqs.sendMessage(r -> r.queueUrl(url).messageBody("delayed").delaySeconds(2));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributesAsStrings()).containsEntry("ApproximateNumberOfMessagesDelayed", "1");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5)).messages()).extracting(Message::body)
                .containsExactly("delayed");
    }

    @Test
    void batchesSendDeleteAndChangeVisibilityEntryByEntry() {
        String url = queue("batch", Map.of());
        List<SendMessageBatchRequestEntry> entries = IntStream.range(0, 10).mapToObj(i -> SendMessageBatchRequestEntry.builder()
                .id("m" + i).messageBody("body " + i).messageAttributes(Map.of("n",
                        MessageAttributeValue.builder().dataType("Number").stringValue(String.valueOf(i)).build())).build()).toList();
        SendMessageBatchResponse sent = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
        assertThat(sent.successful()).hasSize(10);
        assertThat(sent.failed()).isEmpty();
        SendMessageBatchResponse mixed = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("ok").messageBody("fine").build(),
                SendMessageBatchRequestEntry.builder().id("bad").messageBody("x").delaySeconds(901).build()));
        assertThat(mixed.successful()).extracting(e -> e.id()).containsExactly("ok");
        assertThat(mixed.failed()).extracting(e -> e.id() + ":" + e.code()).containsExactly("bad:InvalidParameterValue");
        assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("same").messageBody("a").build(),
                SendMessageBatchRequestEntry.builder().id("same").messageBody("b").build())))
                .isInstanceOf(software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException.class);

        List<Message> all = new ArrayList<>();
        while (all.size() < 11) {
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).messageAttributeNames("n")).messages();
            assertThat(got).isNotEmpty();
            all.addAll(got);
        }
        var changed = sqs.changeMessageVisibilityBatch(r -> r.queueUrl(url).entries(
                ChangeMessageVisibilityBatchRequestEntry.builder().id("a").receiptHandle(all.get(0).receiptHandle()).visibilityTimeout(0).build(),
                ChangeMessageVisibilityBatchRequestEntry.builder().id("b").receiptHandle("nonsense").visibilityTimeout(0).build()));
        assertThat(changed.successful()).extracting(e -> e.id()).containsExactly("a");
        assertThat(changed.failed()).extracting(e -> e.code()).containsExactly("ReceiptHandleIsInvalid");
        var deleted = sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(all.subList(1, 11).stream()
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId().substring(0, 8)).receiptHandle(m.receiptHandle()).build())
                .toList()));
        assertThat(deleted.successful()).hasSize(10);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages()).hasSize(1);
    }

    @Test
    void deadLetterQueueTakesMessagesReceivedTooOftenAndRedriveBringsThemBack() throws Exception {
        String dlqUrl = queue("orders-dlq", Map.of());
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributesAsStrings().get("QueueArn");
        String url = queue("orders-main", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "0",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"));
        String mainArn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributesAsStrings().get("QueueArn");
        assertThat(sqs.listDeadLetterSourceQueues(r -> r.queueUrl(dlqUrl)).queueUrls()).containsExactly(url);
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("poison"));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).hasSize(1);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).hasSize(1);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).as("moved to the DLQ on the third receive").isEmpty();
        Message dead = sqs.receiveMessage(r -> r.queueUrl(dlqUrl).visibilityTimeout(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages().get(0);
        assertThat(dead.body()).isEqualTo("poison");
        assertThat(dead.attributesAsStrings()).containsEntry("DeadLetterQueueSourceArn", mainArn);

        sqs.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(Map.of("VisibilityTimeout", "30")));
        String handle = sqs.startMessageMoveTask(r -> r.sourceArn(dlqArn)).taskHandle();
        assertThat(handle).isNotBlank();
        List<Message> back = List.of();
        for (int i = 0; i < 50 && back.isEmpty(); i++) {
            back = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).messages();
        }
        assertThat(back).extracting(Message::body).containsExactly("poison");
        var tasks = sqs.listMessageMoveTasks(r -> r.sourceArn(dlqArn)).results();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).status()).isEqualTo("COMPLETED");
        assertThat(tasks.get(0).approximateNumberOfMessagesMoved()).isEqualTo(1);

        sqs.setQueueAttributes(r -> r.queueUrl(dlqUrl).attributesWithStrings(Map.of("RedriveAllowPolicy",
                "{\"redrivePermission\":\"denyAll\"}")));
        assertThatThrownBy(() -> queue("another", Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":3}")))
                .isInstanceOf(SqsException.class).hasMessageContaining("RedriveAllowPolicy");
    }

    @Test
    void fifoQueuesKeepGroupOrderAndDropDuplicatesForFiveMinutes() {
        String url = queue("ledger.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
        for (int i = 0; i < 5; i++) {
            int n = i;
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("a" + n).messageGroupId("A"));
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("b" + n).messageGroupId("B"));
        }
        SendMessageResponse duplicate = sqs.sendMessage(r -> r.queueUrl(url).messageBody("a0").messageGroupId("A"));
        SendMessageResponse explicit = sqs.sendMessage(r -> r.queueUrl(url).messageBody("a0").messageGroupId("A")
                .messageDeduplicationId("distinct"));
        assertThat(duplicate.sequenceNumber()).hasSize(20);
        assertThat(explicit.messageId()).isNotEqualTo(duplicate.messageId());

        List<Message> first = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(3)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertThat(first).extracting(Message::body).containsExactly("a0", "b0", "a1");
        assertThat(first.get(0).attributesAsStrings()).containsEntry("MessageGroupId", "A").containsKey("SequenceNumber");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages())
                .as("both groups have messages in flight").isEmpty();
        first.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle())));
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < 20 && rest.size() < 8; i++) {
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
            got.forEach(m -> {
                rest.add(m.body());
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            });
        }
        assertThat(rest.stream().filter(b -> b.startsWith("a")).toList()).containsExactly("a2", "a3", "a4", "a0");
        assertThat(rest.stream().filter(b -> b.startsWith("b")).toList()).containsExactly("b1", "b2", "b3", "b4");
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("no group")))
                .isInstanceOf(SqsException.class).hasMessageContaining("MessageGroupId");
    }

    @Test
    void queuesListPageGetUrlTagPurgeAndRefuseWhatSqsRefuses() {
        for (int i = 0; i < 5; i++) queue("list-" + i, Map.of());
        queue("other", Map.of());
        var page = sqs.listQueues(r -> r.queueNamePrefix("list-").maxResults(2));
        assertThat(page.queueUrls()).hasSize(2);
        assertThat(page.nextToken()).isNotNull();
        List<String> all = new ArrayList<>(page.queueUrls());
        String token = page.nextToken();
        while (token != null) {
            String t = token;
            var next = sqs.listQueues(r -> r.queueNamePrefix("list-").maxResults(2).nextToken(t));
            all.addAll(next.queueUrls());
            token = next.nextToken();
        }
        assertThat(all).hasSize(5).allMatch(u -> u.contains("/list-"));
        String url = sqs.getQueueUrl(r -> r.queueName("list-3")).queueUrl();
        assertThat(url).endsWith("/000000000000/list-3");
        sqs.tagQueue(r -> r.queueUrl(url).tags(Map.of("team", "payments", "env", "dev")));
        sqs.untagQueue(r -> r.queueUrl(url).tagKeys("env"));
        assertThat(sqs.listQueueTags(r -> r.queueUrl(url)).tags()).containsExactly(Map.entry("team", "payments"));
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("x"));
        sqs.purgeQueue(r -> r.queueUrl(url));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        assertThatThrownBy(() -> sqs.purgeQueue(r -> r.queueUrl(url)))
                .isInstanceOf(software.amazon.awssdk.services.sqs.model.PurgeQueueInProgressException.class);

        assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName("missing")))
                .isInstanceOf(QueueDoesNotExistException.class)
                .satisfies(e -> assertThat(((SqsException) e).awsErrorDetails().errorCode())
                        .isEqualTo("AWS.SimpleQueueService.NonExistentQueue"));
        assertThatThrownBy(() -> queue("list-3", Map.of(QueueAttributeName.DELAY_SECONDS, "5")))
                .isInstanceOf(software.amazon.awssdk.services.sqs.model.QueueNameExistsException.class);
        assertThatThrownBy(() -> queue("bad name!", Map.of())).isInstanceOf(SqsException.class);
        assertThatThrownBy(() -> queue("vt", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "99999")))
                .isInstanceOf(software.amazon.awssdk.services.sqs.model.InvalidAttributeValueException.class);
        assertThatThrownBy(() -> sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(11)))
                .isInstanceOf(SqsException.class).hasMessageContaining("MaxNumberOfMessages");
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("bad \u0000 char")))
                .isInstanceOf(software.amazon.awssdk.services.sqs.model.InvalidMessageContentsException.class);
        sqs.deleteQueue(r -> r.queueUrl(url));
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("gone")))
                .isInstanceOf(QueueDoesNotExistException.class);
        assertThatThrownBy(() -> queue("list-3", Map.of()))
                .isInstanceOf(software.amazon.awssdk.services.sqs.model.QueueDeletedRecentlyException.class);
    }
}
