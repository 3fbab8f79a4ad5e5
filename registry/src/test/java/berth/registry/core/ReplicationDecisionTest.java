package berth.registry.core;

import static org.assertj.core.api.Assertions.assertThat;

import berth.aws.Scope;
import berth.registry.core.ReplicationDecision.Facts;
import berth.registry.core.ReplicationDecision.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicationDecisionTest {
    static final String DIGEST = "sha256:" + "a".repeat(64);
    static final RepositoryId SOURCE = new RepositoryId(new Scope("000000000000", "us-east-1"), "app");
    static final RepositoryId WEST = new RepositoryId(new Scope("000000000000", "us-west-2"), "app");
    static final RepositoryId OTHER = new RepositoryId(new Scope("111111111111", "us-east-1"), "app");

    static Facts facts(RepositoryId destination, RegistryPolicy policy, boolean exists, TagMutability mutability,
                       Map<String, String> destinationTags) {
        return new Facts(SOURCE, destination, DIGEST, true, List.of("v1"), policy, exists, mutability, destinationTags);
    }

    static RegistryPolicy granting(String... actions) {
        return RegistryPolicy.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"000000000000\"},\"Action\":"
                + "[\"" + String.join("\",\"", actions) + "\"],\"Resource\":\"arn:aws:ecr:us-east-1:111111111111:repository/*\"}]}");
    }

    @Test
    void withinTheAccountAnyRegionReceivesAndAMissingRepositoryIsCreated() {
        assertThat(ReplicationDecision.decide(facts(WEST, RegistryPolicy.NONE, false, TagMutability.mutable(), Map.of())))
                .isEqualTo(new Outcome.Copy(true, List.of("v1")));
        assertThat(ReplicationDecision.decide(facts(WEST, RegistryPolicy.NONE, true, TagMutability.mutable(), Map.of("v1", "sha256:old"))))
                .isEqualTo(new Outcome.Copy(false, List.of("v1")));
    }

    @Test
    void anotherAccountMustGrantReplicateImageAndCreateRepositoryForAMissingRepository() {
        assertThat(ReplicationDecision.decide(facts(OTHER, RegistryPolicy.NONE, true, TagMutability.mutable(), Map.of())))
                .isInstanceOfSatisfying(Outcome.Fail.class, f -> assertThat(f.failureCode()).isEqualTo(ReplicationDecision.ACCESS_DENIED));
        assertThat(ReplicationDecision.decide(facts(OTHER, granting("ecr:ReplicateImage"), false, TagMutability.mutable(), Map.of())))
                .isInstanceOfSatisfying(Outcome.Fail.class, f -> assertThat(f.failureCode()).isEqualTo(ReplicationDecision.REPOSITORY_NOT_FOUND));
        assertThat(ReplicationDecision.decide(facts(OTHER, granting("ecr:ReplicateImage"), true, TagMutability.mutable(), Map.of())))
                .isEqualTo(new Outcome.Copy(false, List.of("v1")));
        assertThat(ReplicationDecision.decide(facts(OTHER, granting("ecr:ReplicateImage", "ecr:CreateRepository"), false,
                TagMutability.mutable(), Map.of()))).isEqualTo(new Outcome.Copy(true, List.of("v1")));
    }

    @Test
    void anImmutableTagNamingAnotherImageFailsTheCopyAndAGoneSourceToo() {
        TagMutability immutable = new TagMutability(TagMutability.IMMUTABLE, List.of());
        assertThat(ReplicationDecision.decide(facts(WEST, RegistryPolicy.NONE, true, immutable, Map.of("v1", "sha256:" + "b".repeat(64)))))
                .isInstanceOfSatisfying(Outcome.Fail.class, f -> assertThat(f.failureCode()).isEqualTo(ReplicationDecision.IMAGE_TAG_IMMUTABLE));
        assertThat(ReplicationDecision.decide(facts(WEST, RegistryPolicy.NONE, true, immutable, Map.of("v1", DIGEST))))
                .isEqualTo(new Outcome.Copy(false, List.of("v1")));
        Facts gone = new Facts(SOURCE, WEST, DIGEST, false, List.of(), RegistryPolicy.NONE, true, TagMutability.mutable(), Map.of());
        assertThat(ReplicationDecision.decide(gone)).isInstanceOfSatisfying(Outcome.Fail.class,
                f -> assertThat(f.failureCode()).isEqualTo(ReplicationDecision.SOURCE_IMAGE_NOT_FOUND));
    }
}
