package berth.iam.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class WildcardsTest {
    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
            "*, anything, true",
            "*, '', true",
            "a*, abc, true",
            "a*c, abbbc, true",
            "a*c, abbbd, false",
            "*c*, xxcxx, true",
            "a?c, abc, true",
            "a?c, ac, false",
            "a??, abc, true",
            "abc, abc, true",
            "abc, abcd, false",
            "*a*b*c*, xaxbxcx, true",
            "*a*b*c*, xaxcxbx, false",
            "**, x, true",
    })
    void matches(String pattern, String text, boolean expected) {
        assertThat(Wildcards.matches(pattern, text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
            "arn:aws:ecs:*:*:cluster/*, arn:aws:ecs:us-east-1:111122223333:cluster/a, true",
            "arn:aws:ecs:us-*:111122223333:cluster/a, arn:aws:ecs:us-west-2:111122223333:cluster/a, true",
            "arn:aws:ecs:us-*:111122223333:*, arn:aws:ecs:eu-west-1:111122223333:cluster/a, false",
            "arn:aws:iam::*:role/app/*, arn:aws:iam::111122223333:role/app/x, true",
            "arn:aws:iam::*:role/app/*, arn:aws:iam::111122223333:role/x, false",
            "arn:aws:logs:*:*:log-group:/ecs/*, arn:aws:logs:us-east-1:1:log-group:/ecs/web:log-stream:x, true",
            "arn:aws:ecs:*, arn:aws:ecs:us-east-1:111122223333:cluster/a, true",
            "arn:aws:ecs:*:*:cluster/*, *, false",
    })
    void matchesArnsComponentByComponent(String pattern, String arn, boolean expected) {
        assertThat(Wildcards.matchesArn(pattern, arn)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"ecs:list*, ECS:ListClusters", "ECS:LISTCLUSTERS, ecs:ListClusters"})
    void actionsIgnoreCase(String pattern, String action) {
        assertThat(Wildcards.matchesIgnoreCase(pattern, action)).isTrue();
        assertThat(Wildcards.matches(pattern, action)).isFalse();
    }
}
