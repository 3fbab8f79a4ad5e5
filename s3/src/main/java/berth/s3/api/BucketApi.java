package berth.s3.api;

import berth.iam.core.MalformedPolicyException;
import berth.iam.core.PolicyDocument;
import berth.iam.core.PolicyParser;
import berth.platform.RecordTable.Versioned;
import berth.s3.core.Bucket;
import berth.s3.core.BucketNames;
import berth.s3.state.S3Records;
import berth.store.Store;
import berth.store.VersionConflict;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.w3c.dom.Element;

/**
 * The bucket itself: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation,
 * versioning, tagging, the bucket policy, and the fixed answers of ACLs (owner only: ACLs are
 * disabled, as in new S3 buckets), ownership controls and default encryption.
 */
final class BucketApi {
    private final S3Records records;
    private final S3Access access;
    private final Clock clock;

    BucketApi(S3Records records, S3Access access, Clock clock) {
        this.records = records;
        this.access = access;
        this.clock = clock;
    }

    /** The bucket a call names; NoSuchBucket when there is none. */
    Versioned<Bucket> bucket(S3Call call) {
        return records.bucket(call.bucket()).orElseThrow(() -> S3Errors.noSuchBucket(call.bucket()));
    }

    /** The bucket a call names, after checking the caller may do {@code action} on it. */
    Versioned<Bucket> authorized(S3Call call, String action) {
        Versioned<Bucket> bucket = bucket(call);
        access.check(call, java.util.Optional.of(bucket.value()), action, "");
        return bucket;
    }

    static String ownerId(String accountId) {
        return berth.sqs.core.Messages.sha256Hex("berth-canonical-user/" + accountId);
    }

    HttpResponse list(S3Call call) {
        if (call.caller().isEmpty()) throw S3Access.denied();
        access.check(call, java.util.Optional.empty(), "s3:ListAllMyBuckets", "");
        String account = call.accountId();
        String prefix = call.param("prefix");
        List<Bucket> mine = records.buckets().stream().filter(b -> b.accountId().equals(account))
                .filter(b -> b.name().startsWith(prefix))
                .filter(b -> !call.has("bucket-region") || b.region().equals(call.param("bucket-region")))
                .sorted(Comparator.comparing(Bucket::name)).toList();
        String after = call.optionalParam("continuation-token").map(t -> berth.aws.paging.PageToken.decode(t)
                .orElseThrow(() -> S3Errors.invalidArgument("The continuation token provided is incorrect",
                        "continuation-token", t))).orElse("");
        int max = call.has("max-buckets") ? Listings.intParam(call, "max-buckets", 1, 10_000) : 10_000;
        List<Bucket> page = mine.stream().filter(b -> b.name().compareTo(after) > 0).limit(max).toList();
        boolean more = mine.stream().filter(b -> b.name().compareTo(after) > 0).count() > page.size();
        Xml xml = Xml.document("ListAllMyBucketsResult").open("Owner").element("ID", ownerId(account))
                .element("DisplayName", account).close("Owner").open("Buckets");
        for (Bucket bucket : page) {
            xml.open("Bucket").element("Name", bucket.name()).element("CreationDate", Xml.time(bucket.createdAt()))
                    .element("BucketRegion", bucket.region()).close("Bucket");
        }
        xml.close("Buckets");
        if (more) xml.element("ContinuationToken", berth.aws.paging.PageToken.encode(page.get(page.size() - 1).name()));
        if (!prefix.isEmpty()) xml.element("Prefix", prefix);
        return S3Responses.xml(call, xml.end("ListAllMyBucketsResult"));
    }

