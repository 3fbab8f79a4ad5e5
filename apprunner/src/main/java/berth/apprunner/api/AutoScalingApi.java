package berth.apprunner.api;

import static berth.apprunner.api.AppRunnerErrors.INVALID_REQUEST;

import berth.apprunner.core.AppService;
import berth.apprunner.core.AutoScaling;
import berth.apprunner.core.Ids;
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
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.apprunner.model.AutoScalingConfiguration;
import software.amazon.awssdk.services.apprunner.model.CreateAutoScalingConfigurationRequest;
import software.amazon.awssdk.services.apprunner.model.CreateAutoScalingConfigurationResponse;
import software.amazon.awssdk.services.apprunner.model.DeleteAutoScalingConfigurationRequest;
import software.amazon.awssdk.services.apprunner.model.DeleteAutoScalingConfigurationResponse;
import software.amazon.awssdk.services.apprunner.model.DescribeAutoScalingConfigurationRequest;
import software.amazon.awssdk.services.apprunner.model.DescribeAutoScalingConfigurationResponse;
import software.amazon.awssdk.services.apprunner.model.ListAutoScalingConfigurationsRequest;
import software.amazon.awssdk.services.apprunner.model.ListAutoScalingConfigurationsResponse;
import software.amazon.awssdk.services.apprunner.model.UpdateDefaultAutoScalingConfigurationRequest;
import software.amazon.awssdk.services.apprunner.model.UpdateDefaultAutoScalingConfigurationResponse;

/**
 * Auto scaling configurations: named, with revisions (each create of an existing name adds one, at
 * most 5 per name); one of the account's is its default, {@code DefaultConfiguration} until another
 * is made default. Limits as App Runner's: MaxConcurrency 1..200 (100), MinSize 1..25 (1), MaxSize
 * 1..25 (25), MinSize not above MaxSize.
 */
