package berth.e2e.logs;

import static berth.e2e.logs.LogsSdkTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.BerthProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/** An acknowledged PutLogEvents survives SIGKILL: berth killed mid-stream comes back with every acknowledged event. */
class LogsRestartTest {
    @TempDir
    Path home;

    @Test
    void acknowledgedEventsSurviveKill9AndRestart() throws Exception {
        try (BerthProcess berth = BerthProcess.start(home, Map.of())) {
            CloudWatchLogsClient logs = LogsClients.logs(berth.endpoint());
            logs.createLogGroup(r -> r.logGroupName("/durable").tags(Map.of("keep", "me")));
            logs.putRetentionPolicy(r -> r.logGroupName("/durable").retentionInDays(30));
            for (String stream : List.of("a", "b")) {
                logs.createLogStream(r -> r.logGroupName("/durable").logStreamName(stream));
            }
            long base = System.currentTimeMillis() - 3_600_000;
            List<String> acknowledged = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> producers = new ArrayList<>();
            for (String stream : List.of("a", "b")) {
                Thread producer = new Thread(() -> {
                    for (int batch = 0; !stop.get(); batch++) {
                        int b = batch;
                        List<InputLogEvent> events = IntStream.range(0, 200)
                                .mapToObj(i -> event(base + b, stream + "-" + b + "-" + i)).toList();
                        try {
                            logs.putLogEvents(r -> r.logGroupName("/durable").logStreamName(stream).logEvents(events));
                        } catch (RuntimeException killed) {
                            return;
                        }
                        acknowledged.add(stream + "-" + b);
                    }
                });
                producer.start();
                producers.add(producer);
            }
            while (acknowledged.size() < 40) Thread.sleep(20);
            berth.kill9();
            stop.set(true);
            for (Thread producer : producers) producer.join(30_000);
            assertThat(acknowledged.size()).isGreaterThanOrEqualTo(40);

            berth.restart();
            CloudWatchLogsClient again = LogsClients.logs(berth.endpoint());
            LogGroup group = again.describeLogGroups().logGroups().get(0);
            assertThat(group.logGroupName()).isEqualTo("/durable");
            assertThat(group.retentionInDays()).isEqualTo(30);
            assertThat(again.listTagsLogGroup(r -> r.logGroupName("/durable")).tags()).containsEntry("keep", "me");

            Set<String> stored = new HashSet<>();
            for (String stream : List.of("a", "b")) {
                List<String> messages = new ArrayList<>();
                again.getLogEventsPaginator(r -> r.logGroupName("/durable").logStreamName(stream).startFromHead(true))
                        .events().forEach(e -> messages.add(e.message()));
                for (int i = 0; i < messages.size(); i++) {
                    String[] parts = messages.get(i).split("-");
                    assertThat(Integer.parseInt(parts[1]) * 200 + Integer.parseInt(parts[2])).as("position of " + messages.get(i))
                            .isEqualTo(i);
                }
                messages.forEach(m -> stored.add(m.substring(0, m.lastIndexOf('-'))));
            }
            assertThat(stored).containsAll(acknowledged);

            again.putLogEvents(r -> r.logGroupName("/durable").logStreamName("a")
                    .logEvents(event(System.currentTimeMillis(), "after restart")));
            assertThat(again.getLogEvents(r -> r.logGroupName("/durable").logStreamName("a").limit(1)).events().get(0).message())
                    .isEqualTo("after restart");
        }
    }
}
