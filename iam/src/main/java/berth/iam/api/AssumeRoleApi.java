package berth.iam.api;

import berth.aws.AwsException;
import berth.aws.Caller;
import berth.aws.Protocol;
import berth.aws.RequestContext;
import berth.iam.core.AccessRequest;
import berth.iam.core.CallingPrincipal;
import berth.iam.core.Decision;
import berth.iam.core.IamArns;
import berth.iam.core.ManagedPolicy;
import berth.iam.core.PolicyEvaluator;
import berth.iam.core.PolicyParser;
import berth.iam.core.RequestContextKeys;
import berth.iam.core.Role;
import berth.iam.core.RoleAssumption;
import berth.iam.core.RoleSession;
import berth.iam.state.IamRecords;
import berth.iam.state.PrincipalPolicies;
import berth.iam.state.SessionIssuer;
import berth.iam.state.SessionRecords;
import berth.platform.RecordTable.Versioned;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;
import software.amazon.awssdk.services.sts.model.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * STS AssumeRole: checks the caller's identity-based policies and the role's trust policy, then
 * issues temporary credentials for a role session.
 */
final class AssumeRoleApi {
    private static final String SESSION_NAME = "[\\w+=,.@-]*";
    private static final Pattern SESSION_NAME_PATTERN = Pattern.compile(SESSION_NAME);
    private static final int PACKED_POLICY_MAX = 2048;

    private final IamRecords iam;
    private final SessionRecords sessions;
    private final PrincipalPolicies principals;
    private final SessionIssuer issuer;
    private final Clock clock;

    AssumeRoleApi(IamRecords iam, SessionRecords sessions, PrincipalPolicies principals, SessionIssuer issuer, Clock clock) {
        this.iam = iam;
        this.sessions = sessions;
        this.principals = principals;
        this.issuer = issuer;
        this.clock = clock;
    }

    AssumeRoleResponse assume(AssumeRoleRequest request, RequestContext ctx) {
        Caller caller = ctx.caller();
        if (request.serialNumber() != null || request.tokenCode() != null) {
            throw IamErrors.ACCESS_DENIED.exception("MultiFactorAuthentication failed with invalid MFA one time pass code. ");
        }
        if (!request.providedContexts().isEmpty()) {
            throw IamErrors.validation("ProvidedContexts are not accepted: berth trusts no context provider.");
        }
        String sessionName = IamNames.requirePattern(request.roleSessionName(), SESSION_NAME_PATTERN, SESSION_NAME,
                "roleSessionName");
        String roleArn = request.roleArn();
        IamArns.Named target = IamArns.parse(roleArn, "role")
                .orElseThrow(() -> IamErrors.validation(roleArn + " is not a valid role ARN."));
        Optional<PrincipalPolicies.Principal> principal = caller.identity().root() ? Optional.empty()
                : principals.of(caller.identity(), caller.accessKeyId());
        Instant now = clock.instant();
        RequestContextKeys identityKeys = CallerContext.keys(caller, principal, now).build();
        Decision identity = caller.identity().root() ? Decision.ALLOWED
                : principal.map(p -> PolicyEvaluator.evaluate(new AccessRequest(RoleAssumption.ASSUME_ROLE, roleArn,
                        identityKeys), p.policies())).orElse(new Decision.Denied(Decision.Reason.NO_IDENTITY_ALLOW));

        Map<String, String> tags = sessionTags(request, caller);
        RequestContextKeys trustKeys = trustKeys(request, caller, principal, now, sessionName, tags);
        Role role = iam.role(target.accountId(), target.name()).map(Versioned::value)
                .filter(r -> r.arn().equals(roleArn))
                .orElseThrow(() -> denied(caller, RoleAssumption.ASSUME_ROLE, roleArn));
        CallingPrincipal calling = CallerContext.principal(caller, principal);
        Optional<String> refused = RoleAssumption.refusedAction(PolicyParser.parse(role.trustPolicy(), PolicyParser.Kind.TRUST),
                role.accountId(), calling, identity, trustKeys, !request.tags().isEmpty(), request.sourceIdentity() != null);
        if (refused.isPresent()) {
            throw denied(caller, refused.get(), roleArn);
        }

        boolean chained = CallerContext.isRoleSession(caller);
        Duration duration = Duration.ofSeconds(request.durationSeconds() == null ? 3600 : request.durationSeconds());
        RoleAssumption.durationProblem(duration, role.maxSessionDurationSeconds(), chained).ifPresent(problem -> {
            throw IamErrors.validation(problem);
        });
        List<String> sessionPolicies = sessionPolicies(request);
        int packedPercent = packedPercent(request, tags);
        RoleSession session = issuer.issue(role, new SessionIssuer.Terms(sessionName, duration,
                request.policy() != null || !request.policyArns().isEmpty(), sessionPolicies, tags,
                request.transitiveTagKeys(), request.sourceIdentity() == null ? "" : request.sourceIdentity(), chained));

        AssumeRoleResponse.Builder response = AssumeRoleResponse.builder()
                .credentials(Credentials.builder()
                        .accessKeyId(session.accessKeyId())
                        .secretAccessKey(session.secretAccessKey())
                        .sessionToken(session.sessionToken())
                        .expiration(session.expiration())
                        .build())
                .assumedRoleUser(AssumedRoleUser.builder().arn(session.assumedRoleArn()).assumedRoleId(session.assumedRoleId())
                        .build());
        if (packedPercent > 0) {
            response.packedPolicySize(packedPercent);
        }
        if (!session.sourceIdentity().isEmpty()) {
            response.sourceIdentity(session.sourceIdentity());
        }
        return response.build();
    }

