package berth.ecs;

import berth.aws.Scope;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The scopes (accounts and regions) that have Fargate capacity (a cluster gets it with its first
 * Fargate task), published on the platform: {@code platform.lookup(FargateRegions.class)}. A Fargate
 * runner serves one scope; whoever starts runners learns here which ones are needed.
 */
public interface FargateRegions {

    /** Every scope with Fargate capacity now. */
    Set<Scope> current();

    /**
     * Tells {@code listener} once of each scope that gains Fargate capacity from now on (those that had
     * some already are not told), on a thread of the store; listeners must not block. Watch before
     * reading {@link #current()} to miss none.
     */
    Watch watch(Consumer<Scope> listener);

    /** A live watch; closing it stops the telling. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
