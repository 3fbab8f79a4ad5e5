package berth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

/** The AWS Query protocol (STS, ELBv2) through the real SDK clients and by hand. */
class QueryProtocolTest {
    private static WireFixture fixture;
    private static StsClient sts;
    private static ElasticLoadBalancingV2Client elb;

    @BeforeAll
    static void start() {
        fixture = new WireFixture();
        sts = fixture.sts(TestCredentials.longTerm());
        elb = fixture.elbv2(TestCredentials.longTerm());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void callerIdentityIsTheSignerOfTheRequest() {
        GetCallerIdentityResponse identity = sts.getCallerIdentity();

        assertThat(identity.account()).isEqualTo(TestCredentials.ACCOUNT);
        assertThat(identity.arn()).isEqualTo(TestCredentials.ROOT.arn());
        assertThat(identity.userId()).isEqualTo(TestCredentials.ACCOUNT);
        assertThat(fixture.server.lastDispatched().service()).isEqualTo("sts");
        assertThat(fixture.server.lastDispatched().operation()).isEqualTo("GetCallerIdentity");
    }

    @Test
    void formParametersDecodeListsOfStructuresAndResponsesEncodeNestedXml() {
        AssumeRoleRequest sent = AssumeRoleRequest.builder().roleArn("arn:aws:iam::123456789012:role/deployer")
                .roleSessionName("ci run #7").durationSeconds(900).sourceIdentity("me")
                .policyArns(PolicyDescriptorType.builder().arn("arn:aws:iam::aws:policy/ReadOnly").build(),
                        PolicyDescriptorType.builder().arn("arn:aws:iam::aws:policy/Billing").build())
                .tags(Tag.builder().key("team").value("a&b <c>").build())
                .transitiveTagKeys("team")
                .build();

        AssumeRoleResponse response = sts.assumeRole(sent);

        assertThat(((AssumeRoleRequest) fixture.lastInput.get()).equalsBySdkFields(sent)).isTrue();
        assertThat(response.credentials().expiration()).isEqualTo(Instant.parse("2030-01-02T03:04:05.678Z"));
        assertThat(response.credentials().secretAccessKey()).isEqualTo("s3cr3t & <more>");
        assertThat(response.assumedRoleUser().arn()).isEqualTo("arn:aws:iam::123456789012:role/deployer/ci run #7");
        assertThat(response.packedPolicySize()).isEqualTo(7);
        assertThat(response.sourceIdentity()).isEqualTo("me");
    }

    @Test
    void loadBalancerRoundTripsListsEnumsAndTimestamps() {
        CreateLoadBalancerRequest sent = CreateLoadBalancerRequest.builder().name("web")
                .subnets("subnet-1", "subnet-2").securityGroups("sg-1")
                .scheme(LoadBalancerSchemeEnum.INTERNAL).type(LoadBalancerTypeEnum.APPLICATION)
                .tags(software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder().key("env").value("prod").build())
                .build();

        LoadBalancer created = elb.createLoadBalancer(sent).loadBalancers().get(0);

        assertThat(((CreateLoadBalancerRequest) fixture.lastInput.get()).equalsBySdkFields(sent)).isTrue();
        assertThat(created.scheme()).isEqualTo(LoadBalancerSchemeEnum.INTERNAL);
        assertThat(created.state().code()).isEqualTo(LoadBalancerStateEnum.PROVISIONING);
        assertThat(created.createdTime()).isEqualTo(TestServices.CREATED_AT);
        assertThat(created.availabilityZones()).extracting(z -> z.subnetId()).containsExactly("subnet-1", "subnet-2");
        assertThat(created.securityGroups()).containsExactly("sg-1");
        assertThat(created.hasAvailabilityZones()).isTrue();
        assertThat(created.availabilityZones().get(0).hasLoadBalancerAddresses()).isFalse();
    }

    @Test
    void markersPageThroughLoadBalancers() {
        for (String name : List.of("page-1", "page-2", "page-3")) {
            elb.createLoadBalancer(r -> r.name(name).subnets("subnet-9"));
        }

        List<String> names = elb.describeLoadBalancersPaginator(r -> r.pageSize(2)).loadBalancers().stream()
                .map(LoadBalancer::loadBalancerName).filter(n -> n.startsWith("page-")).toList();

        assertThat(names).containsExactly("page-1", "page-2", "page-3");
    }

    @Test
    void modeledErrorArrivesAsTheSdkExceptionClass() {
        assertThatThrownBy(() -> elb.describeLoadBalancers(r -> r.names("nope")))
                .isInstanceOfSatisfying(LoadBalancerNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("One or more load balancers not found");
                    assertThat(e.requestId()).matches("[0-9a-f-]{36}");
                });
    }

