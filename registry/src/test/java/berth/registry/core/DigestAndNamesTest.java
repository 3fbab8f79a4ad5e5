package berth.registry.core;

import berth.aws.text.Wildcard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestAndNamesTest {
    @Test
    void digestsAreParsedStrictly() {
        assertThat(Digest.parse("sha256:" + "0".repeat(64))).isPresent();
        assertThat(Digest.parse("sha512:" + "f".repeat(128))).isPresent();
        assertThat(Digest.parse("sha256:" + "0".repeat(63))).isEmpty();
        assertThat(Digest.parse("sha256:" + "A".repeat(64))).isEmpty();
        assertThat(Digest.parse("md5:" + "0".repeat(32))).isEmpty();
        assertThat(Digest.parse("sha256")).isEmpty();
        assertThat(Digest.parse(null)).isEmpty();
    }

    @Test
    void repositoryNamesAndTags() {
        assertThat(Names.validRepository("team/app-1/web.v2")).isTrue();
        assertThat(Names.validRepository("a")).isFalse();
        assertThat(Names.validRepository("Upper")).isFalse();
        assertThat(Names.validRepository("a//b")).isFalse();
        assertThat(Names.validRepository("ab/")).isFalse();
        assertThat(Names.validTag("v1.2_3-rc")).isTrue();
        assertThat(Names.validTag("-x")).isFalse();
        assertThat(Names.validTag("x".repeat(129))).isFalse();
    }

    @Test
    void wildcardsAndTagMutability() {
        assertThat(Wildcard.matches("release-*", "release-1", Wildcard.Syntax.STAR_ONLY)).isTrue();
        assertThat(Wildcard.matches("*-rc*", "v1-rc2", Wildcard.Syntax.STAR_ONLY)).isTrue();
        assertThat(Wildcard.matches("release-*", "dev", Wildcard.Syntax.STAR_ONLY)).isFalse();
        assertThat(Wildcard.matches("exact", "exact", Wildcard.Syntax.STAR_ONLY)).isTrue();
        assertThat(TagMutability.mutable().mayMove("x")).isTrue();
        assertThat(new TagMutability(TagMutability.IMMUTABLE, java.util.List.of()).mayMove("x")).isFalse();
        TagMutability immutableButLatest = new TagMutability(TagMutability.IMMUTABLE_WITH_EXCLUSION, java.util.List.of("latest"));
        assertThat(immutableButLatest.mayMove("latest")).isTrue();
        assertThat(immutableButLatest.mayMove("v1")).isFalse();
        TagMutability mutableButReleases = new TagMutability(TagMutability.MUTABLE_WITH_EXCLUSION, java.util.List.of("v*"));
        assertThat(mutableButReleases.mayMove("v1")).isFalse();
        assertThat(mutableButReleases.mayMove("latest")).isTrue();
    }
}
