package berth.s3.api;

import berth.aws.AwsException;
import berth.aws.Authorizer;
import berth.aws.Caller;
import berth.aws.Protocol;
import berth.aws.ServiceModel;
import berth.iam.core.AccessRequest;
import berth.iam.core.CallingPrincipal;
import berth.iam.core.Decision;
import berth.iam.core.MalformedPolicyException;
import berth.iam.core.PolicyDocument;
import berth.iam.core.PolicyEvaluator;
import berth.iam.core.PolicyParser;
import berth.iam.core.PolicySet;
import berth.iam.core.RequestContextKeys;
import berth.s3.core.Bucket;
import berth.s3.core.BucketNames;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * Whether a caller may perform an S3 action ({@code s3:GetObject}, …) on a bucket or object: an
 * explicit Deny in the bucket policy refuses anyone; the bucket owner's root may do anything else;
 * the owner's users and roles need their IAM policies (or the bucket policy) to allow it, decided by
 * the platform's authorizer; other accounts and anonymous callers need the bucket policy to allow it.
 */
final class S3Access {
    static final ServiceModel MODEL = new ServiceModel("s3", "s3", Protocol.REST_JSON, "", "",
            "software.amazon.awssdk.services.s3.model", List.of());
    private static final CallingPrincipal ANONYMOUS = new CallingPrincipal("anonymous", List.of("anonymous"), "");

    private final Supplier<Authorizer> authorizer;

    S3Access(Supplier<Authorizer> authorizer) {
        this.authorizer = authorizer;
    }

    /** The request the authorizer reads the resource from: the SDK's own request with the bucket and key. */
    static SdkPojo resourceOf(String bucket, String key) {
        return key.isEmpty() ? ListObjectsV2Request.builder().bucket(bucket).build()
                : GetObjectRequest.builder().bucket(bucket).key(key).build();
    }

    /** Refuses with AccessDenied unless {@code call}'s caller may do {@code action} on the bucket (and key). */
    void check(S3Call call, Optional<Bucket> bucket, String action, String key) {
        String resource = bucket.map(b -> key.isEmpty() ? b.arn() : BucketNames.objectArn(b.name(), key)).orElse("*");
        Optional<PolicyDocument> policy = bucket.map(Bucket::policy).filter(p -> !p.isEmpty()).flatMap(S3Access::parsed);
        Optional<Caller> caller = call.caller();
        CallingPrincipal principal = caller.map(S3Access::principal).orElse(ANONYMOUS);
        RequestContextKeys.Builder keys = RequestContextKeys.builder().put("aws:SecureTransport", "false")
                .put("aws:SourceIp", call.sourceIp());
        caller.ifPresent(c -> keys.put("aws:PrincipalAccount", c.accountId()).put("aws:PrincipalArn", c.identity().arn())
                .put("aws:userid", c.identity().userId()));
        if (call.has("prefix")) keys.put("s3:prefix", call.param("prefix"));
        AccessRequest request = new AccessRequest(action, resource, keys.build());
        Decision byPolicy = policy.map(p -> PolicyEvaluator.evaluate(request, PolicySet.of(List.of()), Optional.of(p), principal))
                .orElse(new Decision.Denied(Decision.Reason.NO_TRUST_ALLOW));
        if (byPolicy instanceof Decision.Denied denied && denied.reason() == Decision.Reason.EXPLICIT_DENY_TRUST) {
            throw denied();
        }
        boolean owner = caller.isPresent() && bucket.map(b -> b.accountId().equals(caller.get().accountId())).orElse(true);
        if (owner) {
            if (caller.get().identity().root()) return;
            try {
                authorizer.get().authorize(caller.get(), MODEL, action.substring(3), resourceOf(bucket.map(Bucket::name)
                        .orElse(""), key));
            } catch (AwsException refused) {
                throw denied();
            }
            return;
        }
        if (!byPolicy.allowed()) throw denied();
    }

    static S3Exception denied() {
        return S3Errors.ACCESS_DENIED.exception("Access Denied");
    }

    private static CallingPrincipal principal(Caller caller) {
        if (caller.identity().root()) return CallingPrincipal.accountRoot(caller.accountId());
        String arn = caller.identity().arn();
        if (arn.startsWith("arn:aws:sts::") && arn.contains(":assumed-role/")) {
            String[] parts = arn.substring(arn.indexOf(":assumed-role/") + 14).split("/");
            return CallingPrincipal.roleSession(caller.accountId(), "arn:aws:iam::" + caller.accountId() + ":role/" + parts[0], arn);
        }
        return CallingPrincipal.user(caller.accountId(), arn);
    }

    private static Optional<PolicyDocument> parsed(String policy) {
        try {
            return Optional.of(PolicyParser.parse(policy, PolicyParser.Kind.RESOURCE));
        } catch (MalformedPolicyException e) {
            return Optional.empty();
        }
    }
}
