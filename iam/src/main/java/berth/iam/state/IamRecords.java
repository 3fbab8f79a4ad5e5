package berth.iam.state;

import berth.iam.core.AwsManagedPolicies;
import berth.iam.core.IamArns;
import berth.iam.core.InstanceProfile;
import berth.iam.core.ManagedPolicy;
import berth.iam.core.Role;
import berth.iam.core.User;
import berth.platform.RecordTable;
import berth.store.Store;
import berth.store.StoredRecord;
import berth.store.Write;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * IAM entities in the store. IAM is global, so keys name the account only, never a region:
 * {@code iam.role}, {@code iam.user}, {@code iam.policy} (customer managed) and
 * {@code iam.instanceprofile} at {@code account/lower-case name} (IAM names are unique regardless of
 * case), and {@code iam.accesskey} at the access key id, naming the user that owns the key so a
 * signature can be verified from the key id alone. A user and its key index change in one commit.
 */
public final class IamRecords {
    public static final String ROLE = "iam.role";
    public static final String USER = "iam.user";
    public static final String POLICY = "iam.policy";
    public static final String ACCESS_KEY = "iam.accesskey";
    public static final String INSTANCE_PROFILE = "iam.instanceprofile";

    private final Store store;
    private final Runnable changed;
    private final RecordTable<InstanceProfile> profiles;

    /** @param changed called after every commit, so caches of this process never serve what was replaced */
    public IamRecords(Store store, Runnable changed) {
        this.store = store;
        this.changed = changed;
        this.profiles = new RecordTable<>(store, INSTANCE_PROFILE, InstanceProfile.class, p -> key(p.accountId(), p.name()));
    }

    /** Who owns an access key. */
    public record KeyOwner(String accountId, String userName) {}

    public Optional<Versioned<Role>> role(String accountId, String name) {
        return store.get(ROLE, key(accountId, name)).map(r -> new Versioned<>(Json.read(r.value(), Role.class), r.version()));
    }

    /** The account's roles in key order (name, case-insensitively). */
    public List<Role> roles(String accountId) {
        return store.list(ROLE, accountId + "/").stream().map(r -> Json.read(r.value(), Role.class)).toList();
    }

    public void putRole(Role role, long expectedVersion) {
        commit(List.of(Write.put(ROLE, key(role.accountId(), role.name()), Json.write(role), expectedVersion)));
    }

    public void deleteRole(Role role, long expectedVersion) {
        commit(List.of(Write.delete(ROLE, key(role.accountId(), role.name()), expectedVersion)));
    }

    public Optional<Versioned<User>> user(String accountId, String name) {
        return store.get(USER, key(accountId, name)).map(r -> new Versioned<>(Json.read(r.value(), User.class), r.version()));
    }

    public List<User> users(String accountId) {
        return store.list(USER, accountId + "/").stream().map(r -> Json.read(r.value(), User.class)).toList();
    }

    /**
     * Writes a user, adding index records for keys it gained and removing those of keys it lost,
     * atomically with the user.
     */
    public void putUser(User user, long expectedVersion, List<User.AccessKey> keysBefore) {
        List<Write> writes = new ArrayList<>();
        writes.add(Write.put(USER, key(user.accountId(), user.name()), Json.write(user), expectedVersion));
        List<String> after = user.accessKeys().stream().map(User.AccessKey::accessKeyId).toList();
        List<String> before = keysBefore.stream().map(User.AccessKey::accessKeyId).toList();
        for (String id : after) {
            if (!before.contains(id)) {
                writes.add(Write.put(ACCESS_KEY, id, Json.write(new KeyOwner(user.accountId(), user.name())), Store.ABSENT));
            }
        }
        for (String id : before) {
            if (!after.contains(id)) {
                writes.add(Write.delete(ACCESS_KEY, id, Store.ANY));
            }
        }
        commit(writes);
    }