    HttpResponse create(S3Call call) throws IOException {
        if (call.caller().isEmpty()) throw S3Access.denied();
        String name = call.bucket();
        if (!BucketNames.valid(name)) {
            throw S3Errors.INVALID_BUCKET_NAME.exception("The specified bucket is not valid.", "BucketName", name);
        }
        access.check(call, java.util.Optional.empty(), "s3:CreateBucket", "");
        String acl = call.header("x-amz-acl");
        if (!acl.isEmpty() && !acl.equals("private") && !acl.equals("bucket-owner-full-control")) {
            throw S3Errors.INVALID_BUCKET_ACL_WITH_OWNERSHIP.exception("Bucket cannot have ACLs set with ObjectOwnership's"
                    + " BucketOwnerEnforced setting");
        }
        if (call.header("x-amz-bucket-object-lock-enabled").equalsIgnoreCase("true")) {
            throw S3Errors.INVALID_REQUEST.exception("berth does not support S3 Object Lock.");
        }
        String signingRegion = call.caller().get().region();
        byte[] body = SmallBody.read(call);
        String region = signingRegion;
        if (body.length > 0 && !new String(body, StandardCharsets.UTF_8).isBlank()) {
            Element root = Xml.parse(body);
            String constraint = Xml.text(root, "LocationConstraint").orElse("");
            if (constraint.equals("us-east-1")) {
                throw S3Errors.INVALID_LOCATION_CONSTRAINT.exception("The specified location-constraint is not valid",
                        "LocationConstraint", constraint);
            }
            if (!constraint.isEmpty()) region = constraint.equals("EU") ? "eu-west-1" : constraint;
            if (!constraint.isEmpty() && !region.equals(signingRegion)) {
                throw S3Errors.ILLEGAL_LOCATION_CONSTRAINT.exception("The " + constraint + " location constraint is"
                        + " incompatible for the region specific endpoint this request was sent to.");
            }
        }
        Bucket bucket = Bucket.create(name, call.accountId(), region, clock.instant());
        try {
            records.commit(List.of(records.putBucket(bucket, Store.ABSENT)));
        } catch (VersionConflict exists) {
            Bucket existing = records.bucket(name).map(Versioned::value).orElse(bucket);
            if (!existing.accountId().equals(call.accountId())) {
                throw S3Errors.BUCKET_ALREADY_EXISTS.exception("The requested bucket name is not available. The bucket"
                        + " namespace is shared by all users of the system. Please select a different name and try again.",
                        "BucketName", name);
            }
            if (!existing.region().equals("us-east-1")) {
                throw S3Errors.BUCKET_ALREADY_OWNED_BY_YOU.exception("Your previous request to create the named bucket"
                        + " succeeded and you already own it.", "BucketName", name);
            }
        }
        return S3Responses.empty(call, 200, Map.of("Location", "/" + name));
    }

    HttpResponse head(S3Call call) {
        Bucket bucket = authorized(call, "s3:ListBucket").value();
        return S3Responses.empty(call, 200, Map.of("x-amz-bucket-region", bucket.region(), "x-amz-access-point-alias", "false"));
    }

    HttpResponse delete(S3Call call) {
        Versioned<Bucket> bucket = authorized(call, "s3:DeleteBucket");
        if (records.hasObjects(bucket.value().name()) || !records.uploads(bucket.value().name()).isEmpty()) {
            throw S3Errors.BUCKET_NOT_EMPTY.exception("The bucket you tried to delete is not empty", "BucketName",
                    bucket.value().name());
        }
        records.commit(List.of(records.deleteBucket(bucket.value().name(), bucket.version())));
        return S3Responses.noContent(call);
    }

