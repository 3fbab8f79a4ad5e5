package berth.iam.state;

import berth.iam.core.AwsManagedPolicies;
import berth.iam.core.IamArns;
import berth.iam.core.InstanceProfile;
import berth.iam.core.ManagedPolicy;
import berth.iam.core.Role;
import berth.iam.core.User;
import berth.platform.RecordJson;
import berth.platform.RecordTable;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
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
    private final RecordTable<Role> roles;
    private final RecordTable<User> users;
    private final RecordTable<ManagedPolicy> policies;
    private final RecordTable<InstanceProfile> profiles;
    private final RecordTable<KeyOwner> keyOwners;

    /** @param changed called after every commit, so caches of this process never serve what was replaced */
    public IamRecords(Store store, Runnable changed) {
        this.store = store;
        this.changed = changed;
        this.roles = new RecordTable<>(store, ROLE, Role.class, r -> key(r.accountId(), r.name()));
        this.users = new RecordTable<>(store, USER, User.class, u -> key(u.accountId(), u.name()));
        this.policies = new RecordTable<>(store, POLICY, ManagedPolicy.class, p -> key(p.accountId(), p.name()));
        this.profiles = new RecordTable<>(store, INSTANCE_PROFILE, InstanceProfile.class, p -> key(p.accountId(), p.name()));
        this.keyOwners = RecordTable.keyedByOwner(store, ACCESS_KEY, RecordJson.STANDARD.codec(KeyOwner.class));
    }

    /** Who owns an access key. */
    public record KeyOwner(String accountId, String userName) {}

    public Optional<Versioned<Role>> role(String accountId, String name) {
        return roles.find(key(accountId, name));
    }

    /** The account's roles in key order (name, case-insensitively). */
    public List<Role> roles(String accountId) {
        return roles.list(accountPrefix(accountId));
    }

    public void putRole(Role role, long expectedVersion) {
        commit(List.of(roles.put(role, expectedVersion)));
    }

    public void deleteRole(Role role, long expectedVersion) {
        commit(List.of(roles.delete(roles.keyOf(role), expectedVersion)));
    }

    public Optional<Versioned<User>> user(String accountId, String name) {
        return users.find(key(accountId, name));
    }

    public List<User> users(String accountId) {
        return users.list(accountPrefix(accountId));
    }

    /**
     * Writes a user, adding index records for keys it gained and removing those of keys it lost,
     * atomically with the user.
     */
    public void putUser(User user, long expectedVersion, List<User.AccessKey> keysBefore) {
        List<Write> writes = new ArrayList<>();
        writes.add(users.put(user, expectedVersion));
        List<String> after = user.accessKeys().stream().map(User.AccessKey::accessKeyId).toList();
        List<String> before = keysBefore.stream().map(User.AccessKey::accessKeyId).toList();
        for (String id : after) {
            if (!before.contains(id)) {
                writes.add(keyOwners.put(id, new KeyOwner(user.accountId(), user.name()), Store.ABSENT));
            }
        }
        for (String id : before) {
            if (!after.contains(id)) {
                writes.add(keyOwners.delete(id, Store.ANY));
            }
        }
        commit(writes);
    }

    /**
     * Moves a user to a new name (and path) if the name changes its key: the old record goes, the new
     * one must not exist yet, and the index records of its keys name the new owner, in one commit.
     */
    public void renameUser(User before, long expectedVersion, User after) {
        if (users.keyOf(before).equals(users.keyOf(after))) {
            putUser(after, expectedVersion, before.accessKeys());
            return;
        }
        List<Write> writes = new ArrayList<>();
        writes.add(users.delete(users.keyOf(before), expectedVersion));
        writes.add(users.put(after, Store.ABSENT));
        for (User.AccessKey accessKey : after.accessKeys()) {
            writes.add(keyOwners.put(accessKey.accessKeyId(), new KeyOwner(after.accountId(), after.name()), Store.ANY));
        }
        commit(writes);
    }

    public void deleteUser(User user, long expectedVersion) {
        List<Write> writes = new ArrayList<>();
        writes.add(users.delete(users.keyOf(user), expectedVersion));
        user.accessKeys().forEach(k -> writes.add(keyOwners.delete(k.accessKeyId(), Store.ANY)));
        commit(writes);
    }

    public Optional<KeyOwner> keyOwner(String accessKeyId) {
        return keyOwners.find(accessKeyId).map(Versioned::value);
    }

    public Optional<Versioned<ManagedPolicy>> policy(String accountId, String name) {
        return policies.find(key(accountId, name));
    }

    public List<ManagedPolicy> policies(String accountId) {
        return policies.list(accountPrefix(accountId));
    }

    public void putPolicy(ManagedPolicy policy, long expectedVersion) {
        commit(List.of(policies.put(policy, expectedVersion)));
    }

    public void deletePolicy(ManagedPolicy policy, long expectedVersion) {
        commit(List.of(policies.delete(policies.keyOf(policy), expectedVersion)));
    }

    public Optional<Versioned<InstanceProfile>> instanceProfile(String accountId, String name) {
        return profiles.find(key(accountId, name));
    }

    /** The account's instance profiles in key order (name, case-insensitively). */
    public List<InstanceProfile> instanceProfiles(String accountId) {
        return profiles.list(accountPrefix(accountId));
    }

    public void putInstanceProfile(InstanceProfile profile, long expectedVersion) {
        commit(List.of(profiles.put(profile, expectedVersion)));
    }

    /**
     * Writes a profile that now holds {@code role}, rewriting the role as it was read in the same
     * commit: a DeleteRole that read the role before cannot then succeed beside the new holder.
     */
    public void putInstanceProfileHolding(InstanceProfile profile, long expectedVersion, Versioned<Role> role) {
        commit(List.of(profiles.put(profile, expectedVersion), roles.put(role.value(), role.version())));
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
        return accountPrefix(accountId) + name.toLowerCase(Locale.ROOT);
    }

    /** {@code account/}: the prefix of one account's entities (IAM's records have no region). */
    private static String accountPrefix(String accountId) {
        return accountId + "/";
    }

    private void commit(List<Write> writes) {
        try {
            store.commit(writes);
        } finally {
            changed.run();
        }
    }
}
