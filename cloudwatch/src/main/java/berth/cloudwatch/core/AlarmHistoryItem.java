package berth.cloudwatch.core;

import java.time.Instant;

/**
 * One entry of an alarm's history: a state change (StateUpdate), a configuration change
 * (ConfigurationUpdate) or an action taken (Action).
 */
public record AlarmHistoryItem(String accountId, String region, String alarmName, String alarmArn, Instant timestamp,
                               String type, String summary, String data, long sequence) {}