    HttpResponse location(S3Call call) {
        Bucket bucket = authorized(call, "s3:GetBucketLocation").value();
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"" + Xml.NAMESPACE + "\">"
                + (bucket.region().equals("us-east-1") ? "" : Xml.escape(bucket.region())) + "</LocationConstraint>")
                .getBytes(StandardCharsets.UTF_8);
        return S3Responses.xml(call, body);
    }

    HttpResponse getVersioning(S3Call call) {
        Bucket bucket = authorized(call, "s3:GetBucketVersioning").value();
        Xml xml = Xml.document("VersioningConfiguration");
        if (!bucket.versioning().isEmpty()) xml.element("Status", bucket.versioning());
        return S3Responses.xml(call, xml.end("VersioningConfiguration"));
    }

    HttpResponse putVersioning(S3Call call) throws IOException {
        authorized(call, "s3:PutBucketVersioning");
        Element root = Xml.parse(SmallBody.read(call));
        String status = Xml.text(root, "Status").orElse("");
        if (!status.equals(Bucket.ENABLED) && !status.equals(Bucket.SUSPENDED)) throw S3Errors.malformedXml();
        if (Xml.text(root, "MfaDelete").orElse("Disabled").equals("Enabled")) {
            throw S3Errors.INVALID_ARGUMENT.exception("berth does not support MFA Delete.", "ArgumentName", "MfaDelete");
        }
        update(call, b -> b.withVersioning(status));
        return S3Responses.ok(call);
    }

    HttpResponse getTagging(S3Call call) {
        Bucket bucket = authorized(call, "s3:GetBucketTagging").value();
        if (bucket.tags().isEmpty()) {
            throw S3Errors.NO_SUCH_TAG_SET.exception("The TagSet does not exist", "BucketName", bucket.name());
        }
        return S3Responses.xml(call, Tags.document(bucket.tags()));
    }

    HttpResponse putTagging(S3Call call) throws IOException {
        authorized(call, "s3:PutBucketTagging");
        Map<String, String> tags = Tags.parse(SmallBody.read(call), 50);
        update(call, b -> b.withTags(tags));
        return S3Responses.noContent(call);
    }

    HttpResponse deleteTagging(S3Call call) {
        authorized(call, "s3:PutBucketTagging");
        update(call, b -> b.withTags(Map.of()));
        return S3Responses.noContent(call);
    }

    HttpResponse getPolicy(S3Call call) {
        Bucket bucket = authorized(call, "s3:GetBucketPolicy").value();
        if (bucket.policy().isEmpty()) {
            throw S3Errors.NO_SUCH_BUCKET_POLICY.exception("The bucket policy does not exist", "BucketName", bucket.name());
        }
        byte[] body = bucket.policy().getBytes(StandardCharsets.UTF_8);
        return HttpResponse.of(S3Responses.headers(200, call).contentType(MediaType.JSON).contentLength(body.length).build(),
                HttpData.wrap(body));
    }

    HttpResponse putPolicy(S3Call call) throws IOException {
        Bucket bucket = authorized(call, "s3:PutBucketPolicy").value();
        String text = new String(SmallBody.read(call), StandardCharsets.UTF_8);
        PolicyDocument document;
        try {
            document = PolicyParser.parse(text, PolicyParser.Kind.RESOURCE);
        } catch (MalformedPolicyException e) {
            throw S3Errors.MALFORMED_POLICY.exception(e.getMessage());
        }
        for (PolicyDocument.Statement statement : document.statements()) {
            for (String resource : statement.resources()) {
                if (!resource.equals(bucket.arn()) && !resource.startsWith(bucket.arn() + "/")
                        && !berth.aws.text.Wildcard.matches(resource, bucket.arn(), berth.aws.text.Wildcard.Syntax.IAM)
                        && !resource.equals("*")) {
                    throw S3Errors.MALFORMED_POLICY.exception("Policy has invalid resource");
                }
            }
        }
        update(call, b -> b.withPolicy(text));
        return S3Responses.noContent(call);
    }

    HttpResponse deletePolicy(S3Call call) {
        authorized(call, "s3:DeleteBucketPolicy");
        update(call, b -> b.withPolicy(""));
        return S3Responses.noContent(call);
    }

    HttpResponse getAcl(S3Call call, String key) {
        Bucket bucket = authorized(call, key.isEmpty() ? "s3:GetBucketAcl" : "s3:GetObjectAcl").value();
        String owner = ownerId(bucket.accountId());
        byte[] body = Xml.document("AccessControlPolicy").open("Owner").element("ID", owner)
                .element("DisplayName", bucket.accountId()).close("Owner").open("AccessControlList")
                .open("Grant").raw("<Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">")
                .element("ID", owner).element("DisplayName", bucket.accountId()).close("Grantee")
                .element("Permission", "FULL_CONTROL").close("Grant").close("AccessControlList").end("AccessControlPolicy");
        return S3Responses.xml(call, body);
    }

    HttpResponse ownershipControls(S3Call call) {
        authorized(call, "s3:GetBucketOwnershipControls");
        return S3Responses.xml(call, Xml.document("OwnershipControls").open("Rule")
                .element("ObjectOwnership", "BucketOwnerEnforced").close("Rule").end("OwnershipControls"));
    }

    HttpResponse encryption(S3Call call) {
        authorized(call, "s3:GetEncryptionConfiguration");
        return S3Responses.xml(call, Xml.document("ServerSideEncryptionConfiguration").open("Rule")
                .open("ApplyServerSideEncryptionByDefault").element("SSEAlgorithm", "AES256")
                .close("ApplyServerSideEncryptionByDefault").element("BucketKeyEnabled", false).close("Rule")
                .end("ServerSideEncryptionConfiguration"));
    }

    /** Changes the bucket's record with compare-and-set, re-reading on conflicts. */
    Bucket update(S3Call call, UnaryOperator<Bucket> change) {
        for (int attempt = 0; ; attempt++) {
            Versioned<Bucket> bucket = bucket(call);
            Bucket changed = change.apply(bucket.value());
            try {
                records.commit(List.of(records.putBucket(changed, bucket.version())));
                return changed;
            } catch (VersionConflict raced) {
                if (attempt > 20) throw raced;
            }
        }
    }
}
