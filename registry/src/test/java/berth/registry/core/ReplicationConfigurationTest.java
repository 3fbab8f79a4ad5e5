package berth.registry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.aws.Scope;
import berth.registry.core.ReplicationConfiguration.Destination;
import berth.registry.core.ReplicationConfiguration.Rule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicationConfigurationTest {
    static final String SOURCE = "000000000000";
    static final Scope EAST = new Scope(SOURCE, "us-east-1");

    @Test
    void anImageGoesToEveryDestinationOfEveryRuleWhosePrefixMatchesOnce() {
        Destination west = new Destination("us-west-2", SOURCE);
        Destination other = new Destination("us-east-1", "111111111111");
        ReplicationConfiguration configuration = ReplicationConfiguration.of(EAST, List.of(
                new Rule(List.of(west), List.of()),
                new Rule(List.of(other, west), List.of("prod/", "release"))));
        assertThat(configuration.destinationsFor("prod/api")).containsExactly(west, other);
        assertThat(configuration.destinationsFor("release-tools")).containsExactly(west, other);
        assertThat(configuration.destinationsFor("dev/prod/api")).containsExactly(west);
        assertThat(ReplicationConfiguration.none(EAST).destinationsFor("prod/api")).isEmpty();
    }

    @Test
    void theSourceRegistryIsNoDestination() {
        assertThatThrownBy(() -> ReplicationConfiguration.of(EAST,
                List.of(new Rule(List.of(new Destination("us-east-1", SOURCE)), List.of()))))
                .isInstanceOf(InvalidConfiguration.class)
                .hasMessage("Replication destination cannot be the same as the source registry");
        assertThat(ReplicationConfiguration.of(EAST,
                List.of(new Rule(List.of(new Destination("us-east-1", "111111111111")), List.of()))).rules()).hasSize(1);
    }

    @Test
    void atMostTwentyFiveDistinctDestinationsAcrossAllRules() {
        List<Destination> many = new ArrayList<>();
        for (int i = 1; i <= 25; i++) many.add(new Destination("us-west-2", String.format("%012d", i)));
        List<Rule> twoRulesSameDestinations = List.of(new Rule(many, List.of()), new Rule(many, List.of("a")));
        assertThat(ReplicationConfiguration.of(EAST, twoRulesSameDestinations).destinationsFor("abc")).hasSize(25);
        List<Destination> tooMany = new ArrayList<>(many);
        tooMany.add(new Destination("eu-west-1", SOURCE));
        assertThatThrownBy(() -> ReplicationConfiguration.of(EAST, List.of(new Rule(tooMany.subList(0, 13), List.of()),
                new Rule(tooMany.subList(13, 26), List.of())))).isInstanceOf(InvalidConfiguration.class).hasMessageContaining("26");
    }

    @Test
    void malformedRegionsRegistriesAndFiltersAreRefused() {
        assertThatThrownBy(() -> ReplicationConfiguration.of(EAST,
                List.of(new Rule(List.of(new Destination("US_WEST", SOURCE)), List.of())))).isInstanceOf(InvalidConfiguration.class);
        assertThatThrownBy(() -> ReplicationConfiguration.of(EAST,
                List.of(new Rule(List.of(new Destination("us-west-2", "12345")), List.of())))).isInstanceOf(InvalidConfiguration.class);
        assertThatThrownBy(() -> ReplicationConfiguration.of(EAST,
                List.of(new Rule(List.of(new Destination("us-west-2", SOURCE)), List.of("Prod/"))))).isInstanceOf(InvalidConfiguration.class);
    }
}
