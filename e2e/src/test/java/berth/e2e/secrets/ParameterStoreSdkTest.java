package berth.e2e.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.junit5.BerthTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** SSM Parameter Store through the AWS SDK for Java v2. */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "secrets")
class ParameterStoreSdkTest {
    private final SsmClient ssm;

    ParameterStoreSdkTest(SsmClient ssm) {
        this.ssm = ssm;
    }

    @Test
    void parametersHaveVersionsSelectorsAndArns() {
        assertThat(ssm.putParameter(r -> r.name("/app/db/host").value("db-1").type(ParameterType.STRING)).version()).isEqualTo(1);
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/app/db/host").value("db-2").type(ParameterType.STRING)))
                .isInstanceOf(ParameterAlreadyExistsException.class);
        assertThat(ssm.putParameter(r -> r.name("/app/db/host").value("db-2").overwrite(true)).version()).isEqualTo(2);

        Parameter latest = ssm.getParameter(r -> r.name("/app/db/host")).parameter();
        assertThat(latest.value()).isEqualTo("db-2");
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.arn()).isEqualTo("arn:aws:ssm:us-east-1:000000000000:parameter/app/db/host");
        assertThat(latest.type()).isEqualTo(ParameterType.STRING);
        assertThat(ssm.getParameter(r -> r.name("/app/db/host:1")).parameter().value()).isEqualTo("db-1");
        assertThat(ssm.getParameter(r -> r.name("arn:aws:ssm:us-east-1:000000000000:parameter/app/db/host")).parameter().value())
                .isEqualTo("db-2");
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/app/db/host:9"))).isInstanceOf(ParameterVersionNotFoundException.class);
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/app/nope"))).isInstanceOf(ParameterNotFoundException.class);
        assertThat(ssm.getParameterHistory(r -> r.name("/app/db/host")).parameters())
                .extracting(h -> h.value()).containsExactly("db-1", "db-2");
    }

    @Test
    void secureStringsStayEncryptedUnlessAskedToDecrypt() {
        ssm.putParameter(r -> r.name("/app/token").value("t0ken").type(ParameterType.SECURE_STRING));
        Parameter hidden = ssm.getParameter(r -> r.name("/app/token")).parameter();
        assertThat(hidden.value()).isNotEqualTo("t0ken").isNotBlank();
        assertThat(ssm.getParameter(r -> r.name("/app/token")).parameter().value()).isEqualTo(hidden.value());
        assertThat(ssm.getParameter(r -> r.name("/app/token").withDecryption(true)).parameter().value()).isEqualTo("t0ken");
        ParameterMetadata metadata = ssm.describeParameters().parameters().get(0);
        assertThat(metadata.keyId()).isEqualTo("alias/aws/ssm");
        assertThat(metadata.lastModifiedUser()).isEqualTo("arn:aws:iam::000000000000:root");
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/app/plain").value("x").type(ParameterType.STRING).keyId("alias/k")))
                .isInstanceOf(SsmException.class).hasMessageContaining("KeyId is required for SecureString");
    }

    @Test
    void getParametersReportsTheInvalidOnes() {
        ssm.putParameter(r -> r.name("a").value("1").type(ParameterType.STRING));
        ssm.putParameter(r -> r.name("list").value("x,y,z").type(ParameterType.STRING_LIST));
        var got = ssm.getParameters(r -> r.names("a", "list", "missing", "a:7"));
        assertThat(got.parameters()).extracting(Parameter::name).containsExactlyInAnyOrder("a", "list");
        assertThat(got.invalidParameters()).containsExactlyInAnyOrder("missing", "a:7");
        var deleted = ssm.deleteParameters(r -> r.names("a", "ghost"));
        assertThat(deleted.deletedParameters()).containsExactly("a");
        assertThat(deleted.invalidParameters()).containsExactly("ghost");
        assertThatThrownBy(() -> ssm.deleteParameter(r -> r.name("a"))).isInstanceOf(ParameterNotFoundException.class);
    }

    @Test
    void pathsListOneLevelOrRecursivelyWithFiltersAndPages() {
        for (String name : List.of("/svc/a", "/svc/b", "/svc/deep/c", "/svc/deep/er/d", "/other/e")) {
            ssm.putParameter(r -> r.name(name).value(name).type(name.endsWith("b") ? ParameterType.SECURE_STRING : ParameterType.STRING));
        }
        assertThat(ssm.getParametersByPath(r -> r.path("/svc")).parameters()).extracting(Parameter::name)
                .containsExactly("/svc/a", "/svc/b");
        List<String> recursive = new ArrayList<>();
        ssm.getParametersByPathPaginator(r -> r.path("/svc/").recursive(true).maxResults(1).withDecryption(true))
                .forEach(page -> page.parameters().forEach(p -> recursive.add(p.name() + "=" + p.value())));
        assertThat(recursive).containsExactly("/svc/a=/svc/a", "/svc/b=/svc/b", "/svc/deep/c=/svc/deep/c",
                "/svc/deep/er/d=/svc/deep/er/d");
        assertThat(ssm.getParametersByPath(r -> r.path("/svc").recursive(true)
                .parameterFilters(f -> f.key("Type").values("SecureString"))).parameters()).extracting(Parameter::name)
                .containsExactly("/svc/b");
        assertThatThrownBy(() -> ssm.getParametersByPath(r -> r.path("/svc").parameterFilters(f -> f.key("Name").values("x"))))
                .isInstanceOf(SsmException.class).hasMessageContaining("filter key is not valid");
        assertThat(ssm.describeParameters(r -> r.parameterFilters(f -> f.key("Path").option("Recursive").values("/svc/deep")))
                .parameters()).extracting(ParameterMetadata::name).containsExactly("/svc/deep/c", "/svc/deep/er/d");
        assertThat(ssm.describeParameters(r -> r.parameterFilters(f -> f.key("Name").option("BeginsWith").values("/other")))
                .parameters()).extracting(ParameterMetadata::name).containsExactly("/other/e");
    }

    @Test
    void namesTiersAndTagsFollowTheRules() {
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/aws/mine").value("x").type(ParameterType.STRING)))
                .isInstanceOf(SsmException.class);
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/big").value("x".repeat(4097)).type(ParameterType.STRING)))
                .isInstanceOf(SsmException.class).hasMessageContaining("4096");
        assertThat(ssm.putParameter(r -> r.name("/big").value("x".repeat(4097)).type(ParameterType.STRING)
                .tier(ParameterTier.INTELLIGENT_TIERING)).tier()).isEqualTo(ParameterTier.ADVANCED);
        ssm.putParameter(r -> r.name("/tagged").value("v").type(ParameterType.STRING)
                .tags(t -> t.key("env").value("prod")));
        ssm.addTagsToResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/tagged").tags(t -> t.key("team").value("a")));
        ssm.removeTagsFromResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/tagged").tagKeys("env"));
        assertThat(ssm.listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/tagged")).tagList())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("team=a");
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/tagged").value("w").overwrite(true).tags(t -> t.key("a").value("b"))))
                .isInstanceOf(SsmException.class).hasMessageContaining("tags and overwrite can't be used together");
    }
}
