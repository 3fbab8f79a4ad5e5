package berth.ec2.machines;

import berth.aws.Scope;
import berth.ec2.core.Instance;
import berth.ec2.state.Ec2Records;
import berth.iam.InstanceProfiles;
import berth.iam.RoleCredentialsIssuer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The instance metadata service (IMDSv2) of berth's instances, one per instance at
 * {@code /_berth/ec2/imds/ACCOUNT/REGION/INSTANCE/SECRET/}: {@code PUT latest/api/token}, the instance
 * identity document, {@code meta-data/} (instance-id, instance-type, local-ipv4, placement,
 * ami-id) and the instance profile role's credentials at {@code meta-data/iam/security-credentials/ROLE},
 * issued for {@code ec2.amazonaws.com}; {@code user-data}. The secret path segment stands for the
 * link-local address only the instance reaches.
 */
public final class MetadataService implements HttpService {
    public static final String PREFIX = "/_berth/ec2/imds/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Ec2Records records;
    private final Optional<InstanceProfiles> profiles;
    private final Optional<RoleCredentialsIssuer> issuer;
    private final Clock clock;

    public MetadataService(Ec2Records records, Optional<InstanceProfiles> profiles, Optional<RoleCredentialsIssuer> issuer,
                           Clock clock) {
        this.records = records;
        this.profiles = profiles;
        this.issuer = issuer;
        this.clock = clock;
    }

    static URI endpointOf(URI endpoint, Instance instance) {
        String base = endpoint.toString().endsWith("/") ? endpoint.toString().substring(0, endpoint.toString().length() - 1)
                : endpoint.toString();
        return URI.create(base + PREFIX + instance.accountId() + "/" + instance.region() + "/" + instance.id() + "/"
                + instance.metadataSecret());
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        String[] parts = ctx.path().substring(PREFIX.length()).split("/", 5);
        if (parts.length < 5) return text(HttpStatus.NOT_FOUND, "Not Found");
        Scope scope = new Scope(parts[0], parts[1]);
        Optional<Instance> found = records.instance(scope, parts[2]).map(v -> v.value())
                .filter(i -> i.metadataSecret().equals(parts[3]) && i.state().wantsMachine());
        if (found.isEmpty() || found.get().httpEndpoint().equals("disabled")) return text(HttpStatus.NOT_FOUND, "Not Found");
        Instance instance = found.get();
        String path = parts[4];
        if (path.equals("latest/api/token")) {
            if (req.method() != HttpMethod.PUT) return text(HttpStatus.METHOD_NOT_ALLOWED, "Method Not Allowed");
            return text(HttpStatus.OK, instance.metadataSecret());
        }
        String token = req.headers().get("X-aws-ec2-metadata-token");
        if (instance.httpTokens().equals("required") && !instance.metadataSecret().equals(token)) {
            return text(HttpStatus.UNAUTHORIZED, "Unauthorized");
        }
        return switch (path) {
            case "latest/dynamic/instance-identity/document" -> json(identity(instance));
            case "latest/meta-data/instance-id" -> text(HttpStatus.OK, instance.id());
            case "latest/meta-data/instance-type" -> text(HttpStatus.OK, instance.instanceType());
            case "latest/meta-data/ami-id" -> text(HttpStatus.OK, instance.imageId());
            case "latest/meta-data/local-ipv4" -> text(HttpStatus.OK, instance.privateIp());
            case "latest/meta-data/placement/availability-zone" -> text(HttpStatus.OK, instance.availabilityZone());
            case "latest/meta-data/placement/region" -> text(HttpStatus.OK, instance.region());
            case "latest/user-data" -> instance.userData().isEmpty() ? text(HttpStatus.NOT_FOUND, "Not Found")
                    : text(HttpStatus.OK, berth.ec2.core.EcsConfig.decode(instance.userData()).orElse(""));
            case "latest/meta-data/iam/security-credentials", "latest/meta-data/iam/security-credentials/" ->
                    role(instance).map(arn -> text(HttpStatus.OK, arn.substring(arn.lastIndexOf('/') + 1)))
                            .orElse(text(HttpStatus.NOT_FOUND, "Not Found"));
            default -> path.startsWith("latest/meta-data/iam/security-credentials/") ? credentials(instance,
                    path.substring("latest/meta-data/iam/security-credentials/".length()))
                    : text(HttpStatus.NOT_FOUND, "Not Found");
        };
    }

    private Optional<String> role(Instance instance) {
        if (!instance.hasInstanceProfile()) return Optional.empty();
        return profiles.flatMap(p -> p.find(instance.accountId(), instance.instanceProfileArn()))
                .flatMap(p -> p.roleArns().stream().findFirst());
    }

    private HttpResponse credentials(Instance instance, String roleName) {
        Optional<String> role = role(instance).filter(arn -> arn.endsWith("/" + roleName));
        if (role.isEmpty() || issuer.isEmpty()) return text(HttpStatus.NOT_FOUND, "Not Found");
        RoleCredentialsIssuer.Result result = issuer.get().issue(new RoleCredentialsIssuer.Request(role.get(),
                "ec2.amazonaws.com", instance.id(), Duration.ofHours(6), instance.accountId(), instance.arn()));
        ObjectNode body = JSON.createObjectNode();
        body.put("LastUpdated", clock.instant().toString());
        if (result instanceof RoleCredentialsIssuer.Issued issued) {
            var c = issued.credentials();
            body.put("Code", "Success").put("Type", "AWS-HMAC").put("AccessKeyId", c.accessKeyId())
                    .put("SecretAccessKey", c.secretAccessKey()).put("Token", c.sessionToken())
                    .put("Expiration", c.expiration().toString());
            return json(body);
        }
        body.put("Code", "AssumeRoleUnauthorizedAccess").put("Message", ((RoleCredentialsIssuer.Refused) result).message());
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON, body.toString());
    }

    private static ObjectNode identity(Instance i) {
        ObjectNode d = JSON.createObjectNode();
        d.put("accountId", i.accountId()).put("architecture", i.architecture()).put("availabilityZone", i.availabilityZone())
                .put("imageId", i.imageId()).put("instanceId", i.id()).put("instanceType", i.instanceType())
                .put("pendingTime", i.launchTime().toString()).put("privateIp", i.privateIp()).put("region", i.region())
                .put("version", "2017-09-30");
        d.putNull("billingProducts");
        d.putNull("devpayProductCodes");
        d.putNull("marketplaceProductCodes");
        d.putNull("kernelId");
        d.putNull("ramdiskId");
        return d;
    }

    private static HttpResponse json(ObjectNode body) {
        return HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, body.toString());
    }

    private static HttpResponse text(HttpStatus status, String body) {
        return HttpResponse.of(status, MediaType.PLAIN_TEXT_UTF_8, body);
    }
}
