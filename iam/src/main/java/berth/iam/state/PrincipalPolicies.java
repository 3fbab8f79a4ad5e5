package berth.iam.state;

import berth.aws.Identity;
import berth.iam.core.IamArns;
import berth.iam.core.MalformedPolicyException;
import berth.iam.core.PolicyDocument;
import berth.iam.core.PolicyParser;
import berth.iam.core.PolicySet;
import berth.iam.core.Role;
import berth.iam.core.RoleSession;
import berth.iam.core.User;
import berth.platform.RecordTable.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policies that decide for a signed-in non-root identity, read from the store and parsed once
 * until the next IAM or STS change: a user's inline and attached policies and permissions boundary,
 * or for a role session the role's policies and boundary plus the session's own.
 */
public final class PrincipalPolicies {
    private static final Logger LOG = LoggerFactory.getLogger(PrincipalPolicies.class);

    private final IamRecords iam;
    private final SessionRecords sessions;
    private final GenerationCache<String, Principal> cache = new GenerationCache<>(10_000);

    public PrincipalPolicies(IamRecords iam, SessionRecords sessions) {
        this.iam = iam;
        this.sessions = sessions;
    }

    /**
     * A principal as policy evaluation sees it.
     *
     * @param principalArn the value of {@code aws:PrincipalArn}: the user ARN, or the role ARN of a session
     * @param type {@code User} or {@code AssumedRole} ({@code aws:PrincipalType})
     * @param userName the user's name for {@code aws:username}; empty for role sessions
     * @param tags principal tags ({@code aws:PrincipalTag/...})
     * @param tokenIssueTime when a session's credentials were issued; empty for users
     */
    public record Principal(PolicySet policies, String principalArn, String type, String userName, String userId,
                            Map<String, String> tags, Optional<Instant> tokenIssueTime) {}

    /** The principal behind a signed request; empty when it no longer exists (a deleted user or role). */
    public Optional<Principal> of(Identity identity, String accessKeyId) {
        if (identity.arn().startsWith("arn:aws:sts::")) {
            return cache.get("session/" + accessKeyId, key -> session(accessKeyId));
        }
        return IamArns.parse(identity.arn(), "user")
                .flatMap(named -> cache.get("user/" + IamRecords.key(named.accountId(), named.name()),
                        key -> user(named.accountId(), named.name())));
    }

    public void invalidate() {
        cache.invalidate();
    }

    private Optional<Principal> user(String accountId, String name) {
        return iam.user(accountId, name).map(Versioned::value).map(user -> new Principal(
                bounded(PolicySet.of(documents(user.inlinePolicies().values(), user.attachedPolicyArns())),
                        user.permissionsBoundaryArn()),
                user.arn(), "User", user.name(), user.userId(), user.tags(), Optional.empty()));
    }

    private Optional<Principal> session(String accessKeyId) {
        Optional<RoleSession> found = sessions.find(accessKeyId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RoleSession session = found.get();
        Optional<Role> role = iam.role(session.accountId(), session.roleName()).map(Versioned::value)
                .filter(r -> r.roleId().equals(session.roleId()));
        if (role.isEmpty()) {
            return Optional.empty();
        }
        PolicySet policies = bounded(PolicySet.of(documents(role.get().inlinePolicies().values(),
                role.get().attachedPolicyArns())), role.get().permissionsBoundaryArn());
        if (session.sessionScoped()) {
            policies = policies.withSession(parseAll(session.sessionPolicies(), PolicyParser.Kind.SESSION));
        }
        Map<String, String> tags = new LinkedHashMap<>(role.get().tags());
        tags.putAll(session.tags());
        return Optional.of(new Principal(policies, role.get().arn(), "AssumedRole", "", session.assumedRoleId(), tags,
                Optional.of(session.issuedAt())));
    }

    /** The set within the default version of the boundary policy; unchanged without a boundary. */
    private PolicySet bounded(PolicySet policies, String boundaryArn) {
        if (boundaryArn.isEmpty()) {
            return policies;
        }
        List<String> boundary = iam.managedPolicy(boundaryArn).map(p -> List.of(p.defaultDocument())).orElse(List.of());
        return policies.withBoundary(parseAll(boundary, PolicyParser.Kind.IDENTITY));
    }

    /** Inline documents and the default versions of attached managed policies, parsed. */
    List<PolicyDocument> documents(Collection<String> inline, List<String> attachedArns) {
        List<String> texts = new ArrayList<>(inline);
        for (String arn : attachedArns) {
            iam.managedPolicy(arn).ifPresent(policy -> texts.add(policy.defaultDocument()));
        }
        return parseAll(texts, PolicyParser.Kind.IDENTITY);
    }

    private static List<PolicyDocument> parseAll(Collection<String> texts, PolicyParser.Kind kind) {
        List<PolicyDocument> documents = new ArrayList<>();
        for (String text : texts) {
            try {
                documents.add(PolicyParser.parse(text, kind));
            } catch (MalformedPolicyException e) {
                // stored documents were validated on write; one that no longer parses grants nothing
                LOG.warn("ignoring a stored policy that does not parse: {}", e.getMessage());
            }
        }
        return documents;
    }
}
