package berth.iam.api;

import berth.aws.RequestContext;
import berth.iam.core.IamArns;
import berth.iam.core.IamIds;
import berth.iam.core.User;
import berth.iam.state.IamRecords;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.CreateUserResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserResponse;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.GetUserResponse;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserResponse;
import software.amazon.awssdk.services.iam.model.ListUsersRequest;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.UpdateUserRequest;
import software.amazon.awssdk.services.iam.model.UpdateUserResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** CreateUser, GetUser, UpdateUser, DeleteUser, ListUsers, ListGroupsForUser. */
final class UserApi {
    private static final Logger LOG = LoggerFactory.getLogger(UserApi.class);
    private static final Instant ACCOUNT_CREATED = Instant.parse("2024-01-01T00:00:00Z");

    private final IamRecords iam;
    private final IamIds ids;
    private final Clock clock;

    UserApi(IamRecords iam, IamIds ids, Clock clock) {
        this.iam = iam;
        this.ids = ids;
        this.clock = clock;
    }

    CreateUserResponse create(CreateUserRequest request, RequestContext ctx) {
        String name = IamNames.requireName(request.userName(), "userName");
        String path = IamNames.requirePath(request.path(), "path");
        String boundary = PermissionsBoundaryApi.boundary(iam, ctx.accountId(), request.permissionsBoundary());
        User user = new User(ctx.accountId(), name, path, ids.userId(), clock.instant(), IamShapes.tags(request.tags()),
                Map.of(), List.of(), List.of(), boundary);
        Conflicts.retry(() -> {
            if (iam.user(ctx.accountId(), name).isPresent()) {
                throw IamErrors.ENTITY_ALREADY_EXISTS.exception("User with name " + name + " already exists.");
            }
            iam.putUser(user, Store.ABSENT, List.of());
            return user;
        });
        LOG.info("created user {} ({})", user.arn(), user.userId());
        return CreateUserResponse.builder().user(IamShapes.user(user, true)).build();
    }

    /** The named user, or without a name the calling user (the root's own record for the account root). */
    GetUserResponse get(GetUserRequest request, RequestContext ctx) {
        if (request.userName() != null) {
            return GetUserResponse.builder().user(IamShapes.user(find(ctx.accountId(), request.userName()).value(), true)).build();
        }
        if (ctx.caller().identity().root()) {
            return GetUserResponse.builder().user(software.amazon.awssdk.services.iam.model.User.builder()
                    .userId(ctx.accountId()).arn(IamArns.root(ctx.accountId())).createDate(ACCOUNT_CREATED).build()).build();
        }
        return GetUserResponse.builder().user(IamShapes.user(callingUser(ctx).value(), true)).build();
    }

    /** A new name or path for a user; its id, keys and policies stay with it. */
    UpdateUserResponse update(UpdateUserRequest request, RequestContext ctx) {
        String newName = request.newUserName() == null ? null : IamNames.requireName(request.newUserName(), "newUserName");
        String newPath = request.newPath() == null ? null : IamNames.requirePath(request.newPath(), "newPath");
        User renamed = Conflicts.retry(() -> {
            Versioned<User> user = find(ctx.accountId(), request.userName());
            User after = user.value().renamed(newName == null ? user.value().name() : newName,
                    newPath == null ? user.value().path() : newPath);
            boolean sameKey = IamRecords.key(ctx.accountId(), after.name())
                    .equals(IamRecords.key(ctx.accountId(), user.value().name()));
            if (!sameKey && iam.user(ctx.accountId(), after.name()).isPresent()) {
                throw IamErrors.ENTITY_ALREADY_EXISTS.exception("User with name " + after.name() + " already exists.");
            }
            iam.renameUser(user.value(), user.version(), after);
            return after;
        });
        LOG.info("user {} of account {} is now {}", request.userName(), ctx.accountId(), renamed.arn());
        return UpdateUserResponse.builder().build();
    }

    /** The groups a user is in: berth has no groups, so none, once the user is known. */
    ListGroupsForUserResponse listGroups(ListGroupsForUserRequest request, RequestContext ctx) {
        find(ctx.accountId(), request.userName());
        return ListGroupsForUserResponse.builder().groups(List.of()).isTruncated(false).build();
    }

    DeleteUserResponse delete(DeleteUserRequest request, RequestContext ctx) {
        Conflicts.retry(() -> {
            Versioned<User> user = find(ctx.accountId(), request.userName());
            if (!user.value().accessKeys().isEmpty()) {
                throw IamErrors.cannotDeleteBefore("delete access keys");
            }
            if (!user.value().inlinePolicies().isEmpty()) {
                throw IamErrors.cannotDeleteBefore("delete policies");
            }
            if (!user.value().attachedPolicyArns().isEmpty()) {
                throw IamErrors.cannotDeleteBefore("detach all policies");
            }
            iam.deleteUser(user.value(), user.version());
            return user;
        });
        LOG.info("deleted user {} of account {}", request.userName(), ctx.accountId());
        return DeleteUserResponse.builder().build();
    }

    ListUsersResponse list(ListUsersRequest request, RequestContext ctx) {
        String prefix = request.pathPrefix() == null ? "/" : request.pathPrefix();
        List<User> users = iam.users(ctx.accountId()).stream().filter(u -> u.path().startsWith(prefix)).toList();
        IamPage<User> page = IamPage.of(users, request.marker(), request.maxItems(),
                u -> IamRecords.key(u.accountId(), u.name()));
        return ListUsersResponse.builder()
                .users(page.items().stream().map(u -> IamShapes.user(u, false)).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker().orElse(null))
                .build();
    }

    Versioned<User> find(String accountId, String name) {
        return iam.user(accountId, name)
                .orElseThrow(() -> IamErrors.NO_SUCH_ENTITY.exception("The user with name " + name + " cannot be found."));
    }

    /** The named user, or without a name the user who signed the request. */
    Versioned<User> findOrCaller(String name, RequestContext ctx) {
        return name != null ? find(ctx.accountId(), name) : callingUser(ctx);
    }

    private Versioned<User> callingUser(RequestContext ctx) {
        IamArns.Named named = IamArns.parse(ctx.caller().identity().arn(), "user")
                .orElseThrow(() -> IamErrors.validation("Must specify userName when calling with non-User credentials"));
        return find(ctx.accountId(), named.name());
    }
}
