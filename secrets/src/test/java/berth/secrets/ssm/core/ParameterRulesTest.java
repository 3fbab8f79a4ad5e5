package berth.secrets.ssm.core;

import static org.assertj.core.api.Assertions.assertThat;

import berth.aws.Scope;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParameterRulesTest {
    static final Scope R = new Scope("1", "r");


    private static ParameterRules.Put put(String name, String value, String type, boolean overwrite) {
        return new ParameterRules.Put(name, value, type, overwrite, "", "", "", "", "", List.of(), false);
    }

    private static Parameter stored(ParameterRules.Outcome outcome) {
        assertThat(outcome).isInstanceOf(ParameterRules.Stored.class);
        return ((ParameterRules.Stored) outcome).parameter();
    }

    private static String refusal(ParameterRules.Outcome outcome) {
        assertThat(outcome).isInstanceOf(ParameterRules.Refused.class);
        return ((ParameterRules.Refused) outcome).code();
    }

    @Test
    void versionsCountUpAndOverwriteIsRequired() {
        Parameter first = stored(ParameterRules.put(Optional.empty(), put("/a/b", "one", "String", false), R, 10, "me"));
        assertThat(first.latest().version()).isEqualTo(1);
        assertThat(first.latest().tier()).isEqualTo("Standard");
        assertThat(refusal(ParameterRules.put(Optional.of(first), put("/a/b", "two", "", false), R, 20, "me")))
                .isEqualTo("ParameterAlreadyExists");
        Parameter second = stored(ParameterRules.put(Optional.of(first), put("/a/b", "two", "", true), R, 20, "me"));
        assertThat(second.versions()).extracting(ParameterVersion::version).containsExactly(1L, 2L);
        assertThat(second.latest().type()).isEqualTo("String");
        assertThat(second.latest().value()).isEqualTo("two");
    }

    @Test
    void typesKeysAndTagsFollowParameterStoreRules() {
        assertThat(refusal(ParameterRules.put(Optional.empty(), put("x", "v", "", false), R, 0, "me")))
                .isEqualTo("ValidationException");
        Parameter secure = stored(ParameterRules.put(Optional.empty(), put("s", "v", "SecureString", false), R, 0, "me"));
        assertThat(secure.latest().keyId()).isEqualTo("alias/aws/ssm");
        var keyOnString = new ParameterRules.Put("k", "v", "String", false, "alias/mine", "", "", "", "", List.of(), false);
        assertThat(refusal(ParameterRules.put(Optional.empty(), keyOnString, R, 0, "me"))).isEqualTo("ValidationException");
        var tagsAndOverwrite = new ParameterRules.Put("t", "v", "String", true, "", "", "", "", "",
                List.of(new Parameter.Tag("a", "b")), false);
        assertThat(refusal(ParameterRules.put(Optional.empty(), tagsAndOverwrite, R, 0, "me"))).isEqualTo("ValidationException");
    }

    @Test
    void standardTierHoldsFourKilobytesAdvancedEightAndNoDowngrade() {
        String big = "x".repeat(4097);
        assertThat(refusal(ParameterRules.put(Optional.empty(), put("big", big, "String", false), R, 0, "me")))
                .isEqualTo("ValidationException");
        var intelligent = new ParameterRules.Put("big", big, "String", false, "", "", "", "Intelligent-Tiering", "", List.of(), false);
        Parameter advanced = stored(ParameterRules.put(Optional.empty(), intelligent, R, 0, "me"));
        assertThat(advanced.latest().tier()).isEqualTo("Advanced");
        var downgrade = new ParameterRules.Put("big", "small", "", true, "", "", "", "Standard", "", List.of(), false);
        assertThat(refusal(ParameterRules.put(Optional.of(advanced), downgrade, R, 0, "me"))).isEqualTo("ValidationException");
        assertThat(stored(ParameterRules.put(Optional.of(advanced), put("big", "small", "", true), R, 0, "me"))
                .latest().tier()).isEqualTo("Advanced");
        var tooBig = new ParameterRules.Put("huge", "x".repeat(8193), "String", false, "", "", "", "Advanced", "", List.of(), false);
        assertThat(refusal(ParameterRules.put(Optional.empty(), tooBig, R, 0, "me"))).isEqualTo("ValidationException");
    }

    @Test
    void allowedPatternsAndDataTypesAreEnforced() {
        var digits = new ParameterRules.Put("p", "abc", "String", false, "", "", "^\\d+$", "", "", List.of(), false);
        assertThat(refusal(ParameterRules.put(Optional.empty(), digits, R, 0, "me"))).isEqualTo("ParameterPatternMismatchException");
        var image = new ParameterRules.Put("ami", "ami-0123456789abcdef0", "String", false, "", "", "", "", "aws:ec2:image", List.of(), false);
        assertThat(stored(ParameterRules.put(Optional.empty(), image, R, 0, "me")).latest().dataType()).isEqualTo("aws:ec2:image");
        var notImage = new ParameterRules.Put("ami", "hello", "String", false, "", "", "", "", "aws:ec2:image", List.of(), false);
        assertThat(refusal(ParameterRules.put(Optional.empty(), notImage, R, 0, "me"))).isEqualTo("ValidationException");
    }

    @Test
    void aHundredVersionsAreKept() {
        Optional<Parameter> parameter = Optional.empty();
        for (int i = 0; i < 105; i++) {
            parameter = Optional.of(stored(ParameterRules.put(parameter, put("/v", "value" + i, "String", true), R, i, "me")));
        }
        assertThat(parameter.get().versions()).hasSize(100);
        assertThat(parameter.get().versions().get(0).version()).isEqualTo(6);
        assertThat(parameter.get().latest().version()).isEqualTo(105);
    }

    @Test
    void namesHierarchiesAndSelectors() {
        assertThat(ParameterNames.problem("/a/b/c")).isEmpty();
        assertThat(ParameterNames.problem("plain.name-1_x")).isEmpty();
        assertThat(ParameterNames.problem("a/b")).containsInstanceOf(ParameterNames.NotFullyQualified.class);
        assertThat(ParameterNames.problem("/aws/reserved")).containsInstanceOf(ParameterNames.Invalid.class);
        assertThat(ParameterNames.problem("SSM-thing")).containsInstanceOf(ParameterNames.Invalid.class);
        assertThat(ParameterNames.problem("/a//b")).containsInstanceOf(ParameterNames.Invalid.class);
        assertThat(ParameterNames.problem("/bad name")).containsInstanceOf(ParameterNames.Invalid.class);
        assertThat(ParameterNames.problem("/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16")).containsInstanceOf(ParameterNames.TooDeep.class);
        assertThat(ParameterNames.arn(R, "/a/b")).isEqualTo("arn:aws:ssm:r:1:parameter/a/b");
        assertThat(ParameterNames.arn(R, "plain")).isEqualTo("arn:aws:ssm:r:1:parameter/plain");
        assertThat(ParameterNames.reference("/a/b:3", R).orElseThrow().versionSelector()).contains(3L);
        assertThat(ParameterNames.reference("arn:aws:ssm:r:1:parameter/a/b:7", R).orElseThrow())
                .isEqualTo(new ParameterNames.Reference(R, List.of("/a/b"), "7"));
        assertThat(ParameterNames.reference("arn:aws:ssm:r:1:parameter/plain", R).orElseThrow().candidates())
                .containsExactly("plain", "/plain");
        assertThat(ParameterNames.under("/a/b", "/a", false)).isTrue();
        assertThat(ParameterNames.under("/a/b/c", "/a", false)).isFalse();
        assertThat(ParameterNames.under("/a/b/c", "/a/", true)).isTrue();
        assertThat(ParameterNames.under("/ab", "/a", true)).isFalse();
        assertThat(ParameterNames.under("/x", "/", false)).isTrue();
    }
}