final class AutoScalingApi {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9\\-_]{3,31}");
    private static final int MAX_REVISIONS = 5;

    private final AppRunnerRecords records;
    private final Clock clock;

    AutoScalingApi(AppRunnerRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    CreateAutoScalingConfigurationResponse create(CreateAutoScalingConfigurationRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        String name = r.autoScalingConfigurationName();
        if (!NAME.matcher(name).matches()) {
            throw INVALID_REQUEST.exception("AutoScalingConfigurationName must match " + NAME.pattern() + ": " + name);
        }
        if (name.equals(AutoScaling.DEFAULT_NAME)) {
            throw INVALID_REQUEST.exception("The name DefaultConfiguration is reserved");
        }
        int maxConcurrency = r.maxConcurrency() == null ? 100 : r.maxConcurrency();
        int minSize = r.minSize() == null ? 1 : r.minSize();
        int maxSize = r.maxSize() == null ? 25 : r.maxSize();
        if (maxConcurrency < 1 || maxConcurrency > 200) throw INVALID_REQUEST.exception("MaxConcurrency must be from 1 to 200");
        if (minSize < 1 || minSize > 25) throw INVALID_REQUEST.exception("MinSize must be from 1 to 25");
        if (maxSize < 1 || maxSize > 25) throw INVALID_REQUEST.exception("MaxSize must be from 1 to 25");
        if (minSize > maxSize) throw INVALID_REQUEST.exception("MinSize must not be greater than MaxSize");
        List<AutoScaling> revisions = records.scalings(scope).stream().filter(a -> a.name().equals(name)).toList();
        long active = revisions.stream().filter(a -> a.status().equals("ACTIVE")).count();
        if (active >= MAX_REVISIONS) {
            throw AppRunnerErrors.SERVICE_QUOTA_EXCEEDED.exception("You have reached the maximum of " + MAX_REVISIONS
                    + " revisions of auto scaling configuration " + name);
        }
        int revision = revisions.stream().mapToInt(AutoScaling::revision).max().orElse(0) + 1;
        String id = Ids.random();
        Instant now = clock.instant();
        AutoScaling made = new AutoScaling(scope.accountId(), scope.region(), name, revision, id,
                scope.arn("apprunner", "autoscalingconfiguration/" + name + "/" + revision + "/" + id), maxConcurrency,
                minSize, maxSize, true, false, "ACTIVE", now, null);
        List<Versioned<AutoScaling>> writes = new ArrayList<>();
        writes.add(new Versioned<>(made, Store.ABSENT));
        for (AutoScaling previous : revisions) {
            if (previous.latest()) {
                records.scaling(scope, name, previous.revision())
                        .ifPresent(v -> writes.add(new Versioned<>(v.value().withLatest(false), v.version())));
            }
        }
        try {
            records.commitScalings(writes);
        } catch (berth.store.VersionConflict e) {
            throw AppRunnerErrors.INVALID_STATE.exception("Auto scaling configuration " + name + " changed meanwhile");
        }
        return CreateAutoScalingConfigurationResponse.builder().autoScalingConfiguration(toSdk(made, false)).build();
    }

    DescribeAutoScalingConfigurationResponse describe(DescribeAutoScalingConfigurationRequest r, RequestContext ctx) {
        AutoScaling a = byArn(ctx.scope(), r.autoScalingConfigurationArn());
        return DescribeAutoScalingConfigurationResponse.builder().autoScalingConfiguration(toSdk(a, used(a))).build();
    }

    ListAutoScalingConfigurationsResponse list(ListAutoScalingConfigurationsRequest r, RequestContext ctx) {
        List<AutoScaling> all = new ArrayList<>(all(ctx.scope()));
        all.removeIf(a -> !a.status().equals("ACTIVE"));
        if (r.autoScalingConfigurationName() != null) all.removeIf(a -> !a.name().equals(r.autoScalingConfigurationName()));
        if (Boolean.TRUE.equals(r.latestOnly())) all.removeIf(a -> !a.latest());
        all.sort(Comparator.comparing(AutoScaling::arn));
        ServiceApi.Page<AutoScaling> page = ServiceApi.Page.of(all, AutoScaling::arn, r.nextToken(), r.maxResults(), 10);
        return ListAutoScalingConfigurationsResponse.builder()
                .autoScalingConfigurationSummaryList(page.items().stream().map(ServiceMapping::summary).toList())
                .nextToken(page.next()).build();
    }

    DeleteAutoScalingConfigurationResponse delete(DeleteAutoScalingConfigurationRequest r, RequestContext ctx) {
        AutoScaling a = byArn(ctx.scope(), r.autoScalingConfigurationArn());
        if (a.name().equals(AutoScaling.DEFAULT_NAME)) {
            throw INVALID_REQUEST.exception("You can't delete the DefaultConfiguration auto scaling configuration");
        }
        if (used(a)) {
            throw AppRunnerErrors.INVALID_STATE.exception("Auto scaling configuration " + a.arn() + " is used by a service");
        }
        Versioned<AutoScaling> stored = records.scaling(ctx.scope(), a.name(), a.revision()).orElseThrow();
        AutoScaling deleted = stored.value().deleted(clock.instant());
        records.saveScaling(deleted, stored.version());
        return DeleteAutoScalingConfigurationResponse.builder().autoScalingConfiguration(toSdk(deleted, false)).build();
    }

    UpdateDefaultAutoScalingConfigurationResponse makeDefault(UpdateDefaultAutoScalingConfigurationRequest r,
                                                              RequestContext ctx) {
        Scope scope = ctx.scope();
        AutoScaling chosen = activeByArn(scope, r.autoScalingConfigurationArn());
        ensureDefault(scope);
        List<Versioned<AutoScaling>> writes = new ArrayList<>();
        for (AutoScaling a : records.scalings(scope)) {
            boolean shouldBe = a.name().equals(chosen.name());
            if (a.isDefault() != shouldBe) {
                records.scaling(scope, a.name(), a.revision())
                        .ifPresent(v -> writes.add(new Versioned<>(v.value().withDefault(shouldBe), v.version())));
            }
        }
        if (!writes.isEmpty()) records.commitScalings(writes);
        AutoScaling now = records.scaling(scope, chosen.name(), chosen.revision()).orElseThrow().value();
        return UpdateDefaultAutoScalingConfigurationResponse.builder().autoScalingConfiguration(toSdk(now, used(now))).build();
    }

    /** The account's default configuration for new services: the latest revision of the default name. */
    AutoScaling defaultOf(Scope scope) {
        ensureDefault(scope);
        return records.scalings(scope).stream().filter(a -> a.isDefault() && a.latest() && a.status().equals("ACTIVE"))
                .findFirst().orElseGet(() -> AutoScaling.defaultFor(scope, clock.instant()));
    }

    AutoScaling activeByArn(Scope scope, String arn) {
        AutoScaling a = byArn(scope, arn);
        if (!a.status().equals("ACTIVE")) throw INVALID_REQUEST.exception("Auto scaling configuration " + arn + " is inactive");
        return a;
    }

    AutoScaling byArn(Scope scope, String arn) {
        return findByArn(scope, arn).orElseThrow(() -> AppRunnerErrors.RESOURCE_NOT_FOUND.exception(
                "Auto scaling configuration " + arn + " is not found"));
    }

    /** The revision an ARN names (its latest when the ARN leaves out revision and id). */
    Optional<AutoScaling> findByArn(Scope scope, String arn) {
        List<AutoScaling> all = all(scope);
        Optional<AutoScaling> exact = all.stream().filter(a -> a.arn().equals(arn)).findFirst();
        if (exact.isPresent()) return exact;
        return all.stream().filter(a -> a.latest() && scope.arn("apprunner", "autoscalingconfiguration/" + a.name()).equals(arn))
                .findFirst();
    }

    private List<AutoScaling> all(Scope scope) {
        ensureDefault(scope);
        return records.scalings(scope);
    }

    private void ensureDefault(Scope scope) {
        if (records.scaling(scope, AutoScaling.DEFAULT_NAME, 1).isEmpty()) {
            boolean otherDefault = records.scalings(scope).stream().anyMatch(AutoScaling::isDefault);
            AutoScaling made = AutoScaling.defaultFor(scope, clock.instant()).withDefault(!otherDefault);
            try {
                records.saveScaling(made, Store.ABSENT);
            } catch (berth.store.VersionConflict raced) {
                // made by a concurrent call
            }
        }
    }

    private boolean used(AutoScaling a) {
        return records.services(a.scope()).stream().map(AppService::autoScalingArn).anyMatch(a.arn()::equals);
    }

    private static AutoScalingConfiguration toSdk(AutoScaling a, boolean used) {
        AutoScalingConfiguration.Builder b = AutoScalingConfiguration.builder().autoScalingConfigurationArn(a.arn())
                .autoScalingConfigurationName(a.name()).autoScalingConfigurationRevision(a.revision()).latest(a.latest())
                .status(a.status()).maxConcurrency(a.maxConcurrency()).minSize(a.minSize()).maxSize(a.maxSize())
                .createdAt(a.createdAt()).hasAssociatedService(used).isDefault(a.isDefault());
        if (a.deletedAt() != null) b.deletedAt(a.deletedAt());
        return b.build();
    }
}
