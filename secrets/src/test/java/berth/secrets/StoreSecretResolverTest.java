package berth.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import berth.secrets.keys.SealingKey;
import berth.secrets.manager.core.Secret;
import berth.secrets.manager.core.SecretNames;
import berth.secrets.manager.core.SecretStages;
import berth.secrets.manager.core.SecretVersion;
import berth.secrets.manager.state.SecretRecords;
import berth.secrets.ssm.core.Parameter;
import berth.secrets.ssm.core.ParameterVersion;
import berth.secrets.ssm.state.ParameterRecords;
import berth.store.Store;
import berth.store.StoredRecord;
import berth.store.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Container secrets resolve the way the ECS agent resolves them, and fail with ECS's stopped reasons. */
class StoreSecretResolverTest {
    @TempDir
    Path dir;
    Store store;
    SecretRecords secrets;
    ParameterRecords parameters;
    SecretResolver resolver;
    String arn;

    @BeforeEach
    void fixtures() {
        store = Stores.open("", dir);
        SealingKey key = new SealingKey(store);
        secrets = new SecretRecords(store, key);
        parameters = new ParameterRecords(store, key);
        resolver = new StoreSecretResolver(secrets, parameters);
        arn = SecretNames.newArn("111", "us-east-1", "app/db");
        List<SecretVersion> versions = SecretStages.withNewVersion(List.of(), new SecretVersion("v1",
                "{\"user\":\"old\",\"password\":\"first\"}", new byte[0], 1, List.of("AWSCURRENT")));
        versions = SecretStages.withNewVersion(versions, new SecretVersion("v2",
                "{\"user\":\"admin\",\"password\":\"s3cret\",\"port\":5432}", new byte[0], 2, List.of("AWSCURRENT")));
        secrets.save(new Secret("111", "us-east-1", "app/db", arn, "", "", List.of(), 1, 2, 0, 0, 0, versions), Store.ABSENT);
        secrets.save(new Secret("111", "us-east-1", "plain", SecretNames.newArn("111", "us-east-1", "plain"), "", "", List.of(),
                1, 1, 0, 0, 0, List.of(new SecretVersion("p1", "not json", new byte[0], 1, List.of("AWSCURRENT")))), Store.ABSENT);
        parameters.save(new Parameter("111", "us-east-1", "/app/token", List.of(new ParameterVersion(1, "SecureString",
                "tok-123", "", "alias/aws/ssm", "", "Standard", "text", 1, "me", List.of())), List.of()), Store.ABSENT);
        parameters.save(new Parameter("111", "eu-west-1", "/app/region", List.of(new ParameterVersion(1, "String",
                "eu", "", "", "", "Standard", "text", 1, "me", List.of())), List.of()), Store.ABSENT);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String value(String valueFrom) {
        SecretResolver.Resolution resolution = resolver.resolve("111", "us-east-1", valueFrom);
        assertThat(resolution).as(valueFrom).isInstanceOf(SecretResolver.Resolved.class);
        return ((SecretResolver.Resolved) resolution).value();
    }

    private SecretResolver.Failed failure(String valueFrom) {
        SecretResolver.Resolution resolution = resolver.resolve("111", "us-east-1", valueFrom);
        assertThat(resolution).as(valueFrom).isInstanceOf(SecretResolver.Failed.class);
        return (SecretResolver.Failed) resolution;
    }

    @Test
    void secretsManagerReferencesResolveWholeOrByJsonKeyAndVersion() {
        String partial = "arn:aws:secretsmanager:us-east-1:111:secret:app/db";
        assertThat(value(arn)).contains("s3cret");
        assertThat(value(partial)).contains("s3cret");
        assertThat(value(arn + ":password::")).isEqualTo("s3cret");
        assertThat(value(partial + ":port::")).isEqualTo("5432");
        assertThat(value(arn + ":password:AWSPREVIOUS:")).isEqualTo("first");
        assertThat(value(arn + ":user::v1")).isEqualTo("old");
    }

    @Test
    void parametersResolveByNameOrArnDecrypted() {
        assertThat(value("/app/token")).isEqualTo("tok-123");
        assertThat(value("arn:aws:ssm:us-east-1:111:parameter/app/token")).isEqualTo("tok-123");
        assertThat(value("arn:aws:ssm:eu-west-1:111:parameter/app/region")).isEqualTo("eu");
    }

    @Test
    void failuresCarryEcsStoppedReasons() {
        SecretResolver.Failed missing = failure("arn:aws:secretsmanager:us-east-1:111:secret:nope");
        assertThat(missing.reason()).isEqualTo(SecretResolver.Reason.SECRET_NOT_FOUND);
        assertThat(missing.stoppedReason()).isEqualTo("ResourceInitializationError: unable to pull secrets or registry auth: "
                + "execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 "
                + "time(s): failed to fetch secret arn:aws:secretsmanager:us-east-1:111:secret:nope from secrets manager: "
                + "ResourceNotFoundException: Secrets Manager can't find the specified secret.");
        SecretResolver.Failed key = failure(arn + ":missing::");
        assertThat(key.reason()).isEqualTo(SecretResolver.Reason.JSON_KEY_NOT_FOUND);
        assertThat(key.stoppedReason()).endsWith("retrieved secret from Secrets Manager did not contain json key missing");
        assertThat(failure(arn + "::AWSPENDING:").reason()).isEqualTo(SecretResolver.Reason.SECRET_VERSION_NOT_FOUND);
        assertThat(failure("arn:aws:secretsmanager:us-east-1:111:secret:plain:key::").reason())
                .isEqualTo(SecretResolver.Reason.SECRET_NOT_JSON);
        SecretResolver.Failed parameter = failure("/app/none");
        assertThat(parameter.reason()).isEqualTo(SecretResolver.Reason.PARAMETER_NOT_FOUND);
        assertThat(parameter.stoppedReason()).isEqualTo("ResourceInitializationError: unable to pull secrets or registry auth: "
                + "execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 "
                + "time(s): invalid parameters: /app/none");
        assertThat(failure("arn:aws:secretsmanager:us-east-1:222:secret:app/db").reason())
                .isEqualTo(SecretResolver.Reason.SECRET_NOT_FOUND);
        assertThat(failure("arn:aws:s3:::bucket/key").reason()).isEqualTo(SecretResolver.Reason.INVALID_REFERENCE);
    }

    @Test
    void aSecretScheduledForDeletionDoesNotResolve() {
        var found = secrets.find("111", "us-east-1", "app/db").orElseThrow();
        secrets.save(found.secret().scheduledForDeletion(10, 20), found.version());
        assertThat(failure(arn).reason()).isEqualTo(SecretResolver.Reason.SECRET_MARKED_FOR_DELETION);
    }

    @Test
    void recordsAreSealedAtRest() {
        for (StoredRecord record : store.scanAll()) {
            if (record.kind().equals(SealingKey.KIND)) continue;
            assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain("s3cret").doesNotContain("tok-123");
        }
    }
}
