package berth.e2e.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import berth.e2e.AwsCli;
import berth.e2e.RawAws;
import berth.junit5.BerthTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * CloudWatch through each protocol its clients send: the SDK for Java v2 (Query, with gzip-compressed
 * large bodies), boto3 (RPC v2 CBOR, compressed too), the CLI v1 and v2, and AWS JSON 1.0 on the wire.
 */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "cloudwatch")
class CloudWatchClientsTest {
    private final CloudWatchClient cw;
    private final URI endpoint;
    private final ObjectMapper json = new ObjectMapper();

    CloudWatchClientsTest(CloudWatchClient cw, URI endpoint) {
        this.cw = cw;
        this.endpoint = endpoint;
    }

    private static Dimension dim(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    @Test
    void largeCompressedBatchesStatisticsPercentilesAndMetricMath() {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(120);
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            data.add(MetricDatum.builder().metricName("Latency").dimensions(dim("Api", i % 2 == 0 ? "orders" : "users"))
                    .timestamp(minute.plusMillis(i)).value((double) (i / 2 % 100)).unit("Milliseconds").build());
        }
        cw.putMetricData(r -> r.namespace("Shop").metricData(data));
        cw.putMetricData(r -> r.namespace("Shop").metricData(MetricDatum.builder().metricName("Latency")
                .dimensions(dim("Api", "orders")).timestamp(minute.plusSeconds(61)).values(10.0, 20.0).counts(3.0, 1.0)
                .unit("Milliseconds").build()));
        var stats = cw.getMetricStatistics(r -> r.namespace("Shop").metricName("Latency").dimensions(dim("Api", "orders"))
                .statistics(Statistic.SAMPLE_COUNT, Statistic.AVERAGE, Statistic.MAXIMUM).period(60)
                .startTime(minute.minusSeconds(60)).endTime(minute.plusSeconds(180)));
        assertThat(stats.datapoints()).hasSize(2);
        var first = stats.datapoints().stream().filter(d -> d.timestamp().equals(minute)).findFirst().orElseThrow();
        assertThat(first.sampleCount()).isEqualTo(500);
        assertThat(first.average()).isEqualTo(49.5);
        assertThat(first.maximum()).isEqualTo(99);
        assertThat(first.unitAsString()).isEqualTo("Milliseconds");
        var second = stats.datapoints().stream().filter(d -> !d.timestamp().equals(minute)).findFirst().orElseThrow();
        assertThat(second.sampleCount()).isEqualTo(4);
        assertThat(second.average()).isEqualTo(12.5);
        var p90 = cw.getMetricStatistics(r -> r.namespace("Shop").metricName("Latency").dimensions(dim("Api", "orders"))
                .extendedStatistics("p90").period(60).startTime(minute).endTime(minute.plusSeconds(60)));
        assertThat(p90.datapoints().get(0).extendedStatistics()).containsEntry("p90", 89.0);

        var result = cw.getMetricData(r -> r.startTime(minute).endTime(minute.plusSeconds(60)).metricDataQueries(
                query("o", "orders", false), query("u", "users", false),
                MetricDataQuery.builder().id("total").expression("SUM([o, u])").label("all").build(),
                MetricDataQuery.builder().id("share").expression("100 * o / (o + u)").build()));
        assertThat(result.metricDataResults()).extracting(MetricDataResult::id).containsExactly("total", "share");
        assertThat(result.metricDataResults().get(0).values()).containsExactly(1000.0);
        assertThat(result.metricDataResults().get(0).label()).isEqualTo("all");
        assertThat(result.metricDataResults().get(1).values()).containsExactly(50.0);

        assertThat(cw.listMetrics(r -> r.namespace("Shop").dimensions(DimensionFilter.builder().name("Api").value("users")
                .build())).metrics()).singleElement().satisfies(m -> assertThat(m.metricName()).isEqualTo("Latency"));
        CloudWatchException badMath = assertThrows(CloudWatchException.class, () -> cw.getMetricData(r -> r
                .startTime(minute).endTime(minute.plusSeconds(60)).metricDataQueries(MetricDataQuery.builder().id("x")
                        .expression("nope * 2").build())));
        assertThat(badMath.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    }

    private static MetricDataQuery query(String id, String api, boolean returnData) {
        return MetricDataQuery.builder().id(id).returnData(returnData).metricStat(s -> s.period(60).stat("SampleCount")
                .metric(m -> m.namespace("Shop").metricName("Latency").dimensions(dim("Api", api)))).build();
    }

    @Test
    void alarmStatesHistoryActionsAndTags() {
        cw.putMetricAlarm(r -> r.alarmName("cpu-high").namespace("Shop").metricName("Cpu").statistic(Statistic.AVERAGE)
                .period(60).evaluationPeriods(3).datapointsToAlarm(2).threshold(80.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).treatMissingData("notBreaching")
                .tags(t -> t.key("team").value("web")));
        var alarm = cw.describeAlarms(r -> r.alarmNames("cpu-high")).metricAlarms().get(0);
        awaitState("cpu-high", StateValue.OK);
        assertThat(cw.describeAlarms(r -> r.alarmNames("cpu-high")).metricAlarms().get(0).stateReason())
                .as("no data is not breaching").isEqualTo("Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints"
                        + " were treated as [NonBreaching].");
        assertThat(alarm.datapointsToAlarm()).isEqualTo(2);
        cw.setAlarmState(r -> r.alarmName("cpu-high").stateValue(StateValue.ALARM).stateReason("testing"));
        cw.setAlarmState(r -> r.alarmName("cpu-high").stateValue(StateValue.OK).stateReason("back"));
        assertThat(cw.describeAlarms(r -> r.stateValue(StateValue.OK)).metricAlarms()).extracting(a -> a.alarmName())
                .containsExactly("cpu-high");
        var history = cw.describeAlarmHistory(r -> r.alarmName("cpu-high").historyItemType(HistoryItemType.STATE_UPDATE))
                .alarmHistoryItems();
        assertThat(history).extracting(h -> h.historySummary()).containsExactly("Alarm updated from ALARM to OK",
                "Alarm updated from OK to ALARM", "Alarm updated from INSUFFICIENT_DATA to OK");
        cw.disableAlarmActions(r -> r.alarmNames("cpu-high"));
        assertThat(cw.describeAlarms(r -> r.alarmNames("cpu-high")).metricAlarms().get(0).actionsEnabled()).isFalse();
        assertThat(cw.listTagsForResource(r -> r.resourceARN(alarm.alarmArn())).tags()).singleElement()
                .satisfies(t -> assertThat(t.value()).isEqualTo("web"));
        assertThat(cw.describeAlarmsForMetric(r -> r.namespace("Shop").metricName("Cpu")).metricAlarms()).hasSize(1);
        CloudWatchException badJson = assertThrows(CloudWatchException.class, () -> cw.setAlarmState(r -> r
                .alarmName("cpu-high").stateValue(StateValue.ALARM).stateReason("x").stateReasonData("{not json")));
        assertThat(badJson.awsErrorDetails().errorCode()).isEqualTo("InvalidFormat");
        CloudWatchException badPeriod = assertThrows(CloudWatchException.class, () -> cw.putMetricAlarm(r -> r
                .alarmName("x").namespace("Shop").metricName("Cpu").statistic(Statistic.AVERAGE).period(45)
                .evaluationPeriods(1).threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)));
        assertThat(badPeriod.statusCode()).isEqualTo(400);
        cw.deleteAlarms(r -> r.alarmNames("cpu-high"));
        assertThat(cw.describeAlarms().metricAlarms()).isEmpty();
    }

