package berth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.aws.model.ServiceDescription;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceState;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** EC2's dialect of Query through the real SDK client: {@code Name.N} lists, bare responses, {@code <Response><Errors>}. */
class Ec2ProtocolTest {
    private static final AtomicReference<SdkPojo> LAST_INPUT = new AtomicReference<>();
    private static final Instant LAUNCHED = Instant.parse("2024-05-01T10:15:30Z");
    private static WireTestServer server;

    @BeforeAll
    static void start() {
        TestService ec2 = new TestService("ec2", "ec2", "software.amazon.awssdk.services.ec2.model")
                .on("RunInstances", (RunInstancesRequest request, RequestContext context) -> {
                    LAST_INPUT.set(request);
                    Instance instance = Instance.builder().instanceId("i-0123456789abcdef0").imageId(request.imageId())
                            .instanceType(request.instanceType()).launchTime(LAUNCHED)
                            .state(InstanceState.builder().code(0).name(InstanceStateName.PENDING).build())
                            .tags(request.tagSpecifications().get(0).tags())
                            .securityGroups(List.of()).build();
                    return RunInstancesResponse.builder().reservationId("r-1").ownerId(context.accountId())
                            .instances(instance).build();
                })
                .on("DescribeVpcs", (DescribeVpcsRequest request, RequestContext context) -> {
                    LAST_INPUT.set(request);
                    if (request.vpcIds().contains("vpc-missing")) {
                        throw new AwsException(400, "InvalidVpcID.NotFound", "The vpc ID 'vpc-missing' does not exist");
                    }
                    return DescribeVpcsResponse.builder().vpcs(Vpc.builder().vpcId("vpc-1").cidrBlock("172.31.0.0/16")
                            .isDefault(true).build()).build();
                });
        server = WireTestServer.start(new AwsDispatcher(List.of(ec2), TestCredentials.source(), Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Ec2Client client(AwsCredentials credentials) {
        return Ec2Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).httpClient(WireFixture.HTTP)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @Test
    void listsOfStructuresWithListsDecodeAndTheBareResponseParses() {
        RunInstancesRequest sent = RunInstancesRequest.builder().imageId("ami-1").instanceType(InstanceType.T3_SMALL)
                .minCount(1).maxCount(2).securityGroupIds("sg-1", "sg-2").userData("IyEvYmluL2Jhc2g=")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("Name").value("a & <b>").build(), Tag.builder().key("team").value("x").build())
                        .build())
                .build();

        try (Ec2Client ec2 = client(TestCredentials.longTerm())) {
            RunInstancesResponse response = ec2.runInstances(sent);

            RunInstancesRequest received = (RunInstancesRequest) LAST_INPUT.get();
            // the SDK fills in the idempotency token itself
            assertThat(received.clientToken()).isNotBlank();
            assertThat(received.equalsBySdkFields(sent.toBuilder().clientToken(received.clientToken()).build())).isTrue();
            assertThat(response.ownerId()).isEqualTo(TestCredentials.ACCOUNT);
            Instance instance = response.instances().get(0);
            assertThat(instance.state().name()).isEqualTo(InstanceStateName.PENDING);
            assertThat(instance.launchTime()).isEqualTo(LAUNCHED);
            assertThat(instance.instanceType()).isEqualTo(InstanceType.T3_SMALL);
            assertThat(instance.tags()).extracting(Tag::value).containsExactly("a & <b>", "x");
        }
    }

    @Test
    void filtersDecodeAndErrorsParseAsTheirCodes() {
        try (Ec2Client ec2 = client(TestCredentials.longTerm())) {
            DescribeVpcsResponse response = ec2.describeVpcs(r -> r.filters(
                    Filter.builder().name("isDefault").values("true").build(),
                    Filter.builder().name("tag:Name").values("a", "b").build()));

            assertThat(((DescribeVpcsRequest) LAST_INPUT.get()).filters()).extracting(Filter::name, Filter::values)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("isDefault", List.of("true")),
                            org.assertj.core.groups.Tuple.tuple("tag:Name", List.of("a", "b")));
            assertThat(response.vpcs()).extracting(Vpc::vpcId, Vpc::isDefault)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("vpc-1", true));

            assertThatThrownBy(() -> ec2.describeVpcs(r -> r.vpcIds("vpc-missing")))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidVpcID.NotFound");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The vpc ID 'vpc-missing' does not exist");
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.requestId()).isNotBlank();
                    });
        }
    }

    @Test
    void anUnverifiableSignatureIsAuthFailure() {
        try (Ec2Client ec2 = client(TestCredentials.WRONG_SECRET)) {
            // the URLConnection client reads no body of a 401, so the code is checked on the raw wire below
            assertThatThrownBy(ec2::describeVpcs).isInstanceOfSatisfying(Ec2Exception.class,
                    e -> assertThat(e.statusCode()).isEqualTo(401));
        }
    }

    @Test
    void theResponseHasItsRequestIdAndNoResultWrapper() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.endpoint()
                        + "/?Action=DescribeVpcs&Version=2016-11-15")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("<Response><Errors><Error><Code>AuthFailure</Code>").contains("<RequestID>");
        assertThat(ServiceDescription.bundled("ec2").protocol()).isEqualTo(Protocol.EC2);
    }

}
