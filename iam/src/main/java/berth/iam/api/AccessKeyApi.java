package berth.iam.api;

import berth.aws.RequestContext;
import berth.iam.core.IamIds;
import berth.iam.core.User;
import berth.iam.state.IamRecords;
import berth.platform.RecordTable.Versioned;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey: a user's long-term keys (at most two). */
final class AccessKeyApi {
    private static final Logger LOG = LoggerFactory.getLogger(AccessKeyApi.class);

    private final IamRecords iam;
    private final UserApi users;
    private final IamIds ids;
    private final Clock clock;

    AccessKeyApi(IamRecords iam, UserApi users, IamIds ids, Clock clock) {
        this.iam = iam;
        this.users = users;
        this.ids = ids;
        this.clock = clock;
    }

    CreateAccessKeyResponse create(CreateAccessKeyRequest request, RequestContext ctx) {
        User.AccessKey key = new User.AccessKey(ids.accessKeyId(), ids.secretAccessKey(), true, clock.instant());
        User owner = Conflicts.retry(() -> {
            Versioned<User> user = users.findOrCaller(request.userName(), ctx);
            List<User.AccessKey> keys = user.value().accessKeys();
            if (keys.size() >= User.MAX_ACCESS_KEYS) {
                throw IamErrors.LIMIT_EXCEEDED.exception("Cannot exceed quota for AccessKeysPerUser: " + User.MAX_ACCESS_KEYS);
            }
            List<User.AccessKey> updated = new ArrayList<>(keys);
            updated.add(key);
            iam.putUser(user.value().withAccessKeys(updated), user.version(), keys);
            return user.value();
        });
        LOG.info("created access key {} of {}", key.accessKeyId(), owner.arn());
        return CreateAccessKeyResponse.builder().accessKey(AccessKey.builder()
                .userName(owner.name())
                .accessKeyId(key.accessKeyId())
                .status(StatusType.ACTIVE)
                .secretAccessKey(key.secretAccessKey())
                .createDate(key.createDate())
                .build()).build();
    }

    ListAccessKeysResponse list(ListAccessKeysRequest request, RequestContext ctx) {
        User user = users.findOrCaller(request.userName(), ctx).value();
        List<User.AccessKey> keys = user.accessKeys().stream()
                .sorted(java.util.Comparator.comparing(User.AccessKey::accessKeyId)).toList();
        IamPage<User.AccessKey> page = IamPage.of(keys, request.marker(), request.maxItems(), User.AccessKey::accessKeyId);
        return ListAccessKeysResponse.builder()
                .accessKeyMetadata(page.items().stream().map(k -> IamShapes.accessKey(user, k)).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker().orElse(null))
                .build();
    }

    UpdateAccessKeyResponse update(UpdateAccessKeyRequest request, RequestContext ctx) {
        boolean active = request.status() == StatusType.ACTIVE;
        Conflicts.retry(() -> {
            Versioned<User> user = users.findOrCaller(request.userName(), ctx);
            List<User.AccessKey> keys = user.value().accessKeys();
            User.AccessKey key = find(keys, request.accessKeyId());
            List<User.AccessKey> updated = keys.stream()
                    .map(k -> k.accessKeyId().equals(key.accessKeyId()) ? k.withActive(active) : k).toList();
            iam.putUser(user.value().withAccessKeys(updated), user.version(), keys);
            return user;
        });
        LOG.info("access key {} is now {}", request.accessKeyId(), active ? "Active" : "Inactive");
        return UpdateAccessKeyResponse.builder().build();
    }

    DeleteAccessKeyResponse delete(DeleteAccessKeyRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<User> user = users.findOrCaller(request.userName(), ctx);
            List<User.AccessKey> keys = user.value().accessKeys();
            User.AccessKey key = find(keys, request.accessKeyId());
            List<User.AccessKey> updated = keys.stream().filter(k -> !k.accessKeyId().equals(key.accessKeyId())).toList();
            iam.putUser(user.value().withAccessKeys(updated), user.version(), keys);
            return user;
        });
        LOG.info("deleted access key {}", request.accessKeyId());
        return DeleteAccessKeyResponse.builder().build();
    }

    private static User.AccessKey find(List<User.AccessKey> keys, String accessKeyId) {
        return keys.stream().filter(k -> k.accessKeyId().equals(accessKeyId)).findFirst()
                .orElseThrow(() -> IamErrors.NO_SUCH_ENTITY.exception("The Access Key with id " + accessKeyId + " cannot be found."));
    }
}
