package berth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.aws.wire.JsonMapper;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.apprunner.AppRunnerClient;
import software.amazon.awssdk.services.apprunner.model.ConnectionStatus;
import software.amazon.awssdk.services.apprunner.model.CreateConnectionResponse;
import software.amazon.awssdk.services.apprunner.model.ProviderType;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

/** AWS JSON 1.1 (ECS) and 1.0 (App Runner) through the real SDK clients and by hand. */
class JsonProtocolTest {
    private static WireFixture fixture;
    private static EcsClient ecs;

    @BeforeAll
    static void start() {
        fixture = new WireFixture();
        ecs = fixture.ecs(TestCredentials.longTerm());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void nestedStructuresListsMapsTimestampsBooleansAndEnumsRoundTrip() {
        RegisterTaskDefinitionRequest sent = RegisterTaskDefinitionRequest.builder()
                .family("web").networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE)
                .cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("nginx").image("nginx:1.27").memory(512)
                        .essential(true).command("nginx", "-g", "daemon off;")
                        .portMappings(PortMapping.builder().containerPort(80).protocol(TransportProtocol.TCP).build())
                        .environment(KeyValuePair.builder().name("GREETING").value("hé \"quoted\" \n").build())
                        .dockerLabels(Map.of("team", "platform", "tier", "edge"))
                        .logConfiguration(LogConfiguration.builder().logDriver(LogDriver.AWSLOGS)
                                .options(Map.of("awslogs-group", "/ecs/web")).build())
                        .build())
                .tags(Tag.builder().key("env").value("test").build())
                .build();

        RegisterTaskDefinitionResponse response = ecs.registerTaskDefinition(sent);

