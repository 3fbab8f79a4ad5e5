package berth.aws.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One wildcard matcher for IAM, ECR and ELB: the syntaxes differ only in {@code ?}, escapes and case. */
class WildcardTest {

    @ParameterizedTest
    @CsvSource({
            "*, '', true",
            "*a*b*, xxaxxbxx, true",
            "*a*b*, xxbxxaxx, false",
            "/v?/*, /v1/users, true",
            "/v?/*, /v10/users, false",
            "exact, exact, true",
            "exact, exactly, false",
            "a*, '', false",
            "**, anything, true"})
    void iamSyntax(String pattern, String text, boolean expected) {
        assertThat(Wildcard.matches(pattern, text, Wildcard.Syntax.IAM)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"release-?, release-?, true", "release-?, release-1, false", "*-rc*, v1-rc2, true"})
    void starOnlyTakesQuestionMarksLiterally(String pattern, String text, boolean expected) {
        assertThat(Wildcard.matches(pattern, text, Wildcard.Syntax.STAR_ONLY)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"a\\*b, A*B, true", "a\\*b, axb, false", "a\\?b, a?b, true", "a?b, AXB, true"})
    void escapesAndCase(String pattern, String text, boolean expected) {
        assertThat(Wildcard.matches(pattern, text, Wildcard.Syntax.IAM.withEscapes(true).withIgnoreCase(true)))
                .isEqualTo(expected);
    }
}
