package berth.e2e.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.junit5.BerthTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** Secrets Manager through the AWS SDK for Java v2. */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "secrets")
class SecretsManagerSdkTest {
    private final SecretsManagerClient secrets;

    SecretsManagerSdkTest(SecretsManagerClient secrets) {
        this.secrets = secrets;
    }

    @Test
    void secretsAreFoundByNameFullArnAndPartialArn() {
        CreateSecretResponse created = secrets.createSecret(r -> r.name("prod/db").secretString("{\"password\":\"p1\"}")
                .description("database").kmsKeyId("alias/mine"));
        assertThat(created.arn()).matches("arn:aws:secretsmanager:us-east-1:000000000000:secret:prod/db-[A-Za-z0-9]{6}");
        assertThat(created.versionId()).isNotBlank();
        String partial = "arn:aws:secretsmanager:us-east-1:000000000000:secret:prod/db";
        for (String id : List.of("prod/db", created.arn(), partial)) {
            var value = secrets.getSecretValue(r -> r.secretId(id));
            assertThat(value.secretString()).isEqualTo("{\"password\":\"p1\"}");
            assertThat(value.arn()).isEqualTo(created.arn());
            assertThat(value.versionStages()).containsExactly("AWSCURRENT");
        }
        // another suffix: the last character changed (a random suffix may itself end in X)
        String last = created.arn().substring(created.arn().length() - 1);
        String other = created.arn().substring(0, created.arn().length() - 1) + (last.equals("X") ? "Y" : "X");
        assertThatThrownBy(() -> secrets.getSecretValue(r -> r.secretId(other)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Secrets Manager can't find the specified secret.");
        assertThatThrownBy(() -> secrets.createSecret(r -> r.name("prod/db").secretString("x")))
                .isInstanceOf(ResourceExistsException.class).hasMessageContaining("prod/db already exists");
        DescribeSecretResponse described = secrets.describeSecret(r -> r.secretId("prod/db"));
        assertThat(described.description()).isEqualTo("database");
        assertThat(described.kmsKeyId()).isEqualTo("alias/mine");
        assertThat(described.createdDate()).isNotNull();
        assertThat(described.deletedDate()).isNull();
    }

    @Test
    void aRepeatedClientRequestTokenIsIdempotent() {
        String token = "11111111-2222-3333-4444-555555555555";
        CreateSecretResponse first = secrets.createSecret(r -> r.name("idem").secretString("v").clientRequestToken(token));
        CreateSecretResponse again = secrets.createSecret(r -> r.name("idem").secretString("v").clientRequestToken(token));
        assertThat(again.versionId()).isEqualTo(first.versionId()).isEqualTo(token);
        String second = "22222222-2222-3333-4444-555555555555";
        secrets.putSecretValue(r -> r.secretId("idem").secretString("w").clientRequestToken(second));
        secrets.putSecretValue(r -> r.secretId("idem").secretString("w").clientRequestToken(second));
        assertThatThrownBy(() -> secrets.putSecretValue(r -> r.secretId("idem").secretString("other").clientRequestToken(second)))
                .isInstanceOf(ResourceExistsException.class);
        assertThat(secrets.listSecretVersionIds(r -> r.secretId("idem")).versions()).hasSize(2);
    }

    @Test
    void newValuesBecomeCurrentAndTheOldOnesPrevious() {
        secrets.createSecret(r -> r.name("rotating").secretString("one"));
        PutSecretValueResponse two = secrets.putSecretValue(r -> r.secretId("rotating").secretString("two"));
        assertThat(two.versionStages()).containsExactly("AWSCURRENT");
        secrets.putSecretValue(r -> r.secretId("rotating").secretString("three"));
        assertThat(secrets.getSecretValue(r -> r.secretId("rotating")).secretString()).isEqualTo("three");
        assertThat(secrets.getSecretValue(r -> r.secretId("rotating").versionStage("AWSPREVIOUS")).secretString()).isEqualTo("two");
        assertThat(secrets.getSecretValue(r -> r.secretId("rotating").versionId(two.versionId())).secretString()).isEqualTo("two");

        PutSecretValueResponse staged = secrets.putSecretValue(r -> r.secretId("rotating").secretString("next").versionStages("canary"));
        assertThat(secrets.getSecretValue(r -> r.secretId("rotating")).secretString()).isEqualTo("three");
        assertThat(secrets.getSecretValue(r -> r.secretId("rotating").versionStage("canary")).secretString()).isEqualTo("next");
        var stages = secrets.describeSecret(r -> r.secretId("rotating")).versionIdsToStages();
        assertThat(stages).hasSize(3).containsEntry(staged.versionId(), List.of("canary"))
                .containsEntry(two.versionId(), List.of("AWSPREVIOUS"));
        assertThatThrownBy(() -> secrets.getSecretValue(r -> r.secretId("rotating").versionStage("nope")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("staging label: nope");
        assertThatThrownBy(() -> secrets.getSecretValue(r -> r.secretId("rotating").versionId(two.versionId()).versionStage("canary")))
                .isInstanceOf(InvalidRequestException.class);

        secrets.updateSecretVersionStage(r -> r.secretId("rotating").versionStage("AWSCURRENT")
                .moveToVersionId(staged.versionId()).removeFromVersionId(secrets.getSecretValue(g -> g.secretId("rotating")).versionId()));
        assertThat(secrets.getSecretValue(r -> r.secretId("rotating")).secretString()).isEqualTo("next");
        assertThat(secrets.getSecretValue(r -> r.secretId("rotating").versionStage("AWSPREVIOUS")).secretString()).isEqualTo("three");
    }

    @Test
    void binarySecretsAndUpdates() {
        byte[] key = {0, 1, 2, (byte) 255};
        secrets.createSecret(r -> r.name("bin").secretBinary(SdkBytes.fromByteArray(key)));
        var value = secrets.getSecretValue(r -> r.secretId("bin"));
        assertThat(value.secretBinary().asByteArray()).isEqualTo(key);
        assertThat(value.secretString()).isNull();
        assertThatThrownBy(() -> secrets.createSecret(r -> r.name("both").secretString("a").secretBinary(SdkBytes.fromByteArray(key))))
                .isInstanceOf(InvalidParameterException.class);
        secrets.updateSecret(r -> r.secretId("bin").description("now a string").secretString("text"));
        assertThat(secrets.getSecretValue(r -> r.secretId("bin")).secretString()).isEqualTo("text");
        assertThat(secrets.describeSecret(r -> r.secretId("bin")).description()).isEqualTo("now a string");
        assertThatThrownBy(() -> secrets.createSecret(r -> r.name("bad name!").secretString("x")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void deletionIsScheduledRecoverableOrForced() {
        secrets.createSecret(r -> r.name("doomed").secretString("x"));
        secrets.createSecret(r -> r.name("kept").secretString("y"));
        var scheduled = secrets.deleteSecret(r -> r.secretId("doomed").recoveryWindowInDays(7L));
        assertThat(scheduled.deletionDate()).isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(6)));
        assertThatThrownBy(() -> secrets.getSecretValue(r -> r.secretId("doomed")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("You can't perform this operation on the secret because it was marked for deletion.");
        assertThatThrownBy(() -> secrets.putSecretValue(r -> r.secretId("doomed").secretString("z")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(secrets.describeSecret(r -> r.secretId("doomed")).deletedDate()).isNotNull();
        assertThat(secrets.listSecrets().secretList()).extracting(SecretListEntry::name).containsExactly("kept");
        assertThat(secrets.listSecrets(r -> r.includePlannedDeletion(true)).secretList()).hasSize(2);
        assertThatThrownBy(() -> secrets.createSecret(r -> r.name("doomed").secretString("again")))
                .isInstanceOf(InvalidRequestException.class);

        secrets.restoreSecret(r -> r.secretId("doomed"));
        assertThat(secrets.getSecretValue(r -> r.secretId("doomed")).secretString()).isEqualTo("x");

        assertThatThrownBy(() -> secrets.deleteSecret(r -> r.secretId("doomed").recoveryWindowInDays(5L)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("between 7 and 30");
        assertThatThrownBy(() -> secrets.deleteSecret(r -> r.secretId("doomed").recoveryWindowInDays(7L).forceDeleteWithoutRecovery(true)))
                .isInstanceOf(InvalidParameterException.class);
        secrets.deleteSecret(r -> r.secretId("doomed").forceDeleteWithoutRecovery(true));
        assertThatThrownBy(() -> secrets.describeSecret(r -> r.secretId("doomed"))).isInstanceOf(ResourceNotFoundException.class);
        assertThat(secrets.deleteSecret(r -> r.secretId("kept")).deletionDate())
                .isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(29)));
    }

    @Test
    void listingFiltersAndPagesAndTagsChange() {
        for (int i = 0; i < 7; i++) {
            int n = i;
            secrets.createSecret(r -> r.name((n % 2 == 0 ? "prod/" : "dev/") + "s" + n).secretString("v")
                    .tags(Tag.builder().key("team").value(n < 3 ? "red" : "blue").build()));
        }
        assertThat(secrets.listSecrets(r -> r.filters(f -> f.key(FilterNameStringType.NAME).values("prod/"))).secretList())
                .hasSize(4);
        assertThat(secrets.listSecrets(r -> r.filters(f -> f.key(FilterNameStringType.TAG_VALUE).values("red"))).secretList())
                .hasSize(3);
        assertThat(secrets.listSecrets(r -> r.filters(f -> f.key(FilterNameStringType.NAME).values("!prod/"))).secretList())
                .hasSize(3);
        List<String> paged = new ArrayList<>();
        secrets.listSecretsPaginator(r -> r.maxResults(2)).forEach(page -> page.secretList().forEach(s -> paged.add(s.name())));
        assertThat(paged).hasSize(7).doesNotHaveDuplicates();

        secrets.tagResource(r -> r.secretId("prod/s0").tags(Tag.builder().key("owner").value("ana").build()));
        secrets.untagResource(r -> r.secretId("prod/s0").tagKeys("team"));
        assertThat(secrets.describeSecret(r -> r.secretId("prod/s0")).tags()).containsExactly(Tag.builder().key("owner").value("ana").build());
    }
}
