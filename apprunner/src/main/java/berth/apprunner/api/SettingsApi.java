package berth.apprunner.api;

import static berth.apprunner.api.AppRunnerErrors.INVALID_REQUEST;

import berth.apprunner.core.Ids;
import berth.apprunner.core.SettingRevision;
import berth.apprunner.state.AppRunnerRecords;
import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.apprunner.model.CreateObservabilityConfigurationRequest;
import software.amazon.awssdk.services.apprunner.model.CreateObservabilityConfigurationResponse;
import software.amazon.awssdk.services.apprunner.model.CreateVpcConnectorRequest;
import software.amazon.awssdk.services.apprunner.model.CreateVpcConnectorResponse;
import software.amazon.awssdk.services.apprunner.model.DeleteObservabilityConfigurationRequest;
import software.amazon.awssdk.services.apprunner.model.DeleteObservabilityConfigurationResponse;
import software.amazon.awssdk.services.apprunner.model.DeleteVpcConnectorRequest;
import software.amazon.awssdk.services.apprunner.model.DeleteVpcConnectorResponse;
import software.amazon.awssdk.services.apprunner.model.DescribeObservabilityConfigurationRequest;
import software.amazon.awssdk.services.apprunner.model.DescribeObservabilityConfigurationResponse;
import software.amazon.awssdk.services.apprunner.model.DescribeVpcConnectorRequest;
import software.amazon.awssdk.services.apprunner.model.DescribeVpcConnectorResponse;
import software.amazon.awssdk.services.apprunner.model.ListObservabilityConfigurationsRequest;
import software.amazon.awssdk.services.apprunner.model.ListObservabilityConfigurationsResponse;
import software.amazon.awssdk.services.apprunner.model.ListVpcConnectorsRequest;
import software.amazon.awssdk.services.apprunner.model.ListVpcConnectorsResponse;
import software.amazon.awssdk.services.apprunner.model.ObservabilityConfiguration;
import software.amazon.awssdk.services.apprunner.model.ObservabilityConfigurationSummary;
import software.amazon.awssdk.services.apprunner.model.VpcConnector;

/**
 * Observability configurations and VPC connectors: named revisions that services name by ARN, kept
 * and returned (see {@link SettingRevision}). A revision a service uses cannot be deleted.
 */
