package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.taskdef.TaskDefinition;
import berth.ecs.core.taskdef.TaskDefinitionRef;
import berth.store.Store;
import berth.store.StoredRecord;
import berth.store.VersionConflict;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Task definition revisions in the store, kind {@code ecs.taskdef}, key
 * {@code account/region/family/revision} with the revision zero-padded to ten digits, so a family's
 * revisions list in order. Revisions are never removed (deleted ones stay DELETE_IN_PROGRESS), so a
 * revision number is never given out twice.
 */
public final class TaskDefinitionRecords {
    public static final String KIND = "ecs.taskdef";
    private static final int ATTEMPTS = 20;

    private final Store store;

    public TaskDefinitionRecords(Store store) {
        this.store = store;
    }

    /** A revision together with the store version it was read at, for compare-and-set updates. */
    public record Versioned(TaskDefinition definition, long version) {}

    public Optional<Versioned> find(Scope scope, String family, int revision) {
        return store.get(KIND, key(scope, family, revision))
                .map(r -> new Versioned(Records.read(r.value(), TaskDefinition.class), r.version()));
    }

    /**
     * The revision {@code ref} names: {@code family:revision} or an ARN exactly, a bare family its
     * latest ACTIVE revision. Empty when there is none (or the ARN is of another account or region).
     */
    public Optional<Versioned> resolve(Scope scope, TaskDefinitionRef ref) {
        if (!ref.within(scope)) {
            return Optional.empty();
        }
        if (!ref.latest()) {
            return find(scope, ref.family(), ref.revision());
        }
        List<StoredRecord> revisions = store.list(KIND, familyPrefix(scope, ref.family()));
        for (int i = revisions.size() - 1; i >= 0; i--) {
            TaskDefinition definition = Records.read(revisions.get(i).value(), TaskDefinition.class);
            if (definition.active()) {
                return Optional.of(new Versioned(definition, revisions.get(i).version()));
            }
        }
        return Optional.empty();
    }

    /** Every revision of {@code family}, oldest first. */
    public List<TaskDefinition> family(Scope scope, String family) {
        return store.list(KIND, familyPrefix(scope, family)).stream()
                .map(r -> Records.read(r.value(), TaskDefinition.class)).toList();
    }

    /** Every revision in the scope, by family then revision. */
    public List<TaskDefinition> list(Scope scope) {
        return store.list(KIND, scope.prefix()).stream()
                .map(r -> Records.read(r.value(), TaskDefinition.class))
                .sorted(Comparator.comparing(TaskDefinition::family).thenComparingInt(TaskDefinition::revision))
                .toList();
    }

    /**
     * Stores {@code definition} as the next revision of its family and returns it with that
     * revision. Concurrent registrations of one family get distinct, increasing revisions.
     */
    public TaskDefinition register(TaskDefinition definition) {
        for (int attempt = 0; ; attempt++) {
            List<StoredRecord> revisions = store.list(KIND,
                    familyPrefix(definition.scope(), definition.family()));
            int last = revisions.isEmpty() ? 0
                    : Records.read(revisions.get(revisions.size() - 1).value(), TaskDefinition.class).revision();
            TaskDefinition numbered = definition.withRevision(last + 1);
            try {
                save(numbered, Store.ABSENT);
                return numbered;
            } catch (VersionConflict conflict) {
                if (attempt >= ATTEMPTS) {
                    throw new TooManyConcurrentRegistrations();
                }
            }
        }
    }

    /** Writes {@code definition} if the stored version is still {@code expectedVersion}. */
    public void save(TaskDefinition definition, long expectedVersion) {
        store.put(KIND, key(definition.scope(), definition.family(), definition.revision()),
                Records.write(definition), expectedVersion);
    }

    /** Applies {@code change} to a stored revision with compare-and-set, retrying on conflicts. */
    public Optional<TaskDefinition> update(Scope scope, String family, int revision,
                                           UnaryOperator<TaskDefinition> change) {
        for (int attempt = 0; ; attempt++) {
            Optional<Versioned> current = find(scope, family, revision);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            TaskDefinition changed = change.apply(current.get().definition());
            try {
                save(changed, current.get().version());
                return Optional.of(changed);
            } catch (VersionConflict conflict) {
                if (attempt >= ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }

    /** Registrations of one family kept colliding; ECS answers this as a ClientException. */
    public static final class TooManyConcurrentRegistrations extends RuntimeException {
        public TooManyConcurrentRegistrations() {
            super("Too many concurrent attempts to create a new revision of the specified family.", null, false, false);
        }
    }

    private static String familyPrefix(Scope scope, String family) {
        return scope.key(family + "/");
    }

    private static String key(Scope scope, String family, int revision) {
        return familyPrefix(scope, family) + String.format("%010d", revision);
    }
}
