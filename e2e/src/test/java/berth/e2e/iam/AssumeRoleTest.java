package berth.e2e.iam;

import berth.e2e.Policies;

import berth.e2e.RawAws;
import berth.junit5.BerthTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** STS AssumeRole: trust policies, temporary credentials, session policies, refused and expired tokens. */
@BerthTest(accountId = "111122223333", reset = BerthTest.Reset.PER_TEST, resetServices = "iam")
class AssumeRoleTest {
    private static final String TRUST_ACCOUNT = Policies.trustAws("arn:aws:iam::111122223333:root");
    private static final String ECS_READ = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecs:List*","ecs:Describe*"],"Resource":"*"}]}""";

    private final URI endpoint;
    private final IamClient iam;
    private final StsClient rootSts;

    AssumeRoleTest(URI endpoint) {
        this.endpoint = endpoint;
        this.iam = SignedClients.iam(endpoint, SignedClients.ROOT);
        this.rootSts = SignedClients.sts(endpoint, SignedClients.ROOT);
    }

    private String createReader(String name) {
        String arn = iam.createRole(r -> r.roleName(name).path("/apps/").assumeRolePolicyDocument(TRUST_ACCOUNT)
                .maxSessionDuration(7200)).role().arn();
        iam.putRolePolicy(r -> r.roleName(name).policyName("ecs-read").policyDocument(ECS_READ));
        return arn;
    }

