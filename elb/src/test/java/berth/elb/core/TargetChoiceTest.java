package berth.elb.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetChoiceTest {
    record T(String name, boolean healthy) {}

    @Test
    void onlyHealthyTargetsAreEligibleWhileThereAreAny() {
        List<T> targets = List.of(new T("a", true), new T("b", false), new T("c", true));
        assertThat(TargetChoice.eligible(targets, T::healthy)).extracting(T::name).containsExactly("a", "c");
    }

    @Test
    void withNoHealthyTargetEveryActiveOneIsEligible() {
        List<T> targets = List.of(new T("a", false), new T("b", false));
        assertThat(TargetChoice.eligible(targets, T::healthy)).extracting(T::name).containsExactly("a", "b");
        assertThat(TargetChoice.eligible(List.<T>of(), T::healthy)).isEmpty();
    }

    @Test
    void weightsCoverTheRollInProportion() {
        int[] weights = {3, 0, 1};
        assertThat(TargetChoice.totalWeight(weights)).isEqualTo(4);
        int[] counts = new int[3];
        for (int roll = 0; roll < 4; roll++) counts[TargetChoice.weighted(weights, roll)]++;
        assertThat(counts).containsExactly(3, 0, 1);
        assertThat(TargetChoice.weighted(new int[] {0, 0}, 0)).isEqualTo(-1);
    }
}