    /**
     * Moves a user to a new name (and path) if the name changes its key: the old record goes, the new
     * one must not exist yet, and the index records of its keys name the new owner, in one commit.
     */
    public void renameUser(User before, long expectedVersion, User after) {
        if (key(before.accountId(), before.name()).equals(key(after.accountId(), after.name()))) {
            putUser(after, expectedVersion, before.accessKeys());
            return;
        }
        List<Write> writes = new ArrayList<>();
        writes.add(Write.delete(USER, key(before.accountId(), before.name()), expectedVersion));
        writes.add(Write.put(USER, key(after.accountId(), after.name()), Json.write(after), Store.ABSENT));
        for (User.AccessKey accessKey : after.accessKeys()) {
            writes.add(Write.put(ACCESS_KEY, accessKey.accessKeyId(),
                    Json.write(new KeyOwner(after.accountId(), after.name())), Store.ANY));
        }
        commit(writes);
    }

    public void deleteUser(User user, long expectedVersion) {
        List<Write> writes = new ArrayList<>();
        writes.add(Write.delete(USER, key(user.accountId(), user.name()), expectedVersion));
        user.accessKeys().forEach(k -> writes.add(Write.delete(ACCESS_KEY, k.accessKeyId(), Store.ANY)));
        commit(writes);
    }

    public Optional<KeyOwner> keyOwner(String accessKeyId) {
        return store.get(ACCESS_KEY, accessKeyId).map(r -> Json.read(r.value(), KeyOwner.class));
    }

    public Optional<Versioned<ManagedPolicy>> policy(String accountId, String name) {
        return store.get(POLICY, key(accountId, name))
                .map(r -> new Versioned<>(Json.read(r.value(), ManagedPolicy.class), r.version()));
    }

    public List<ManagedPolicy> policies(String accountId) {
        return store.list(POLICY, accountId + "/").stream().map(StoredRecord::value)
                .map(v -> Json.read(v, ManagedPolicy.class)).toList();
    }

    public void putPolicy(ManagedPolicy policy, long expectedVersion) {
        commit(List.of(Write.put(POLICY, key(policy.accountId(), policy.name()), Json.write(policy), expectedVersion)));
    }

    public void deletePolicy(ManagedPolicy policy, long expectedVersion) {
        commit(List.of(Write.delete(POLICY, key(policy.accountId(), policy.name()), expectedVersion)));
    }

    public Optional<Versioned<InstanceProfile>> instanceProfile(String accountId, String name) {
        return profiles.find(key(accountId, name)).map(v -> new Versioned<>(v.value(), v.version()));
    }

    /** The account's instance profiles in key order (name, case-insensitively). */
    public List<InstanceProfile> instanceProfiles(String accountId) {
        return profiles.list(accountId + "/");
    }

    public void putInstanceProfile(InstanceProfile profile, long expectedVersion) {
        commit(List.of(profiles.put(profile, expectedVersion)));
    }

    /**
     * Writes a profile that now holds {@code role}, rewriting the role as it was read in the same
     * commit: a DeleteRole that read the role before cannot then succeed beside the new holder.
     */
    public void putInstanceProfileHolding(InstanceProfile profile, long expectedVersion, Versioned<Role> role) {
        commit(List.of(profiles.put(profile, expectedVersion),
                Write.put(ROLE, key(role.value().accountId(), role.value().name()), Json.write(role.value()), role.version())));
    }

    public void deleteInstanceProfile(InstanceProfile profile, long expectedVersion) {
        commit(List.of(profiles.delete(profiles.keyOf(profile), expectedVersion)));
    }

    /** A managed policy by ARN: AWS managed, or customer managed in the account the ARN names. */
    public Optional<ManagedPolicy> managedPolicy(String arn) {
        Optional<ManagedPolicy> awsManaged = AwsManagedPolicies.find(arn);
        if (awsManaged.isPresent()) {
            return awsManaged;
        }
        return IamArns.parse(arn, "policy")
                .flatMap(named -> policy(named.accountId(), named.name()).map(Versioned::value)
                        .filter(p -> p.arn().equals(arn)));
    }

    /** The key of an entity: IAM names are unique per account regardless of case. */
    public static String key(String accountId, String name) {
        return accountId + "/" + name.toLowerCase(Locale.ROOT);
    }

    private void commit(List<Write> writes) {
        try {
            store.commit(writes);
        } finally {
            changed.run();
        }
    }
}
