package berth.e2e.events;

import berth.e2e.Policies;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The queues EventBridge tests deliver to: made with a policy letting EventBridge send for one rule. */
final class EventQueues {
    private EventQueues() {}

    /** A new queue whose policy lets {@code events.amazonaws.com} send for the rule {@code ruleArn}; its URL. */
    static String allowingRule(SqsClient sqs, String name, String ruleArn) {
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY,
                Policies.queueSendFrom(arn(sqs, url), "events.amazonaws.com", ruleArn))));
        return url;
    }

    static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }
}