    @Test
    void requiredMembersAndEnumsAreValidationErrors() {
        assertThatThrownBy(() -> sts.assumeRole(r -> r.durationSeconds(900)))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("2 validation errors detected: Value null at"
                            + " 'roleArn' failed to satisfy constraint: Member must not be null; Value null at"
                            + " 'roleSessionName' failed to satisfy constraint: Member must not be null");
                });
        assertThatThrownBy(() -> elb.createLoadBalancer(r -> r.name("x").scheme("sideways")))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("Value 'sideways' at 'scheme' failed to satisfy"
                            + " constraint: Member must satisfy enum value set: [internet-facing, internal]");
                });
    }

    @Test
    void operationInTheModelButNotImplementedAnswers501() {
        assertThatThrownBy(() -> elb.deleteLoadBalancer(r -> r.loadBalancerArn("arn:aws:elasticloadbalancing:x")))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("berth does not implement elasticloadbalancing:DeleteLoadBalancer yet");
                });
    }

    @Test
    void errorShapeIsAnErrorResponseDocument() {
        HttpResponse<String> response = stsRaw("Action=LaunchRocket&Version=2011-06-15");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawRequests.header(response, "content-type")).isEqualTo("text/xml");
        String requestId = RawRequests.header(response, "x-amzn-RequestId");
        assertThat(response.body()).isEqualTo("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<Error><Type>Sender</Type><Code>InvalidAction</Code><Message>Could not find operation LaunchRocket for"
                + " version 2011-06-15</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>");
    }

    @Test
    void successShapeWrapsTheResultAndResponseMetadata() {
        HttpResponse<String> response = stsRaw("Action=GetCallerIdentity&Version=2011-06-15");

        String requestId = RawRequests.header(response, "x-amzn-RequestId");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult><UserId>123456789012</UserId><Account>123456789012</Account>"
                + "<Arn>arn:aws:iam::123456789012:root</Arn></GetCallerIdentityResult>"
                + "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata></GetCallerIdentityResponse>");
    }

    @Test
    void malformedFormsAndMissingActionsAreRejected() {
        HttpResponse<String> malformed = stsRaw("Action=GetCallerIdentity&Version=2011-06-15&Bad=%zz");
        assertThat(malformed.statusCode()).isEqualTo(404);
        assertThat(malformed.body()).contains("<Code>MalformedQueryString</Code>");
        HttpResponse<String> missing = stsRaw("Version=2011-06-15");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("<Code>MissingAction</Code>");
        HttpResponse<String> mistyped = stsRaw("Action=AssumeRole&Version=2011-06-15&RoleArn=a&RoleSessionName=bb"
                + "&DurationSeconds=soon");
        assertThat(mistyped.statusCode()).isEqualTo(400);
        assertThat(mistyped.body()).contains("<Code>ValidationError</Code>")
                .contains("Value &apos;soon&apos; at &apos;durationSeconds&apos;");
    }

    private static HttpResponse<String> stsRaw(String form) {
        return RawRequests.signedSend("POST", fixture.endpoint().resolve("/"),
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), form, "sts",
                TestCredentials.longTerm());
    }
}
