package berth.iam.core;

import berth.iam.core.PolicyDocument.Condition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionsTest {
    private static final RequestContextKeys CONTEXT = RequestContextKeys.builder()
            .put("aws:RequestedRegion", "us-east-1")
            .put("aws:PrincipalArn", "arn:aws:iam::111122223333:role/app/web")
            .put("aws:PrincipalAccount", "111122223333")
            .put("aws:SecureTransport", "false")
            .put("aws:CurrentTime", "2025-06-01T12:00:00Z")
            .put("aws:EpochTime", "1748779200")
            .put("aws:SourceIp", "203.0.113.7")
            .put("s3:max-keys", "10")
            .putAll("aws:TagKeys", List.of("team", "env"))
            .build();

    /** operator | key | policy values (;-separated) | expected */
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "StringEquals | aws:RequestedRegion | us-east-1 | true",
            "StringEquals | aws:RequestedRegion | US-EAST-1 | false",
            "StringEquals | aws:RequestedRegion | eu-west-1;us-east-1 | true",
            "stringequals | AWS:requestedregion | us-east-1 | true",
            "StringNotEquals | aws:RequestedRegion | us-east-1 | false",
            "StringNotEquals | aws:RequestedRegion | eu-west-1;eu-central-1 | true",
            "StringEqualsIgnoreCase | aws:RequestedRegion | US-EAST-1 | true",
            "StringNotEqualsIgnoreCase | aws:RequestedRegion | US-EAST-1 | false",
            "StringLike | aws:RequestedRegion | us-* | true",
            "StringLike | aws:RequestedRegion | eu-* | false",
            "StringLike | aws:RequestedRegion | us-east-? | true",
            "StringNotLike | aws:RequestedRegion | eu-* | true",
            "StringNotLike | aws:RequestedRegion | us-* | false",
            "StringEquals | aws:Missing | x | false",
            "StringNotEquals | aws:Missing | x | true",
            "StringNotLike | aws:Missing | x* | true",
            "StringEqualsIfExists | aws:Missing | x | true",
            "StringEqualsIfExists | aws:RequestedRegion | eu-west-1 | false",
            "StringEqualsIfExists | aws:RequestedRegion | us-east-1 | true",
            "ArnLike | aws:PrincipalArn | arn:aws:iam::111122223333:role/app/* | true",
            "ArnLike | aws:PrincipalArn | arn:aws:iam::*:role/* | true",
            "ArnLike | aws:PrincipalArn | arn:aws:iam::999999999999:role/* | false",
            "ArnEquals | aws:PrincipalArn | arn:aws:iam::111122223333:role/app/web | true",
            "ArnNotLike | aws:PrincipalArn | arn:aws:iam::111122223333:user/* | true",
            "ArnNotEquals | aws:PrincipalArn | arn:aws:iam::111122223333:role/app/web | false",
            "ArnLike | aws:RequestedRegion | * | false",
            "Bool | aws:SecureTransport | false | true",
            "Bool | aws:SecureTransport | true | false",
            "BoolIfExists | aws:MultiFactorAuthPresent | true | true",
            "Bool | aws:MultiFactorAuthPresent | true | false",
            "NumericLessThan | s3:max-keys | 11 | true",
            "NumericLessThan | s3:max-keys | 10 | false",
            "NumericLessThanEquals | s3:max-keys | 10 | true",
            "NumericGreaterThan | s3:max-keys | 9.5 | true",
            "NumericGreaterThanEquals | s3:max-keys | 11 | false",
            "NumericEquals | s3:max-keys | 10.0 | true",
            "NumericNotEquals | s3:max-keys | 10 | false",
            "NumericEquals | s3:max-keys | ten | false",
            "DateLessThan | aws:CurrentTime | 2025-12-31T23:59:59Z | true",
            "DateLessThan | aws:CurrentTime | 2025-01-01 | false",
            "DateGreaterThan | aws:CurrentTime | 2025-01-01T00:00:00+02:00 | true",
            "DateGreaterThanEquals | aws:CurrentTime | 1748779200 | true",
            "DateEquals | aws:CurrentTime | 2025-06-01T12:00:00Z | true",
            "DateNotEquals | aws:CurrentTime | 2025-06-01T12:00:00Z | false",
            "DateLessThanEquals | aws:EpochTime | 2025-06-01T12:00:00Z | true",
            "IpAddress | aws:SourceIp | 203.0.113.0/24 | true",
            "IpAddress | aws:SourceIp | 198.51.100.0/24 | false",
            "NotIpAddress | aws:SourceIp | 198.51.100.0/24 | true",
            "Null | aws:Missing | true | true",
            "Null | aws:Missing | false | false",
            "Null | aws:RequestedRegion | false | true",
            "ForAnyValue:StringEquals | aws:TagKeys | env | true",
            "ForAnyValue:StringEquals | aws:TagKeys | cost | false",
            "ForAnyValue:StringEquals | aws:Missing | x | false",
            "ForAllValues:StringEquals | aws:TagKeys | team;env;owner | true",
            "ForAllValues:StringEquals | aws:TagKeys | team | false",
            "ForAllValues:StringEquals | aws:Missing | x | true",
            "ForAllValues:StringLike | aws:TagKeys | t*;e* | true",
            "ForAnyValue:StringNotEquals | aws:TagKeys | team | true",
            "ForAnyValue:StringNotEquals | aws:TagKeys | team;env | false",
            "ForAllValues:StringNotEquals | aws:TagKeys | cost | true",
            "ForAllValues:StringNotEquals | aws:TagKeys | env | false",
            "ForAnyValue:StringLikeIfExists | aws:Missing | x | true",
    })
    void decides(String operator, String key, String values, boolean expected) {
        Condition condition = new Condition(ConditionOperator.parse(operator.trim()).orElseThrow(), key.trim(),
                Arrays.stream(values.split(";")).map(String::trim).toList());
        assertThat(Conditions.holds(condition, CONTEXT, true)).isEqualTo(expected);
    }

    @Test
    void everyConditionOfAStatementMustHold() {
        List<Condition> both = List.of(
                new Condition(ConditionOperator.parse("StringEquals").orElseThrow(), "aws:RequestedRegion", List.of("us-east-1")),
                new Condition(ConditionOperator.parse("Bool").orElseThrow(), "aws:SecureTransport", List.of("true")));
        assertThat(Conditions.allHold(both, CONTEXT, true)).isFalse();
        assertThat(Conditions.allHold(both.subList(0, 1), CONTEXT, true)).isTrue();
    }

    @Test
    void conditionValuesExpandPolicyVariables() {
        Condition sameAccount = new Condition(ConditionOperator.parse("ArnLike").orElseThrow(), "aws:PrincipalArn",
                List.of("arn:aws:iam::${aws:PrincipalAccount}:role/*"));
        assertThat(Conditions.holds(sameAccount, CONTEXT, true)).isTrue();
        assertThat(Conditions.holds(sameAccount, CONTEXT, false)).isFalse();
    }

    @Test
    void unknownOperatorsAreNotParsed() {
        assertThat(ConditionOperator.parse("StringEqual")).isEmpty();
        assertThat(ConditionOperator.parse("NullIfExists")).isEmpty();
        assertThat(ConditionOperator.parse("ForAnyValue:Null")).isEmpty();
        assertThat(ConditionOperator.parse("ForAllValues:ArnLikeIfExists")).isPresent();
    }
}
