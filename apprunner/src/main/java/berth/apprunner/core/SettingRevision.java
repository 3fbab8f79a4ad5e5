package berth.apprunner.core;

import java.time.Instant;
import java.util.List;

/**
 * A revision of one of App Runner's named settings that services refer to by ARN: an observability
 * configuration (its trace vendor) or a VPC connector (its subnets and security groups). Kept and
 * returned as given: berth records no traces, and its instances reach this host's networks
 * whichever connector a service names.
 */
public record SettingRevision(String accountId, String region, String kind, String name, int revision, String id,
                              String arn, String status, boolean latest, Instant createdAt, Instant deletedAt,
                              String traceVendor, List<String> subnets, List<String> securityGroups) {
    public static final String OBSERVABILITY = "observabilityconfiguration";
    public static final String VPC_CONNECTOR = "vpcconnector";

    public SettingRevision {
        traceVendor = traceVendor == null ? "" : traceVendor;
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
    }

    public berth.aws.Scope scope() {
        return new berth.aws.Scope(accountId, region);
    }

    public SettingRevision withLatest(boolean value) {
        return new SettingRevision(accountId, region, kind, name, revision, id, arn, status, value, createdAt, deletedAt,
                traceVendor, subnets, securityGroups);
    }

    public SettingRevision deleted(Instant now) {
        return new SettingRevision(accountId, region, kind, name, revision, id, arn, "INACTIVE", latest, createdAt, now,
                traceVendor, subnets, securityGroups);
    }
}