    @Test
    void theAccountAssumesARoleAndActsAsIt() {
        String arn = createReader("reader");
        assertThat(arn).isEqualTo("arn:aws:iam::111122223333:role/apps/reader");
        var role = iam.getRole(r -> r.roleName("reader")).role();
        assertThat(role.roleId()).startsWith("AROA").hasSize(21);
        assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(TRUST_ACCOUNT);

        AssumeRoleResponse assumed = rootSts.assumeRole(r -> r.roleArn(arn).roleSessionName("ci-run"));
        Credentials credentials = assumed.credentials();
        assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(credentials.secretAccessKey()).hasSize(40);
        assertThat(credentials.sessionToken()).isNotBlank();
        assertThat(credentials.expiration()).isBetween(Instant.now().plus(Duration.ofMinutes(59)),
                Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/reader/ci-run");
        assertThat(assumed.assumedRoleUser().assumedRoleId()).isEqualTo(role.roleId() + ":ci-run");

        AwsCredentials session = SignedClients.of(credentials);
        try (StsClient sts = SignedClients.sts(endpoint, session);
             EcsClient ecs = SignedClients.ecs(endpoint, session, "us-east-1")) {
            var me = sts.getCallerIdentity();
            assertThat(me.arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/reader/ci-run");
            assertThat(me.userId()).isEqualTo(role.roleId() + ":ci-run");
            ecs.listClusters();
            assertThatThrownBy(() -> ecs.createCluster(r -> r.clusterName("nope"))).isInstanceOfSatisfying(EcsException.class,
                    e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:sts::111122223333:"
                            + "assumed-role/reader/ci-run is not authorized to perform: ecs:CreateCluster on resource: "
                            + "arn:aws:ecs:us-east-1:111122223333:cluster/nope because no identity-based policy allows the"
                            + " ecs:CreateCluster action"));
        }
    }

    @Test
    void aSessionPolicyNarrowsTheRole() {
        String arn = createReader("narrowed");
        Credentials credentials = rootSts.assumeRole(r -> r.roleArn(arn).roleSessionName("s1").policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecs:DescribeClusters","ecs:CreateCluster"],
                 "Resource":"*"}]}""")).credentials();
        try (EcsClient ecs = SignedClients.ecs(endpoint, SignedClients.of(credentials), "us-east-1")) {
            ecs.describeClusters();
            assertThatThrownBy(ecs::listClusters).isInstanceOfSatisfying(EcsException.class, e -> assertThat(
                    e.awsErrorDetails().errorMessage()).endsWith("because no session policy allows the ecs:ListClusters action"));
            assertThatThrownBy(() -> ecs.createCluster(r -> r.clusterName("c"))).isInstanceOfSatisfying(EcsException.class,
                    e -> assertThat(e.awsErrorDetails().errorMessage()).endsWith("because no identity-based policy allows the"
                            + " ecs:CreateCluster action"));
        }
    }

    @Test
    void forgedMissingAndExpiredSessionTokensAreRefused() throws Exception {
        String arn = createReader("guarded");
        Credentials credentials = rootSts.assumeRole(r -> r.roleArn(arn).roleSessionName("s1")).credentials();
        AwsCredentials forged = AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken().substring(0, credentials.sessionToken().length() - 4) + "AAAA");
        AwsCredentials withoutToken = AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey());
        AwsCredentials wrongSecret = AwsSessionCredentials.create(credentials.accessKeyId(), "x".repeat(40),
                credentials.sessionToken());
        for (AwsCredentials bad : new AwsCredentials[] {forged, withoutToken}) {
            try (StsClient sts = SignedClients.sts(endpoint, bad)) {
                assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
            }
        }
        try (StsClient sts = SignedClients.sts(endpoint, wrongSecret)) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
        }

        expireSession(credentials.accessKeyId());
        try (StsClient sts = SignedClients.sts(endpoint, SignedClients.of(credentials));
             EcsClient ecs = SignedClients.ecs(endpoint, SignedClients.of(credentials), "us-east-1")) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
            });
            assertThatThrownBy(ecs::listClusters).isInstanceOfSatisfying(EcsException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException"));
        }
    }

    /** Rewrites a stored session to have expired an hour ago, through berth's state export and import. */
    private void expireSession(String accessKeyId) throws Exception {
        RawAws raw = new RawAws(endpoint);
        String snapshot = raw.signed("GET", "/_berth/state", Map.of(), new byte[0], "berth", "us-east-1", "test", "test").body();
        Matcher record = Pattern.compile("\\{\"kind\":\"sts\\.session\",\"key\":\"" + accessKeyId + "\",\"value\":\"([^\"]+)\"}")
                .matcher(snapshot);
        assertThat(record.find()).as("the session is in the exported state").isTrue();
        String session = new String(Base64.getDecoder().decode(record.group(1)), StandardCharsets.UTF_8);
        String expired = session.replaceFirst("\"expiration\":\"[^\"]+\"",
                "\"expiration\":\"" + Instant.now().minus(Duration.ofHours(1)) + "\"");
        assertThat(expired).isNotEqualTo(session);
        String rewritten = snapshot.substring(0, record.start(1))
                + Base64.getEncoder().encodeToString(expired.getBytes(StandardCharsets.UTF_8)) + snapshot.substring(record.end(1));
        var imported = raw.signed("POST", "/_berth/state", Map.of("Content-Type", "application/json"),
                rewritten.getBytes(StandardCharsets.UTF_8), "berth", "us-east-1", "test", "test");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    }

    @Test
    void theTrustPolicyDecidesWhoMayAssume() {
        String arn = iam.createRole(r -> r.roleName("task")
                .assumeRolePolicyDocument(Policies.trustService("ecs-tasks.amazonaws.com"))).role().arn();
        assertThatThrownBy(() -> rootSts.assumeRole(r -> r.roleArn(arn).roleSessionName("s1")))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::111122223333:root is not"
                            + " authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/task");
                });
        assertThatThrownBy(() -> rootSts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/missing")
                .roleSessionName("s1"))).isInstanceOfSatisfying(StsException.class, e ->
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    }

    @Test
    void aUserNeedsAnIdentityPolicyUnlessTheTrustPolicyNamesIt() {
        iam.createUser(r -> r.userName("uma"));
        AwsCredentials uma = SignedClients.of(iam.createAccessKey(r -> r.userName("uma")).accessKey());
        String accountTrusted = createReader("by-account");
        String userTrusted = iam.createRole(r -> r.roleName("by-arn")
                .assumeRolePolicyDocument(Policies.trustAws("arn:aws:iam::111122223333:user/uma"))).role().arn();
        try (StsClient sts = SignedClients.sts(endpoint, uma)) {
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(accountTrusted).roleSessionName("s1")))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("User: arn:aws:iam::111122223333:user/uma is not authorized to perform: sts:AssumeRole"
                                    + " on resource: " + accountTrusted));
            assertThat(sts.assumeRole(r -> r.roleArn(userTrusted).roleSessionName("s1")).assumedRoleUser().arn())
                    .isEqualTo("arn:aws:sts::111122223333:assumed-role/by-arn/s1");
            iam.putUserPolicy(r -> r.userName("uma").policyName("assume").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                            + "\"Resource\":\"arn:aws:iam::111122223333:role/apps/*\"}]}"));
            assertThat(sts.assumeRole(r -> r.roleArn(accountTrusted).roleSessionName("s1")).credentials()).isNotNull();
        }
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("ghost-trust")
                .assumeRolePolicyDocument(Policies.trustAws("arn:aws:iam::111122223333:user/ghost")))).isInstanceOfSatisfying(
                software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                                "Invalid principal in policy: \"AWS\":\"arn:aws:iam::111122223333:user/ghost\""));
    }

    @Test
    void sessionLengthIsBoundedByTheRoleAndByChaining() {
        String arn = createReader("bounded");
        assertThatThrownBy(() -> rootSts.assumeRole(r -> r.roleArn(arn).roleSessionName("s1").durationSeconds(7201)))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
                });
        assertThatThrownBy(() -> rootSts.assumeRole(r -> r.roleArn(arn).roleSessionName("s1").durationSeconds(60)))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationError"));
        Credentials first = rootSts.assumeRole(r -> r.roleArn(arn).roleSessionName("first").durationSeconds(7200))
                .credentials();
        iam.updateAssumeRolePolicy(r -> r.roleName("bounded")
                .policyDocument(Policies.trustAws("arn:aws:iam::111122223333:role/apps/bounded")));
        try (StsClient chained = SignedClients.sts(endpoint, SignedClients.of(first))) {
            assertThatThrownBy(() -> chained.assumeRole(r -> r.roleArn(arn).roleSessionName("second").durationSeconds(7200)))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by"
                                    + " role chaining."));
            assertThat(chained.assumeRole(r -> r.roleArn(arn).roleSessionName("second")).assumedRoleUser().arn())
                    .isEqualTo("arn:aws:sts::111122223333:assumed-role/bounded/second");
        }
    }

    @Test
    void malformedSessionPoliciesAreRefused() {
        String arn = createReader("strict");
        assertThatThrownBy(() -> rootSts.assumeRole(r -> r.roleArn(arn).roleSessionName("s1").policy("{\"Statement\":[]}")))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
                });
    }
}
