package berth.iam.api;

import berth.store.VersionConflict;

import java.util.function.Supplier;

/** Read-modify-write against the store: a write that lost a compare-and-set race re-reads and tries again. */
final class Conflicts {
    private static final int ATTEMPTS = 8;

    private Conflicts() {}

    static <T> T retry(Supplier<T> attempt) {
        for (int i = 1; ; i++) {
            try {
                return attempt.get();
            } catch (VersionConflict conflict) {
                if (i >= ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }
}
