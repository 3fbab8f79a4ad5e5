package berth.ecs.state;

import berth.aws.Scope;
import berth.ecs.core.taskdef.TaskDefinition;
import berth.ecs.core.taskdef.TaskDefinitionRef;
import berth.platform.RecordTable.Versioned;
import berth.platform.RecordTable;
import berth.store.Store;
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

    private final RecordTable<TaskDefinition> table;

    public TaskDefinitionRecords(Store store) {
        this.table = new RecordTable<>(store, KIND, TaskDefinition.class,
                d -> key(d.scope(), d.family(), d.revision()));
    }

    public Optional<Versioned<TaskDefinition>> find(Scope scope, String family, int revision) {
        return table.find(key(scope, family, revision));
    }

    /**
     * The revision {@code ref} names: {@code family:revision} or an ARN exactly, a bare family its
     * latest ACTIVE revision. Empty when there is none (or the ARN is of another account or region).
     */
    public Optional<Versioned<TaskDefinition>> resolve(Scope scope, TaskDefinitionRef ref) {
        if (!ref.within(scope)) {
            return Optional.empty();
        }
        if (!ref.latest()) {
            return find(scope, ref.family(), ref.revision());
        }
        return table.findLast(familyPrefix(scope, ref.family()), TaskDefinition::active);
    }

    /** Every revision of {@code family}, oldest first. */
    public List<TaskDefinition> family(Scope scope, String family) {
        return table.list(familyPrefix(scope, family));
    }

    /** Every revision in the scope, by family then revision. */
    public List<TaskDefinition> list(Scope scope) {
        return table.list(scope.prefix()).stream()
                .sorted(Comparator.comparing(TaskDefinition::family).thenComparingInt(TaskDefinition::revision))
                .toList();
    }

    /**
     * Stores {@code definition} as the next revision of its family and returns it with that
     * revision. Concurrent registrations of one family get distinct, increasing revisions.
     */
    public TaskDefinition register(TaskDefinition definition) {
        for (int attempt = 0; ; attempt++) {
            int last = table.findLast(familyPrefix(definition.scope(), definition.family()), d -> true)
                    .map(v -> v.value().revision()).orElse(0);
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
        table.save(definition, expectedVersion);
    }

    /** Applies {@code change} to a stored revision with compare-and-set, retrying on conflicts. */
    public Optional<TaskDefinition> update(Scope scope, String family, int revision,
                                           UnaryOperator<TaskDefinition> change) {
        return table.update(key(scope, family, revision), change);
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
