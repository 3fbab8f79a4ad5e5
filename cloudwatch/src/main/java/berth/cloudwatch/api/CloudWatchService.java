package berth.cloudwatch.api;

import berth.aws.DescribedService;
import berth.aws.OperationHandler;
import berth.aws.Protocol;
import berth.aws.ServiceErrorCodes;
import berth.aws.model.ServiceDescription;
import berth.cloudwatch.state.AlarmRecords;
import berth.cloudwatch.state.MetricRecords;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.*;

/**
 * CloudWatch, signing name {@code monitoring}, in each protocol its clients send: Query (the SDK
 * for Java v2, the CLI v2), RPC v2 CBOR (botocore, so boto3 and the CLI v1) and AWS JSON 1.0 (target
 * prefix {@code GraniteServiceVersion20100801}). One instance per protocol, sharing the handlers.
 */
public final class CloudWatchService extends DescribedService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("cloudwatch");
    private static final String MODEL_PACKAGE = "software.amazon.awssdk.services.cloudwatch.model";

    /** The handlers, shared by the protocols. */
    public static final class Handlers {
        final MetricApi metrics;
        final MetricDataApi data;
        final AlarmApi alarms;

        public Handlers(MetricRecords metricRecords, AlarmRecords alarmRecords, Clock clock, Runnable wakeEvaluator) {
            this.metrics = new MetricApi(metricRecords, clock);
            this.data = new MetricDataApi(metricRecords, clock);
            this.alarms = new AlarmApi(alarmRecords, clock, wakeEvaluator);
        }
    }

    /** The service in every protocol berth serves it in. */
    public static List<CloudWatchService> all(Handlers handlers) {
        return List.of(new CloudWatchService(Protocol.QUERY, handlers), new CloudWatchService(Protocol.RPC_V2_CBOR, handlers),
                new CloudWatchService(Protocol.AWS_JSON_1_0, handlers));
    }

    private CloudWatchService(Protocol protocol, Handlers h) {
        super(DESCRIPTION.toServiceModel("cloudwatch", MODEL_PACKAGE, protocol), DESCRIPTION,
                protocol == Protocol.QUERY ? ServiceErrorCodes.defaultsFor(protocol)
                        : ServiceErrorCodes.defaultsFor(protocol).withValidation("ValidationError"));
        add("PutMetricData", (OperationHandler<PutMetricDataRequest, ?>) h.metrics::put);
        add("GetMetricStatistics", (OperationHandler<GetMetricStatisticsRequest, ?>) h.metrics::statistics);
        add("ListMetrics", (OperationHandler<ListMetricsRequest, ?>) h.metrics::list);
        add("GetMetricData", (OperationHandler<GetMetricDataRequest, ?>) h.data::get);
        add("PutMetricAlarm", (OperationHandler<PutMetricAlarmRequest, ?>) h.alarms::put);
        add("DescribeAlarms", (OperationHandler<DescribeAlarmsRequest, ?>) h.alarms::describe);
        add("DescribeAlarmsForMetric", (OperationHandler<DescribeAlarmsForMetricRequest, ?>) h.alarms::forMetric);
        add("DeleteAlarms", (OperationHandler<DeleteAlarmsRequest, ?>) h.alarms::delete);
        add("SetAlarmState", (OperationHandler<SetAlarmStateRequest, ?>) h.alarms::setState);
        add("EnableAlarmActions", (OperationHandler<EnableAlarmActionsRequest, ?>) h.alarms::enable);
        add("DisableAlarmActions", (OperationHandler<DisableAlarmActionsRequest, ?>) h.alarms::disable);
        add("DescribeAlarmHistory", (OperationHandler<DescribeAlarmHistoryRequest, ?>) h.alarms::history);
        add("TagResource", (OperationHandler<TagResourceRequest, ?>) h.alarms::tag);
        add("UntagResource", (OperationHandler<UntagResourceRequest, ?>) h.alarms::untag);
        add("ListTagsForResource", (OperationHandler<ListTagsForResourceRequest, ?>) h.alarms::tags);
    }
}