final class SettingsApi {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9\\-_]{3,31}");

    private final AppRunnerRecords records;
    private final Clock clock;

    SettingsApi(AppRunnerRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    CreateObservabilityConfigurationResponse createObservability(CreateObservabilityConfigurationRequest r,
                                                                 RequestContext ctx) {
        String vendor = r.traceConfiguration() == null ? "" : r.traceConfiguration().vendorAsString();
        SettingRevision made = create(ctx.scope(), SettingRevision.OBSERVABILITY, r.observabilityConfigurationName(),
                vendor, List.of(), List.of());
        return CreateObservabilityConfigurationResponse.builder().observabilityConfiguration(observability(made)).build();
    }

    DescribeObservabilityConfigurationResponse describeObservability(DescribeObservabilityConfigurationRequest r,
                                                                     RequestContext ctx) {
        return DescribeObservabilityConfigurationResponse.builder().observabilityConfiguration(observability(
                byArn(ctx.scope(), SettingRevision.OBSERVABILITY, r.observabilityConfigurationArn()))).build();
    }

    ListObservabilityConfigurationsResponse listObservability(ListObservabilityConfigurationsRequest r, RequestContext ctx) {
        List<SettingRevision> all = active(ctx.scope(), SettingRevision.OBSERVABILITY);
        if (r.observabilityConfigurationName() != null) all.removeIf(a -> !a.name().equals(r.observabilityConfigurationName()));
        if (Boolean.TRUE.equals(r.latestOnly())) all.removeIf(a -> !a.latest());
        ServiceApi.Page<SettingRevision> page = ServiceApi.Page.of(all, SettingRevision::arn, r.nextToken(), r.maxResults(), 10);
        return ListObservabilityConfigurationsResponse.builder().observabilityConfigurationSummaryList(page.items().stream()
                .map(a -> ObservabilityConfigurationSummary.builder().observabilityConfigurationArn(a.arn())
                        .observabilityConfigurationName(a.name()).observabilityConfigurationRevision(a.revision()).build())
                .toList()).nextToken(page.next()).build();
    }

    DeleteObservabilityConfigurationResponse deleteObservability(DeleteObservabilityConfigurationRequest r, RequestContext ctx) {
        SettingRevision deleted = delete(ctx.scope(), SettingRevision.OBSERVABILITY, r.observabilityConfigurationArn());
        return DeleteObservabilityConfigurationResponse.builder().observabilityConfiguration(observability(deleted)).build();
    }

    CreateVpcConnectorResponse createVpcConnector(CreateVpcConnectorRequest r, RequestContext ctx) {
        if (r.subnets().isEmpty()) throw INVALID_REQUEST.exception("Subnets must name at least one subnet");
        SettingRevision made = create(ctx.scope(), SettingRevision.VPC_CONNECTOR, r.vpcConnectorName(), "", r.subnets(),
                r.securityGroups());
        return CreateVpcConnectorResponse.builder().vpcConnector(connector(made)).build();
    }

    DescribeVpcConnectorResponse describeVpcConnector(DescribeVpcConnectorRequest r, RequestContext ctx) {
        return DescribeVpcConnectorResponse.builder().vpcConnector(connector(
                byArn(ctx.scope(), SettingRevision.VPC_CONNECTOR, r.vpcConnectorArn()))).build();
    }

    ListVpcConnectorsResponse listVpcConnectors(ListVpcConnectorsRequest r, RequestContext ctx) {
        List<SettingRevision> all = active(ctx.scope(), SettingRevision.VPC_CONNECTOR);
        ServiceApi.Page<SettingRevision> page = ServiceApi.Page.of(all, SettingRevision::arn, r.nextToken(), r.maxResults(), 10);
        return ListVpcConnectorsResponse.builder().vpcConnectors(page.items().stream().map(SettingsApi::connector).toList())
                .nextToken(page.next()).build();
    }

    DeleteVpcConnectorResponse deleteVpcConnector(DeleteVpcConnectorRequest r, RequestContext ctx) {
        SettingRevision deleted = delete(ctx.scope(), SettingRevision.VPC_CONNECTOR, r.vpcConnectorArn());
        return DeleteVpcConnectorResponse.builder().vpcConnector(connector(deleted)).build();
    }

    /** The active revision an ARN of {@code kind} names, for a service to refer to. */
    SettingRevision activeByArn(Scope scope, String kind, String arn) {
        SettingRevision found = byArn(scope, kind, arn);
        if (!found.status().equals("ACTIVE")) throw INVALID_REQUEST.exception(arn + " is inactive");
        return found;
    }

    private SettingRevision create(Scope scope, String kind, String name, String vendor, List<String> subnets,
                                   List<String> groups) {
        if (!NAME.matcher(name).matches()) throw INVALID_REQUEST.exception("The name must match " + NAME.pattern() + ": " + name);
        List<SettingRevision> revisions = records.settings(scope, kind).stream().filter(a -> a.name().equals(name)).toList();
        int revision = revisions.stream().mapToInt(SettingRevision::revision).max().orElse(0) + 1;
        String id = Ids.random();
        SettingRevision made = new SettingRevision(scope.accountId(), scope.region(), kind, name, revision, id,
                scope.arn("apprunner", kind + "/" + name + "/" + revision + "/" + id), "ACTIVE", true, clock.instant(), null,
                vendor, subnets, groups);
        List<Versioned<SettingRevision>> writes = new ArrayList<>();
        writes.add(new Versioned<>(made, Store.ABSENT));
        for (SettingRevision previous : revisions) {
            if (previous.latest()) {
                records.setting(previous).ifPresent(v -> writes.add(new Versioned<>(v.value().withLatest(false), v.version())));
            }
        }
        try {
            records.commitSettings(writes);
        } catch (berth.store.VersionConflict e) {
            throw AppRunnerErrors.INVALID_STATE.exception(name + " changed meanwhile; try again");
        }
        return made;
    }

    private SettingRevision delete(Scope scope, String kind, String arn) {
        SettingRevision found = byArn(scope, kind, arn);
        boolean used = records.services(scope).stream().map(s -> kind.equals(SettingRevision.OBSERVABILITY)
                ? s.observabilityArn() : s.vpcConnectorArn()).anyMatch(found.arn()::equals);
        if (used) throw AppRunnerErrors.INVALID_STATE.exception(found.arn() + " is used by a service");
        Versioned<SettingRevision> stored = records.setting(found).orElseThrow();
        SettingRevision deleted = stored.value().deleted(clock.instant());
        records.commitSettings(List.of(new Versioned<>(deleted, stored.version())));
        return deleted;
    }

    private List<SettingRevision> active(Scope scope, String kind) {
        List<SettingRevision> all = new ArrayList<>(records.settings(scope, kind));
        all.removeIf(a -> !a.status().equals("ACTIVE"));
        all.sort(Comparator.comparing(SettingRevision::arn));
        return all;
    }

    private SettingRevision byArn(Scope scope, String kind, String arn) {
        List<SettingRevision> all = records.settings(scope, kind);
        return all.stream().filter(a -> a.arn().equals(arn)).findFirst()
                .or(() -> all.stream().filter(a -> a.latest() && scope.arn("apprunner", kind + "/" + a.name()).equals(arn)).findFirst())
                .orElseThrow(() -> AppRunnerErrors.RESOURCE_NOT_FOUND.exception("Resource " + arn + " is not found"));
    }

    private static ObservabilityConfiguration observability(SettingRevision a) {
        ObservabilityConfiguration.Builder b = ObservabilityConfiguration.builder().observabilityConfigurationArn(a.arn())
                .observabilityConfigurationName(a.name()).observabilityConfigurationRevision(a.revision()).latest(a.latest())
                .status(a.status()).createdAt(a.createdAt());
        if (!a.traceVendor().isEmpty()) b.traceConfiguration(t -> t.vendor(a.traceVendor()));
        if (a.deletedAt() != null) b.deletedAt(a.deletedAt());
        return b.build();
    }

    private static VpcConnector connector(SettingRevision a) {
        VpcConnector.Builder b = VpcConnector.builder().vpcConnectorArn(a.arn()).vpcConnectorName(a.name())
                .vpcConnectorRevision(a.revision()).subnets(a.subnets()).securityGroups(a.securityGroups())
                .status(a.status()).createdAt(a.createdAt());
        if (a.deletedAt() != null) b.deletedAt(a.deletedAt());
        return b.build();
    }
}
