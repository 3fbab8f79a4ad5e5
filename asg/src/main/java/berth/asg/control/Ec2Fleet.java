package berth.asg.control;

import berth.asg.core.AsgErrors;
import berth.asg.core.Group;
import berth.asg.core.GroupReconciler;
import berth.aws.Scope;
import berth.aws.SigningKey;
import berth.platform.Platform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * EC2 as Auto Scaling uses it: through EC2's API, signed as the group's account, as any client of
 * EC2 is. Launches from the group's launch template into a subnet, terminates, and reads instance
 * states, subnets' zones and launch templates.
 */
public final class Ec2Fleet implements AutoCloseable {
    /** An instance a launch made. */
    public record Launched(String instanceId, String instanceType, String launchTemplateVersion) {}

    private final Platform platform;
    private final Map<Scope, Ec2Client> clients = new ConcurrentHashMap<>();

    public Ec2Fleet(Platform platform) {
        this.platform = platform;
    }

    private Ec2Client client(Scope scope) {
        return clients.computeIfAbsent(scope, s -> {
            Optional<SigningKey> key = platform.credentials().find(s.accountId());
            return Ec2Client.builder().endpointOverride(platform.endpoint()).region(Region.of(s.region()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            key.map(SigningKey::accessKeyId).orElse("test"), key.map(SigningKey::secretAccessKey).orElse("test"))))
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .httpClient(UrlConnectionHttpClient.create()).build();
        });
    }

    /** The launch template a group names, as EC2 knows it; ValidationError when there is none. */
    public LaunchTemplate template(Scope scope, String id, String name) {
        try {
            var found = client(scope).describeLaunchTemplates(r -> {
                if (id != null && !id.isEmpty()) r.launchTemplateIds(id); else r.launchTemplateNames(name);
            }).launchTemplates();
            if (!found.isEmpty()) return found.get(0);
        } catch (Ec2Exception e) {
            // not found: answered below as Auto Scaling does
        }
        throw AsgErrors.VALIDATION_ERROR.exception("You must use a valid fully-formed launch template. The specified launch"
                + " template, with template " + (id != null && !id.isEmpty() ? "ID " + id : "name " + name) + ", does not exist.");
    }

    /** The zones of the subnets named; ValidationError for a subnet EC2 does not know. */
    public Map<String, String> subnetZones(Scope scope, List<String> subnetIds) {
        if (subnetIds.isEmpty()) return Map.of();
        try {
            Map<String, String> zones = new HashMap<>();
            for (Subnet s : client(scope).describeSubnets(r -> r.subnetIds(subnetIds)).subnets()) {
                zones.put(s.subnetId(), s.availabilityZone());
            }
            return zones;
        } catch (Ec2Exception e) {
            throw AsgErrors.VALIDATION_ERROR.exception("The subnet ID '" + String.join(",", subnetIds) + "' does not exist");
        }
    }

    /** The default subnets of the zones named. */
    public List<String> defaultSubnets(Scope scope, List<String> zones) {
        List<String> ids = new ArrayList<>();
        for (String zone : zones) {
            var found = client(scope).describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true"),
                    f -> f.name("availability-zone").values(zone))).subnets();
            if (found.isEmpty()) {
                throw AsgErrors.VALIDATION_ERROR.exception("No default subnet for availability zone: '" + zone + "'");
            }
            ids.add(found.get(0).subnetId());
        }
        return ids;
    }

    public Map<String, GroupReconciler.Ec2State> states(Scope scope, List<String> instanceIds) {
        Map<String, GroupReconciler.Ec2State> states = new HashMap<>();
        if (instanceIds.isEmpty()) return states;
        List<Instance> instances = new ArrayList<>();
        client(scope).describeInstances(r -> r.filters(f -> f.name("instance-id").values(instanceIds))).reservations()
                .forEach(r -> instances.addAll(r.instances()));
        for (Instance i : instances) {
            states.put(i.instanceId(), GroupReconciler.Ec2State.valueOf(i.state().nameAsString().toUpperCase().replace('-', '_')));
        }
        return states;
    }

    public Launched launch(Group group, String subnetId) {
        List<Tag> tags = group.tags().stream().filter(Group.GroupTag::propagateAtLaunch)
                .map(t -> Tag.builder().key(t.key()).value(t.value()).build()).toList();
        var response = client(group.scope()).runInstances(r -> {
            r.minCount(1).maxCount(1).subnetId(subnetId).launchTemplate(t -> {
                if (!group.launchTemplateId().isEmpty()) t.launchTemplateId(group.launchTemplateId());
                else t.launchTemplateName(group.launchTemplateName());
                t.version(group.launchTemplateVersion());
            });
            if (!tags.isEmpty()) r.tagSpecifications(s -> s.resourceType(ResourceType.INSTANCE).tags(tags));
        });
        Instance i = response.instances().get(0);
        return new Launched(i.instanceId(), i.instanceTypeAsString(), group.launchTemplateVersion());
    }

    public void terminate(Scope scope, List<String> instanceIds) {
        if (instanceIds.isEmpty()) return;
        try {
            client(scope).terminateInstances(r -> r.instanceIds(instanceIds));
        } catch (Ec2Exception e) {
            if (!"InvalidInstanceID.NotFound".equals(e.awsErrorDetails().errorCode())) throw e;
        }
    }

    @Override
    public void close() {
        clients.values().forEach(Ec2Client::close);
        clients.clear();
    }
}