    /** AWS's refusal of an AssumeRole call. */
    static AwsException denied(Caller caller, String action, String roleArn) {
        return IamErrors.accessDenied(Protocol.QUERY, "User: " + caller.identity().arn() + " is not authorized to perform: "
                + action + " on resource: " + roleArn);
    }

    /** The request's session tags over the transitive tags of the calling session (role chaining). */
    private Map<String, String> sessionTags(AssumeRoleRequest request, Caller caller) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (CallerContext.isRoleSession(caller)) {
            sessions.find(caller.accessKeyId()).ifPresent(parent -> tags.putAll(parent.transitiveTags()));
        }
        for (Tag tag : request.tags()) {
            tags.put(tag.key(), tag.value() == null ? "" : tag.value());
        }
        for (String key : request.transitiveTagKeys()) {
            if (request.tags().stream().noneMatch(t -> t.key().equalsIgnoreCase(key))) {
                throw IamErrors.validation("The specified transitive tag key must be included in the requested tags.");
            }
        }
        return tags;
    }

    private static RequestContextKeys trustKeys(AssumeRoleRequest request, Caller caller,
                                                Optional<PrincipalPolicies.Principal> principal, Instant now,
                                                String sessionName, Map<String, String> tags) {
        RequestContextKeys.Builder keys = CallerContext.keys(caller, principal, now).put("sts:RoleSessionName", sessionName);
        if (request.externalId() != null) {
            keys.put("sts:ExternalId", request.externalId());
        }
        if (request.sourceIdentity() != null) {
            keys.put("sts:SourceIdentity", request.sourceIdentity());
        }
        tags.forEach((key, value) -> keys.put("aws:RequestTag/" + key, value));
        keys.putAll("aws:TagKeys", List.copyOf(tags.keySet()));
        keys.putAll("sts:TransitiveTagKeys", request.transitiveTagKeys());
        return keys.build();
    }

    /** The inline session policy and the managed policies passed by ARN, validated, as documents. */
    private List<String> sessionPolicies(AssumeRoleRequest request) {
        List<String> documents = new ArrayList<>();
        if (request.policy() != null) {
            PolicyDocuments.validate(request.policy(), PolicyParser.Kind.SESSION);
            documents.add(request.policy());
        }
        for (PolicyDescriptorType descriptor : request.policyArns()) {
            String arn = descriptor.arn() == null ? "" : descriptor.arn();
            ManagedPolicy policy = iam.managedPolicy(arn).orElseThrow(() -> IamErrors.MALFORMED_POLICY_DOCUMENT.exception(
                    "Policy " + arn + " does not exist or is not attachable."));
            documents.add(policy.defaultDocument());
        }
        return documents;
    }

    /** How full the packed session policy and tags are, in percent of the limit; refused above 100. */
    private static int packedPercent(AssumeRoleRequest request, Map<String, String> tags) {
        int size = request.policy() == null ? 0 : PolicyDocuments.size(request.policy());
        size += request.policyArns().size() * 64;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            size += tag.getKey().length() + tag.getValue().length();
        }
        if (size > PACKED_POLICY_MAX) {
            throw IamErrors.PACKED_POLICY_TOO_LARGE.exception("Packed size of session policies and session tags exceeds"
                    + " the maximum allowed size.");
        }
        return size == 0 ? 0 : Math.max(1, (int) Math.ceil(size * 100.0 / PACKED_POLICY_MAX));
    }
}
