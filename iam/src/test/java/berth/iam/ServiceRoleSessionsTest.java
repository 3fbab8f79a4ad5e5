package berth.iam;

import berth.iam.core.IamIds;
import berth.iam.core.Role;
import berth.iam.state.IamRecords;
import berth.iam.state.SessionIssuer;
import berth.iam.state.SessionRecords;
import berth.iam.state.StoredCredentials;
import berth.store.Store;
import berth.store.embedded.EmbeddedStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceRoleSessionsTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String ACCOUNT = "111122223333";

    @TempDir
    Path directory;
    private Store store;
    private IamRecords iam;
    private StoredCredentials credentials;
    private ServiceRoleSessions issuer;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(directory);
        iam = new IamRecords(store, () -> { });
        SessionRecords sessions = new SessionRecords(store, () -> { });
        credentials = new StoredCredentials(iam, sessions);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        issuer = new ServiceRoleSessions(iam, new SessionIssuer(sessions, new IamIds(new SecureRandom()), clock), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void role(String name, String principal, String condition) {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":\"sts:AssumeRole\"" + condition + "}]}";
        iam.putRole(new Role(ACCOUNT, name, "/", "AROAEXAMPLEEXAMPLE123", NOW, trust, "", 3600, Map.of(), Map.of(), List.of(), ""),
                Store.ABSENT);
    }

    @Test
    void issuesCredentialsThatSignAsTheAssumedRole() {
        role("task", "{\"Service\":\"ecs-tasks.amazonaws.com\"}", "");
        var result = issuer.issue(RoleCredentialsIssuer.Request.forEcsTask("arn:aws:iam::111122223333:role/task", "task-1234",
                ACCOUNT, "arn:aws:ecs:us-east-1:111122223333:task/default/1234"));
        assertThat(result).isInstanceOf(RoleCredentialsIssuer.Issued.class);
        var issued = ((RoleCredentialsIssuer.Issued) result).credentials();
        assertThat(issued.accessKeyId()).startsWith("ASIA");
        assertThat(issued.expiration()).isEqualTo(NOW.plus(Duration.ofHours(6)));
        assertThat(issued.assumedRoleArn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/task/task-1234");
        assertThat(issued.assumedRoleId()).isEqualTo("AROAEXAMPLEEXAMPLE123:task-1234");
        var key = credentials.find(issued.accessKeyId()).orElseThrow();
        assertThat(key.sessionToken()).isEqualTo(issued.sessionToken());
        assertThat(key.secretAccessKey()).isEqualTo(issued.secretAccessKey());
        assertThat(key.identity().arn()).isEqualTo(issued.assumedRoleArn());
    }

    @Test
    void refusesRolesThatDoNotTrustTheService() {
        role("human", "{\"AWS\":\"111122223333\"}", "");
        var result = issuer.issue(RoleCredentialsIssuer.Request.forEcsTask("arn:aws:iam::111122223333:role/human", "t1", "",
                ""));
        assertThat(result).isInstanceOfSatisfying(RoleCredentialsIssuer.Refused.class, r ->
                assertThat(r.reason()).isEqualTo(RoleCredentialsIssuer.Reason.NOT_TRUSTED));
    }

    @Test
    void trustConditionsOnTheSourceAreHonoured() {
        role("scoped", "{\"Service\":\"ecs-tasks.amazonaws.com\"}",
                ",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}");
        String arn = "arn:aws:iam::111122223333:role/scoped";
        assertThat(issuer.issue(RoleCredentialsIssuer.Request.forEcsTask(arn, "t1", ACCOUNT, "")))
                .isInstanceOf(RoleCredentialsIssuer.Issued.class);
        assertThat(issuer.issue(RoleCredentialsIssuer.Request.forEcsTask(arn, "t1", "444455556666", "")))
                .isInstanceOf(RoleCredentialsIssuer.Refused.class);
        assertThat(issuer.issue(RoleCredentialsIssuer.Request.forEcsTask(arn, "t1", "", "")))
                .isInstanceOf(RoleCredentialsIssuer.Refused.class);
    }

    @Test
    void refusesMissingRolesAndBadRequests() {
        assertThat(issuer.issue(RoleCredentialsIssuer.Request.forEcsTask("arn:aws:iam::111122223333:role/none", "t1", "", "")))
                .isInstanceOfSatisfying(RoleCredentialsIssuer.Refused.class, r ->
                        assertThat(r.reason()).isEqualTo(RoleCredentialsIssuer.Reason.ROLE_NOT_FOUND));
        role("task", "{\"Service\":\"ecs-tasks.amazonaws.com\"}", "");
        String arn = "arn:aws:iam::111122223333:role/task";
        for (var bad : List.of(
                RoleCredentialsIssuer.Request.forEcsTask("not-an-arn", "t1", "", ""),
                RoleCredentialsIssuer.Request.forEcsTask(arn, "x", "", ""),
                RoleCredentialsIssuer.Request.forEcsTask(arn, "has space", "", ""),
                new RoleCredentialsIssuer.Request(arn, "ecs-tasks.amazonaws.com", "t1", Duration.ofMinutes(5), "", ""),
                new RoleCredentialsIssuer.Request(arn, "ecs-tasks.amazonaws.com", "t1", Duration.ofHours(13), "", ""))) {
            assertThat(issuer.issue(bad)).as(bad.toString()).isInstanceOfSatisfying(RoleCredentialsIssuer.Refused.class, r ->
                    assertThat(r.reason()).isEqualTo(RoleCredentialsIssuer.Reason.INVALID_REQUEST));
        }
        assertThat(issuer.issue(RoleCredentialsIssuer.Request.forEcsTask("arn:aws:iam::111122223333:role/other/task", "t1",
                "", ""))).isInstanceOfSatisfying(RoleCredentialsIssuer.Refused.class, r ->
                assertThat(r.reason()).isEqualTo(RoleCredentialsIssuer.Reason.ROLE_NOT_FOUND));
    }
}
