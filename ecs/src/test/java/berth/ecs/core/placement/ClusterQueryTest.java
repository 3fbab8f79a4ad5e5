package berth.ecs.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.ecs.core.InstanceSnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterQueryTest {

    private static final InstanceSnapshot SMALL = InstanceSnapshot.active("arn:ci/small", "i-abcd1234", 1024, 2048,
                    Map.of("ecs.instance-type", "t2.small", "ecs.availability-zone", "us-east-1a",
                            "stack", "prod", "gpu-count", "4", "flag", ""))
            .withAgent(true, "1.14.5")
            .withRegisteredAt(Instant.parse("2018-02-12T10:00:00Z"));

    private static boolean selects(String expression) {
        return ClusterQuery.parse(expression).matches(SMALL, Set.of("service:production", "family:web"));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', value = {
        "attribute:ecs.instance-type == t2.small                                   | true",
        "attribute:ecs.instance-type equals t2.small                               | true",
        "attribute:ecs.instance-type != t2.small                                   | false",
        "attribute:ecs.instance-type not_equals t2.medium                          | true",
        "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]               | true",
        "attribute:ecs.availability-zone in ['us-east-1c', \"us-east-1d\"]           | false",
        "attribute:ecs.availability-zone not_in [us-east-1c]                       | true",
        "attribute:ecs.availability-zone !in [us-east-1a]                          | false",
        "attribute:ecs.instance-type =~ t2.*                                       | true",
        "attribute:ecs.instance-type matches g2.*                                  | false",
        "attribute:ecs.instance-type !~ g2.*                                       | true",
        "attribute:ecs.instance-type =~ t2                                         | false",
        "attribute:stack exists                                                    | true",
        "attribute:flag exists                                                     | true",
        "attribute:missing exists                                                  | false",
        "attribute:missing !exists                                                 | true",
        "attribute:stack not_exists                                                | false",
        "attribute:missing != prod                                                 | false",
        "attribute:missing not_in [a]                                              | false",
        "attribute:gpu-count > 2                                                   | true",
        "attribute:gpu-count >= 4                                                  | true",
        "attribute:gpu-count < 10                                                  | true",
        "attribute:gpu-count less_than_equal 3                                     | false",
        "attribute:stack > dev                                                     | true",
        "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']                             | true",
        "ec2InstanceId == i-other                                                  | false",
        "ec2InstanceId =~ i-abcd.*                                                 | true",
        "agentConnected == true                                                    | true",
        "agentConnected != TRUE                                                    | false",
        "agentConnected in [false]                                                 | false",
        "agentVersion < 1.14.6                                                     | true",
        "agentVersion >= 1.14.5                                                    | true",
        "agentVersion > 1.9                                                        | true",
        "agentVersion == 1.14.5.0                                                  | true",
        "registeredAt < 2018-02-13                                                 | true",
        "registeredAt > 2018-02-12T09:00:00Z                                       | true",
        "registeredAt <= 2018-02-12T10:00:00+00:00                                 | true",
        "registeredAt greater_than 2018-02-12T10:00:00                             | false",
        "runningTasksCount == 0                                                    | true",
        "runningTasksCount > 1                                                     | false",
        "task:group == service:production                                          | true",
        "task:group == database                                                    | false",
        "not(task:group == database)                                               | true",
        "task:group != database                                                    | true",
        "task:group != family:web                                                  | false",
        "task:group in [database, family:web]                                      | true",
        "task:group =~ service:.*                                                  | true",
        "task:group exists                                                         | true",
    })
    void evaluatesEachSubjectAndOperator(String expression, boolean expected) {
        assertThat(selects(expression)).as(expression).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', value = {
        "attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d       | false",
        "attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone != us-east-1d       | true",
        "attribute:ecs.instance-type =~ t2.* && attribute:stack == dev                                 | false",
        "attribute:stack == dev or attribute:stack == prod                                           | true",
        "attribute:stack == dev || runningTasksCount == 0                                              | true",
        "attribute:stack == dev or attribute:stack == prod and runningTasksCount > 5                 | false",
        "(attribute:stack == dev or attribute:stack == prod) and runningTasksCount == 0              | true",
        "not attribute:stack == prod                                                                 | false",
        "!(attribute:stack == prod)                                                                  | false",
        "NOT (attribute:stack == dev) AND attribute:stack == prod                                    | true",
        "not(attribute:ecs.instance-type =~ t2.*)                                                    | false",
        "((attribute:stack == prod))                                                                 | true",
        "attribute:ecs.instance-type==t2.small&&attribute:stack==prod                                | true",
    })
    void combinesWithPrecedenceNotOverAndOverOr(String expression, boolean expected) {
        assertThat(selects(expression)).as(expression).isEqualTo(expected);
    }

    @Test
    void taskGroupComparisonsOnAnEmptyInstanceHoldOnlyForNotExists() {
        ClusterQuery equals = ClusterQuery.parse("task:group == database");
        ClusterQuery notEquals = ClusterQuery.parse("task:group != database");
        ClusterQuery absent = ClusterQuery.parse("task:group !exists");

        assertThat(equals.matches(SMALL)).isFalse();
        assertThat(notEquals.matches(SMALL)).isFalse();
        assertThat(absent.matches(SMALL)).isTrue();
        assertThat(equals.referencesTaskGroups()).isTrue();
        assertThat(ClusterQuery.parse("attribute:stack == prod").referencesTaskGroups()).isFalse();
    }

    @Test
    void patternsMayHoldListAndComparisonCharacters() {
        assertThatThrownBy(() -> selects("attribute:ecs.instance-type =~ t[23]\\.(small|micro)"))
                .as("a single expression cannot contain parentheses")
                .isInstanceOf(ClusterQuerySyntaxException.class);
        assertThat(selects("attribute:ecs.instance-type =~ t[23]\\.small|x")).isTrue();
        assertThat(selects("attribute:ecs.instance-type =~ 't2.(small|large)'")).isTrue();
        assertThat(selects("(attribute:ecs.instance-type =~ t2.*)")).isTrue();
    }

    @Test
    void quotedValuesKeepSpacesAndParentheses() {
        InstanceSnapshot odd = SMALL.withStatus(SMALL.status());
        ClusterQuery query = ClusterQuery.parse("attribute:note == 'two words (x)'");
        assertThat(query.matches(odd)).isFalse();
        assertThat(query.expression()).isEqualTo("attribute:note == 'two words (x)'");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', value = {
        "``                                                       | 0  | empty",
        "`   `                                                    | 0  | empty",
        "attribute:ecs.instance-type                              | 27 | expected an operator",
        "attribute:ecs.instance-type ==                           | 30 | expected a value",
        "attribute:ecs.instance-type = t2.small                   | 28 | expected an operator",
        "attribute:ecs.instance-type in us-east-1a                | 31 | expects a list",
        "attribute:ecs.instance-type in []                        | 32 | the list is empty",
        "attribute:ecs.instance-type in [a, b                     | 36 | missing ']'",
        "attribute:ecs.instance-type in [a b]                     | 34 | expected ',' or ']'",
        "attribute:ecs.instance-type =~ g2.(                      | 31 | not a valid pattern",
        "attribute: == x                                          | 0  | needs an attribute name",
        "instanceType == t2.small                                 | 0  | unknown subject",
        "== t2.small                                              | 0  | expected a subject",
        "runningTasksCount == many                                | 21 | whole number",
        "runningTasksCount in [1, 2]                              | 18 | not valid for runningTasksCount",
        "runningTasksCount exists                                 | 18 | not valid for runningTasksCount",
        "registeredAt < yesterday                                 | 15 | registeredAt compares with a date",
        "registeredAt =~ 2018.*                                   | 13 | not valid for registeredAt",
        "agentVersion < latest                                    | 15 | agentVersion compares with a version",
        "agentConnected == maybe                                  | 18 | true or false",
        "agentConnected > true                                    | 15 | not valid for agentConnected",
        "ec2InstanceId < i-1                                      | 14 | not valid for ec2InstanceId",
        "task:group > a                                           | 11 | not valid for task:group",
        "attribute:stack == prod and                              | 27 | expected an expression",
        "attribute:stack == prod or or attribute:stack == dev     | 27 | unknown subject 'or'",
        "attribute:stack == prod attribute:stack == dev           | 24 | expected 'and', 'or' or the end",
        "(attribute:stack == prod                                 | 24 | missing ')'",
        "attribute:stack == prod)                                 | 23 | unexpected ')'",
        "attribute:stack == 'prod                                 | 19 | unterminated quoted value",
        "not                                                      | 3  | expected an expression",
    })
    void rejectsMalformedExpressionsWithPositionAndReason(String expression, int position, String problem) {
        assertThatThrownBy(() -> ClusterQuery.parse(expression))
                .isInstanceOf(ClusterQuerySyntaxException.class)
                .isInstanceOf(InvalidPlacementException.class)
                .hasMessageContaining(problem)
                .satisfies(e -> {
                    ClusterQuerySyntaxException syntax = (ClusterQuerySyntaxException) e;
                    assertThat(syntax.position()).isEqualTo(position);
                    assertThat(syntax.expression()).isEqualTo(expression);
                });
    }

    @Test
    void rejectsExpressionsLongerThanTheApiLimit() {
        String longExpression = "attribute:stack == " + "x".repeat(2000);
        assertThatThrownBy(() -> ClusterQuery.parse(longExpression))
                .isInstanceOf(ClusterQuerySyntaxException.class)
                .hasMessageContaining("longer than 2000");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "attribute:ecs.instance-type == t2.small",
        "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
        "attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d",
        "task:group == service:production",
        "not(task:group == database)",
        "runningTasksCount == 1",
        "agentVersion < 1.14.5",
        "registeredAt < 2018-02-13",
        "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']",
        "attribute:ecs.os-type == linux and (attribute:stack exists or agentConnected == false)",
    })
    void parsesEveryExampleOfTheEcsGuide(String expression) {
        assertThat(ClusterQuery.parse(expression).toString()).isEqualTo(expression);
    }
}
