package berth.ecs;

import java.util.Set;
import java.util.function.Consumer;

/**
 * The accounts and regions that have Fargate capacity (a cluster gets it with its first Fargate
 * task), published on the platform: {@code platform.lookup(FargateRegions.class)}. A Fargate runner
 * serves one account and region; whoever starts runners learns here which ones are needed.
 */
public interface FargateRegions {

    /** One account in one region. */
    record AccountRegion(String accountId, String region) {}

    /** Every account and region with Fargate capacity now. */
    Set<AccountRegion> current();

    /**
     * Tells {@code listener} once of each account and region that gains Fargate capacity from now on
     * (those that had some already are not told), on a thread of the store; listeners must not block.
     * Watch before reading {@link #current()} to miss none.
     */
    Watch watch(Consumer<AccountRegion> listener);

    /** A live watch; closing it stops the telling. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