        assertThat(((RegisterTaskDefinitionRequest) fixture.lastInput.get()).equalsBySdkFields(sent)).isTrue();
        assertThat(response.taskDefinition().containerDefinitions()).isEqualTo(sent.containerDefinitions());
        assertThat(response.taskDefinition().registeredAt()).isEqualTo(TestServices.CREATED_AT);
        assertThat(response.taskDefinition().networkMode()).isEqualTo(NetworkMode.AWSVPC);
        assertThat(response.taskDefinition().requiresCompatibilities()).containsExactly(Compatibility.FARGATE);
        assertThat(response.taskDefinition().revision()).isEqualTo(1);
        assertThat(response.taskDefinition().taskDefinitionArn())
                .isEqualTo("arn:aws:ecs:us-east-1:" + TestCredentials.ACCOUNT + ":task-definition/web:1");
        assertThat(response.tags()).isEqualTo(sent.tags());
        assertThat(fixture.server.lastDispatched().service()).isEqualTo("ecs");
        assertThat(fixture.server.lastDispatched().operation()).isEqualTo("RegisterTaskDefinition");
    }

    @Test
    void autoConstructedListsAreLeftOutButExplicitEmptyListsAreWritten() {
        DescribeClustersResponse response = ecs.describeClusters(r -> r.clusters("nothing-here"));

        assertThat(response.hasFailures()).isTrue();
        assertThat(response.failures()).isEmpty();
        assertThat(response.hasClusters()).isFalse();
    }

    @Test
    void listingPagesThroughOpaqueTokens() {
        for (String name : List.of("pager-a", "pager-b", "pager-c", "pager-d", "pager-e")) {
            ecs.createCluster(r -> r.clusterName(name));
        }

        List<String> arns = ecs.listClustersPaginator(r -> r.maxResults(2)).clusterArns().stream().toList();

        assertThat(arns).filteredOn(arn -> arn.contains("pager-")).hasSize(5).isSorted();
        assertThatThrownBy(() -> ecs.listClusters(r -> r.nextToken("garbage")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("nextToken");
        assertThatThrownBy(() -> ecs.listClusters(r -> r.maxResults(101)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Member must have value less than or equal to 100");
    }

    @Test
    void modeledErrorArrivesAsTheSdkExceptionClass() {
        assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster("missing")))
                .isInstanceOfSatisfying(ClusterNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cluster not found.");
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    void missingRequiredMembersAreRejectedWithTheServiceValidationCode() {
        assertThatThrownBy(() -> ecs.registerTaskDefinition(r -> r.networkMode(NetworkMode.BRIDGE)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("2 validation errors detected: Value null at 'family' failed to satisfy constraint:"
                                + " Member must not be null; Value null at 'containerDefinitions' failed to satisfy"
                                + " constraint: Member must not be null"));
    }

    @Test
    void enumValuesAreCheckedAgainstTheSdkEnum() {
        assertThatThrownBy(() -> ecs.registerTaskDefinition(r -> r.family("web").networkMode("bridged")
                .requiresCompatibilitiesWithStrings("FARGATE", "MAINFRAME")
                .containerDefinitions(ContainerDefinition.builder().name("c").image("i").build())))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("Value 'bridged' at 'networkMode' failed to satisfy constraint: Member must satisfy enum"
                                + " value set: [bridge, host, awsvpc, none]")
                        .contains("Value 'MAINFRAME' at 'requiresCompatibilities.2.member' failed to satisfy constraint"));
    }

    @Test
    void operationInTheModelButNotImplementedAnswers501() {
        assertThatThrownBy(() -> ecs.createCapacityProvider(r -> r.name("cp")))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("berth does not implement ecs:CreateCapacityProvider yet");
                });
        assertThat(fixture.server.lastDispatched().operation()).isEqualTo("CreateCapacityProvider");
    }

    @Test
    void handlerFailureIsAnInternalFailureThatLeaksNothing() {
        assertThatThrownBy(() -> ecs.listTasks(r -> r.cluster("default")))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
                    assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("IllegalState");
                });
    }

    @Test
    void awsJson10RoundTripsAndUsesItsOwnValidationCode() {
        AppRunnerClient appRunner = fixture.appRunner(TestCredentials.longTerm());

        CreateConnectionResponse response = appRunner.createConnection(r -> r.connectionName("github-main")
                .providerType(ProviderType.GITHUB)
                .tags(software.amazon.awssdk.services.apprunner.model.Tag.builder().key("k").value("v").build()));

        assertThat(response.connection().connectionName()).isEqualTo("github-main");
        assertThat(response.connection().providerType()).isEqualTo(ProviderType.GITHUB);
        assertThat(response.connection().status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
        assertThat(response.connection().createdAt()).isEqualTo(TestServices.CREATED_AT);
        assertThatThrownBy(() -> appRunner.createConnection(r -> r.connectionName("gh").providerType(ProviderType.GITHUB)))
                .isInstanceOf(software.amazon.awssdk.services.apprunner.model.InvalidRequestException.class)
                .hasMessageContaining("Value 'gh' at 'connectionName' failed to satisfy constraint: Member must have"
                        + " length greater than or equal to 4");
    }

    @Test
    void errorShapeIsTypeAndMessageWithErrorTypeHeader() throws Exception {
        HttpResponse<String> response = ecsRaw("DeleteCluster", "{\"cluster\":\"missing\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawRequests.header(response, "content-type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(RawRequests.header(response, "x-amzn-ErrorType")).isEqualTo("ClusterNotFoundException");
        assertThat(RawRequests.header(response, "x-amzn-RequestId")).matches("[0-9a-f-]{36}");
        JsonNode body = JsonMapper.MAPPER.readTree(response.body());
        assertThat(body.get("__type").asText()).isEqualTo("ClusterNotFoundException");
        assertThat(body.get("message").asText()).isEqualTo("Cluster not found.");
    }

    @Test
    void unknownTargetOperationIsUnknownOperationException() {
        HttpResponse<String> response = ecsRaw("LaunchRocket", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawRequests.header(response, "x-amzn-ErrorType")).isEqualTo("UnknownOperationException");
        assertThat(fixture.server.lastDispatched().operation()).isEqualTo("unknown");
    }

    @Test
    void malformedAndMistypedBodiesAreSerializationExceptions() {
        assertThat(RawRequests.header(ecsRaw("ListClusters", "{\"maxResults\": 5"), "x-amzn-ErrorType"))
                .isEqualTo("SerializationException");
        assertThat(RawRequests.header(ecsRaw("ListClusters", "{} trailing"), "x-amzn-ErrorType"))
                .isEqualTo("SerializationException");
        HttpResponse<String> mistyped = ecsRaw("ListClusters", "{\"maxResults\": \"five\"}");
        assertThat(mistyped.statusCode()).isEqualTo(400);
        assertThat(RawRequests.header(mistyped, "x-amzn-ErrorType")).isEqualTo("SerializationException");
        assertThat(mistyped.body()).contains("Expected an integer at 'maxResults' but found a string");
        HttpResponse<String> nested = ecsRaw("RegisterTaskDefinition",
                "{\"family\":\"f\",\"containerDefinitions\":[{\"name\":\"c\",\"essential\":\"yes\"}]}");
        assertThat(nested.body()).contains("'containerDefinitions.1.member.essential'");
        assertThat(RawRequests.header(ecsRaw("ListClusters", "[]"), "x-amzn-ErrorType")).isEqualTo("SerializationException");
    }

    @Test
    void unknownMembersAreIgnoredAsAwsIgnoresThem() {
        HttpResponse<String> response = ecsRaw("ListClusters", "{\"maxResults\": 1, \"futureMember\": {\"a\": [1]}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RawRequests.header(response, "content-type")).isEqualTo("application/x-amz-json-1.1");
    }

    @Test
    void sdkExceptionCarriesRequestIdOfTheResponse() {
        AwsServiceException error = (AwsServiceException) org.junit.jupiter.api.Assertions.assertThrows(
                AwsServiceException.class, () -> ecs.deleteCluster(r -> r.cluster("missing-too")));
        assertThat(error.requestId()).matches("[0-9a-f-]{36}");
    }

    private static HttpResponse<String> ecsRaw(String operation, String body) {
        return RawRequests.signedSend("POST", fixture.endpoint().resolve("/"),
                Map.of("Content-Type", "application/x-amz-json-1.1",
                        "X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + operation),
                body, "ecs", TestCredentials.longTerm());
    }
}
