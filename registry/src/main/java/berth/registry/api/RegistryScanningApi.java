package berth.registry.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.platform.RecordTable;
import berth.registry.core.InvalidConfiguration;
import berth.registry.core.Repository;
import berth.registry.core.RepositoryId;
import berth.registry.core.ScanningConfiguration;
import berth.registry.core.ScanningConfiguration.RepositoryScanning;
import berth.registry.state.RegistryRecords;
import berth.registry.state.RegistrySettings;
import software.amazon.awssdk.services.ecr.model.BatchGetRepositoryScanningConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.BatchGetRepositoryScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.GetRegistryScanningConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.GetRegistryScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.PutRegistryScanningConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.PutRegistryScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.RegistryScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.RegistryScanningRule;
import software.amazon.awssdk.services.ecr.model.RepositoryScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.RepositoryScanningConfigurationFailure;
import software.amazon.awssdk.services.ecr.model.ScanningConfigurationFailureCode;
import software.amazon.awssdk.services.ecr.model.ScanningRepositoryFilter;
import software.amazon.awssdk.services.ecr.model.ScanningRepositoryFilterType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The registry's scanning configuration and how it applies to each repository. berth stores and
 * reports where images would be scanned; it has no vulnerability scanner, so no scan ever runs and
 * no findings exist.
 */
final class RegistryScanningApi {
    private final RegistryRecords records;
    private final RegistrySettings settings;

    RegistryScanningApi(RegistryRecords records, RegistrySettings settings) {
        this.records = records;
        this.settings = settings;
    }

    PutRegistryScanningConfigurationResponse put(PutRegistryScanningConfigurationRequest request, RequestContext ctx) {
        String scanType = request.scanTypeAsString() == null ? ScanningConfiguration.BASIC : request.scanTypeAsString();
        List<ScanningConfiguration.Rule> rules = request.rules().stream().map(r -> new ScanningConfiguration.Rule(
                r.scanFrequencyAsString(), r.repositoryFilters().stream().map(ScanningRepositoryFilter::filter).toList())).toList();
        ScanningConfiguration configuration;
        try {
            configuration = ScanningConfiguration.of(ctx.scope(), scanType, rules);
        } catch (InvalidConfiguration e) {
            throw EcrErrors.of(e);
        }
        settings.saveScanning(configuration);
        return PutRegistryScanningConfigurationResponse.builder().registryScanningConfiguration(toSdk(configuration)).build();
    }

    GetRegistryScanningConfigurationResponse get(GetRegistryScanningConfigurationRequest request, RequestContext ctx) {
        Scope registry = ctx.scope();
        ScanningConfiguration configuration = settings.scanningConfiguration(registry)
                .orElseGet(() -> ScanningConfiguration.defaults(registry));
        return GetRegistryScanningConfigurationResponse.builder().registryId(registry.accountId())
                .scanningConfiguration(toSdk(configuration)).build();
    }

    BatchGetRepositoryScanningConfigurationResponse batchGet(BatchGetRepositoryScanningConfigurationRequest request,
                                                             RequestContext ctx) {
        Scope registry = ctx.scope();
        Function<Repository, RepositoryScanning> scanning = scanningIn(registry);
        List<RepositoryScanningConfiguration> found = new ArrayList<>();
        List<RepositoryScanningConfigurationFailure> failures = new ArrayList<>();
        for (String name : request.repositoryNames()) {
            RepositoryId id = Targets.named(registry, name);
            var repository = records.repository(id).map(RecordTable.Versioned::value);
            if (repository.isEmpty()) {
                failures.add(RepositoryScanningConfigurationFailure.builder().repositoryName(name)
                        .failureCode(ScanningConfigurationFailureCode.REPOSITORY_NOT_FOUND)
                        .failureReason(EcrErrors.repositoryNotFound(id).getMessage()).build());
                continue;
            }
            RepositoryScanning applied = scanning.apply(repository.get());
            found.add(RepositoryScanningConfiguration.builder().repositoryArn(id.arn()).repositoryName(name)
                    .scanOnPush(applied.scanOnPush()).scanFrequency(applied.scanFrequency())
                    .appliedScanFilters(filters(applied.appliedFilters())).build());
        }
        return BatchGetRepositoryScanningConfigurationResponse.builder().scanningConfigurations(found).failures(failures).build();
    }

    /**
     * How repositories of one registry are scanned: by the registry's scanning configuration once it
     * has one, which overrides their own {@code scanOnPush}; by that setting until then.
     */
    Function<Repository, RepositoryScanning> scanningIn(Scope registry) {
        var configuration = settings.scanningConfiguration(registry);
        return repository -> configuration.map(c -> c.scanningOf(repository.name()))
                .orElseGet(() -> RepositoryScanning.ofRepository(repository.scanOnPush()));
    }

    private static RegistryScanningConfiguration toSdk(ScanningConfiguration configuration) {
        return RegistryScanningConfiguration.builder().scanType(configuration.scanType())
                .rules(configuration.rules().stream().map(r -> RegistryScanningRule.builder().scanFrequency(r.scanFrequency())
                        .repositoryFilters(filters(r.filters())).build()).toList()).build();
    }

    private static List<ScanningRepositoryFilter> filters(List<String> filters) {
        return filters.stream().map(f -> ScanningRepositoryFilter.builder().filter(f)
                .filterType(ScanningRepositoryFilterType.WILDCARD).build()).toList();
    }
}
