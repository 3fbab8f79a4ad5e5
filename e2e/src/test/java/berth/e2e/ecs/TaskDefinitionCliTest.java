package berth.e2e.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.AwsCli;
import berth.junit5.BerthTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aws ecs register-task-definition --cli-input-json} with realistic definitions, v1 and v2 CLIs. */
@BerthTest
class TaskDefinitionCliTest {
    private static final String FARGATE = """
            {
              "family": "cli-fargate-%s",
              "networkMode": "awsvpc",
              "requiresCompatibilities": ["FARGATE"],
              "cpu": "256",
              "memory": "512",
              "executionRoleArn": "arn:aws:iam::000000000000:role/ecsTaskExecutionRole",
              "taskRoleArn": "arn:aws:iam::000000000000:role/app",
              "runtimePlatform": {"cpuArchitecture": "X86_64", "operatingSystemFamily": "LINUX"},
              "containerDefinitions": [
                {
                  "name": "app",
                  "image": "000000000000.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2",
                  "essential": true,
                  "portMappings": [{"containerPort": 8080, "protocol": "tcp", "name": "http", "appProtocol": "http"}],
                  "environment": [{"name": "SPRING_PROFILES_ACTIVE", "value": "prod"}],
                  "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf"}],
                  "healthCheck": {"command": ["CMD-SHELL", "wget -qO- http://localhost:8080/health || exit 1"],
                                  "interval": 15, "timeout": 5, "retries": 3, "startPeriod": 30},
                  "logConfiguration": {
                    "logDriver": "awslogs",
                    "options": {"awslogs-group": "/ecs/app", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app"}
                  },
                  "dependsOn": [{"containerName": "migrate", "condition": "SUCCESS"}],
                  "stopTimeout": 30,
                  "ulimits": [{"name": "nofile", "softLimit": 65536, "hardLimit": 65536}]
                },
                {
                  "name": "migrate",
                  "image": "000000000000.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2",
                  "essential": false,
                  "command": ["./migrate", "up"],
                  "logConfiguration": {
                    "logDriver": "awslogs",
                    "options": {"awslogs-group": "/ecs/app", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "migrate"}
                  }
                }
              ],
              "tags": [{"key": "service", "value": "app"}]
            }
            """;
    private static final String BRIDGE = """
            {
              "family": "cli-bridge-%s",
              "networkMode": "bridge",
              "containerDefinitions": [
                {
                  "name": "web",
                  "image": "nginx:1.27",
                  "cpu": 256,
                  "memoryReservation": 128,
                  "memory": 512,
                  "portMappings": [{"containerPort": 80, "hostPort": 0, "protocol": "tcp"}],
                  "links": ["cache:redis"],
                  "mountPoints": [{"sourceVolume": "html", "containerPath": "/usr/share/nginx/html", "readOnly": true}],
                  "dockerLabels": {"com.example.team": "web"},
                  "linuxParameters": {"initProcessEnabled": true, "capabilities": {"add": ["NET_ADMIN"]}}
                },
                {
                  "name": "cache",
                  "image": "redis:7",
                  "memory": 256,
                  "essential": false,
                  "portMappings": [{"containerPort": 6379}]
                }
              ],
              "volumes": [{"name": "html", "host": {"sourcePath": "/srv/html"}}],
              "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.instance-type =~ t3.*"}]
            }
            """;

    private final URI endpoint;

    TaskDefinitionCliTest(URI endpoint) {
        this.endpoint = endpoint;
    }

    @Test
    void registersRealisticDefinitionsFromJsonFiles(@TempDir Path dir) throws Exception {
        List<AwsCli> clis = AwsCli.installed();
        assertThat(clis).isNotEmpty();
        for (int n = 0; n < clis.size(); n++) {
            AwsCli aws = clis.get(n);
            Path fargate = Files.writeString(dir.resolve("fargate-" + n + ".json"), FARGATE.formatted(n));
            AwsCli.Result registered = aws.run(endpoint, "test", "test", "ecs", "register-task-definition",
                    "--cli-input-json", "file://" + fargate);
            assertThat(registered.exitCode()).as(aws + ": " + registered.stderr()).isZero();
            assertThat(registered.stdout()).contains("\"taskDefinitionArn\": \"arn:aws:ecs:us-east-1:000000000000:"
                    + "task-definition/cli-fargate-" + n + ":1\"")
                    .contains("\"hostPort\": 8080").contains("\"FARGATE\"").contains("\"startPeriod\": 30")
                    .contains("ecs.capability.secrets.asm.environment-variables");

            Path bridge = Files.writeString(dir.resolve("bridge-" + n + ".json"), BRIDGE.formatted(n));
            AwsCli.Result bridged = aws.run(endpoint, "test", "test", "ecs", "register-task-definition",
                    "--cli-input-json", "file://" + bridge);
            assertThat(bridged.exitCode()).as(aws + ": " + bridged.stderr()).isZero();
            assertThat(bridged.stdout()).contains("\"hostPort\": 0").contains("\"EXTERNAL\"")
                    .contains("\"sourcePath\": \"/srv/html\"").contains("attribute:ecs.instance-type =~ t3.*");

            AwsCli.Result described = aws.run(endpoint, "test", "test", "ecs", "describe-task-definition",
                    "--task-definition", "cli-fargate-" + n, "--include", "TAGS");
            assertThat(described.exitCode()).as(aws + ": " + described.stderr()).isZero();
            assertThat(described.stdout()).contains("\"revision\": 1").contains("\"key\": \"service\"")
                    .contains("\"cpu\": \"256\"");

            Path invalid = Files.writeString(dir.resolve("invalid-" + n + ".json"),
                    FARGATE.formatted(n).replace("\"memory\": \"512\"", "\"memory\": \"4096\""));
            AwsCli.Result refused = aws.run(endpoint, "test", "test", "ecs", "register-task-definition",
                    "--cli-input-json", "file://" + invalid);
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.stderr()).contains("ClientException")
                    .contains("No Fargate configuration exists for given values: 256 CPU, 4096 memory.");
        }
    }
}