    private void awaitState(String name, StateValue state) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (cw.describeAlarms(r -> r.alarmNames(name)).metricAlarms().get(0).stateValue() != state) {
            assertThat(Instant.now()).as("alarm " + name + " reaches " + state).isBefore(deadline);
            berth.e2e.ecs.TaskRuns.sleep(java.time.Duration.ofMillis(100));
        }
    }

    @Test
    void boto3SpeaksCborIncludingCompressedBodiesAndErrors() throws Exception {
        String script = """
                import boto3, json, sys, datetime
                from botocore.exceptions import ClientError
                cw = boto3.client('cloudwatch', endpoint_url=sys.argv[1], region_name='us-east-1',
                                  aws_access_key_id='test', aws_secret_access_key='test')
                now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0) - datetime.timedelta(minutes=2)
                cw.put_metric_data(Namespace='Py', MetricData=[{'MetricName': 'Jobs', 'Value': float(i), 'Timestamp': now,
                                   'Dimensions': [{'Name': 'Queue', 'Value': 'q'}]} for i in range(1000)])
                stats = cw.get_metric_statistics(Namespace='Py', MetricName='Jobs', Dimensions=[{'Name': 'Queue', 'Value': 'q'}],
                    StartTime=now, EndTime=now + datetime.timedelta(minutes=1), Period=60, Statistics=['Sum', 'SampleCount'])
                cw.put_metric_alarm(AlarmName='py', Namespace='Py', MetricName='Jobs', Statistic='Sum', Period=60,
                    EvaluationPeriods=1, Threshold=5.0, ComparisonOperator='GreaterThanThreshold')
                cw.set_alarm_state(AlarmName='py', StateValue='ALARM', StateReason='from boto3')
                alarm = cw.describe_alarms(AlarmNames=['py'])['MetricAlarms'][0]
                errors = []
                for call in (lambda: cw.put_metric_data(Namespace='AWS/EC2', MetricData=[{'MetricName': 'x', 'Value': 1.0}]),
                             lambda: cw.delete_alarms(AlarmNames=['missing'])):
                    try:
                        call()
                    except ClientError as e:
                        errors.append([e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']])
                print(json.dumps({'sum': stats['Datapoints'][0]['Sum'], 'count': stats['Datapoints'][0]['SampleCount'],
                    'state': alarm['StateValue'], 'updated': alarm['StateUpdatedTimestamp'].isoformat(), 'errors': errors}))
                """;
        Path file = Files.createTempFile("boto3-cloudwatch", ".py");
        Files.writeString(file, script);
        Process p = new ProcessBuilder("python3", file.toString(), endpoint.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Files.deleteIfExists(file);
        assertThat(p.exitValue()).as(out).isZero();
        JsonNode result = json.readTree(out.substring(out.lastIndexOf('\n') + 1));
        assertThat(result.get("sum").asDouble()).isEqualTo(499_500.0);
        assertThat(result.get("count").asDouble()).isEqualTo(1000.0);
        assertThat(result.get("state").asText()).isEqualTo("ALARM");
        assertThat(result.get("updated").asText()).startsWith(Instant.now().toString().substring(0, 10));
        assertThat(result.get("errors").toString()).isEqualTo("[[\"InvalidParameterValue\",400],[\"ResourceNotFound\",404]]");
    }

    @Test
    void theCliV1AndV2AndJson10AllReachTheSameMetrics() throws Exception {
        for (AwsCli cli : AwsCli.installed()) {
            AwsCli.Result put = cli.run(endpoint, "test", "test", "cloudwatch", "put-metric-data", "--namespace", "Cli",
                    "--metric-name", "Hits", "--value", "3", "--dimensions", "Via=" + (cli.version().startsWith("aws-cli/1") ? "v1" : "v2"));
            assertThat(put.exitCode()).as(put.stderr()).isZero();
            AwsCli.Result bad = cli.run(endpoint, "test", "test", "cloudwatch", "get-metric-statistics", "--namespace", "Cli",
                    "--metric-name", "Hits", "--statistics", "Sum", "--period", "7", "--start-time", "2026-01-01T00:00:00Z",
                    "--end-time", "2026-01-01T01:00:00Z");
            assertThat(bad.exitCode()).isNotZero();
            assertThat(bad.stderr()).contains("InvalidParameterValue").contains("Period");
        }
        RawAws.Answer listed = new RawAws(endpoint).signed("POST", "/", Map.of("Content-Type", "application/x-amz-json-1.0",
                "X-Amz-Target", "GraniteServiceVersion20100801.ListMetrics"), "{\"Namespace\":\"Cli\"}".getBytes(StandardCharsets.UTF_8),
                "monitoring", "us-east-1", "test", "test");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(json.readTree(listed.body()).get("Metrics").size()).isEqualTo(AwsCli.installed().size());
    }
}
