package berth.logs.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IngestRulesTest {
    static final long NOW = 1_700_000_000_000L;
    static final long DAY = 86_400_000L;

    @Test
    void batchesOutOfOrderOrTooWideOrTooLargeAreRefusedWhole() {
        assertThat(IngestRules.judge(new long[] {NOW, NOW - 1}, new int[] {1, 1}, NOW, 0))
                .isEqualTo(new IngestRules.Refused("Log events in a single PutLogEvents request must be in chronological order."));
        assertThat(IngestRules.judge(new long[] {NOW - DAY - 1, NOW}, new int[] {1, 1}, NOW, 0)).isInstanceOf(IngestRules.Refused.class);
        int[] sizes = new int[2];
        sizes[0] = 1_000_000;
        sizes[1] = 48_525;
        assertThat(IngestRules.judge(new long[] {NOW, NOW}, sizes, NOW, 0))
                .isEqualTo(new IngestRules.Refused("Upload too large: 1048577 bytes exceeds limit of 1048576"));
        sizes[1] = 48_524;
        assertThat(IngestRules.judge(new long[] {NOW, NOW}, sizes, NOW, 0)).isInstanceOf(IngestRules.Admitted.class);
    }

    @Test
    void eventsTooOldTooNewOrExpiredAreRejectedByIndex() {
        long[] sameDay = {NOW - 20 * 3600_000L, NOW - 3600_000L, NOW, NOW + 2 * 3600_000L + 1};
        assertThat(IngestRules.judge(sameDay, new int[4], NOW, 0)).isEqualTo(new IngestRules.Admitted(0, 3, 3, -1, -1));
        long[] old = {NOW - 14 * DAY - 2000, NOW - 14 * DAY - 1000, NOW - 14 * DAY + 1000};
        assertThat(IngestRules.judge(old, new int[3], NOW, 0)).isEqualTo(new IngestRules.Admitted(2, 3, -1, 2, -1));
        assertThat(IngestRules.judge(old, new int[3], NOW, 7)).isEqualTo(new IngestRules.Admitted(3, 3, -1, 2, 3));
        long[] recent = {NOW - 2 * DAY + 1, NOW - DAY - 1, NOW - DAY + 1};
        assertThat(IngestRules.judge(recent, new int[3], NOW, 1)).isEqualTo(new IngestRules.Admitted(2, 3, -1, -1, 2));
    }
}
