package berth.registry.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.Page;
import berth.registry.core.Repository;
import berth.registry.core.RepositoryId;
import berth.registry.core.ScanningConfiguration;
import berth.registry.core.TagMutability;
import berth.registry.state.RegistryRecords;
import berth.registry.state.RegistrySettings;
import berth.store.Store;
import berth.store.VersionConflict;
import berth.store.Write;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.EncryptionConfiguration;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** CreateRepository, DescribeRepositories, DeleteRepository. */
final class RepositoryApi {
    private final RegistryRecords records;
    private final Targets targets;
    private final Clock clock;
    private final Supplier<String> registryHost;
    private final RegistrySettings settings;
    private final RegistryScanningApi scanning;

    RepositoryApi(RegistryRecords records, RegistrySettings settings, RegistryScanningApi scanning, Targets targets, Clock clock,
                  Supplier<String> registryHost) {
        this.records = records;
        this.settings = settings;
        this.scanning = scanning;
        this.targets = targets;
        this.clock = clock;
        this.registryHost = registryHost;
    }

    CreateRepositoryResponse create(CreateRepositoryRequest request, RequestContext ctx) {
        RepositoryId id = targets.newRepository(ctx, request.registryId(), request.repositoryName());
        TagMutability mutability = mutability(request.imageTagMutabilityAsString(), request.imageTagMutabilityExclusionFilters());
        EncryptionConfiguration encryption = request.encryptionConfiguration();
        String encryptionType = encryption == null ? "AES256" : encryption.encryptionTypeAsString();
        String kmsKey = encryption == null || encryption.kmsKey() == null ? "" : encryption.kmsKey();
        if (!kmsKey.isEmpty() && encryptionType.equals("AES256")) {
            throw EcrErrors.INVALID_PARAMETER.exception("Invalid parameter at 'encryptionConfiguration': kmsKey can only be specified"
                    + " when encryptionType is KMS or KMS_DSSE");
        }
        boolean scanOnPush = request.imageScanningConfiguration() != null
                && Boolean.TRUE.equals(request.imageScanningConfiguration().scanOnPush());
        Repository repository = Repository.created(id, clock.instant(), mutability, scanOnPush, encryptionType, kmsKey,
                ResourceTags.of(request.tags()));
        try {
            records.store().commit(List.of(records.putRepository(repository, Store.ABSENT)));
        } catch (VersionConflict exists) {
            throw EcrErrors.REPOSITORY_ALREADY_EXISTS.exception("The repository with name '" + id.name()
                    + "' already exists in the registry with id '" + id.accountId() + "'");
        }
        return CreateRepositoryResponse.builder().repository(sdk(id.scope()).apply(repository)).build();
    }

    DescribeRepositoriesResponse describe(DescribeRepositoriesRequest request, RequestContext ctx) {
        Scope registry = Targets.registry(ctx, request.registryId());
        List<Repository> found = new ArrayList<>();
        if (!request.repositoryNames().isEmpty()) {
            if (request.maxResults() != null || request.nextToken() != null) {
                throw EcrErrors.INVALID_PARAMETER.exception("Invalid parameter: maxResults and nextToken cannot be used with repositoryNames");
            }
            for (String name : request.repositoryNames()) {
                RepositoryId id = targets.repository(ctx, registry, name);
                found.add(records.repository(id).orElseThrow(() -> EcrErrors.repositoryNotFound(id)).value());
            }
            return DescribeRepositoriesResponse.builder().repositories(found.stream().map(sdk(registry)).toList()).build();
        }
        Targets.ownRegistry(ctx, registry);
        List<Repository> all = records.repositories(registry);
        Page<Repository> page = Page.of(all, request.nextToken(), request.maxResults(), 100, 1000, Repository::name);
        return DescribeRepositoriesResponse.builder()
                .repositories(page.items().stream().map(sdk(registry)).toList())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    DeleteRepositoryResponse delete(DeleteRepositoryRequest request, RequestContext ctx) {
        RepositoryId id = targets.repository(ctx, request.registryId(), request.repositoryName());
        for (int attempt = 1; ; attempt++) {
            var repository = records.repository(id).orElseThrow(() -> EcrErrors.repositoryNotFound(id));
            List<Write> writes = new ArrayList<>();
            writes.add(records.deleteRepository(id, repository.version()));
            var images = records.images(id);
            if (!images.isEmpty() && !Boolean.TRUE.equals(request.force())) {
                throw EcrErrors.REPOSITORY_NOT_EMPTY.exception("The repository with name '" + id.name() + "' in registry with id '"
                        + id.accountId() + "' cannot be deleted because it still contains images");
            }
            images.forEach(i -> writes.add(records.deleteImage(id, i.digest(), Store.ANY)));
            records.tags(id).forEach(t -> writes.add(records.deleteTag(id, t.value().tag(), Store.ANY)));
            records.layers(id).forEach(l -> writes.add(records.deleteLayer(id, l.value().digest(), Store.ANY)));
            writes.add(records.deletePreview(id));
            settings.imageReplications(id).forEach(r -> writes.add(settings.deleteImageReplication(id, r.digest())));
            try {
                records.store().commit(writes);
                return DeleteRepositoryResponse.builder().repository(sdk(id.scope()).apply(repository.value())).build();
            } catch (VersionConflict conflict) {
                if (attempt >= 5) throw conflict;
            }
        }
    }

    static TagMutability mutability(String mode, List<ImageTagMutabilityExclusionFilter> filters) {
        String chosen = mode == null ? TagMutability.MUTABLE : mode;
        boolean withExclusions = chosen.endsWith("_WITH_EXCLUSION");
        if (withExclusions && filters.isEmpty()) {
            throw EcrErrors.INVALID_PARAMETER.exception("Invalid parameter: imageTagMutabilityExclusionFilters are required with " + chosen);
        }
        if (!withExclusions && !filters.isEmpty()) {
            throw EcrErrors.INVALID_PARAMETER.exception("Invalid parameter: imageTagMutabilityExclusionFilters can only be used with"
                    + " IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION");
        }
        List<String> patterns = new ArrayList<>();
        for (ImageTagMutabilityExclusionFilter filter : filters) {
            if (filter.filter() == null || !filter.filter().matches("[a-zA-Z0-9._*-]{1,128}")) {
                throw EcrErrors.INVALID_PARAMETER.exception("Invalid parameter: exclusion filter '" + filter.filter()
                        + "' must be 1-128 characters of letters, digits, '.', '_', '-' and '*'");
            }
            patterns.add(filter.filter());
        }
        return new TagMutability(chosen, patterns);
    }

    /** The SDK shape of one registry's repositories, their scanning as the registry's configuration has it. */
    private Function<Repository, software.amazon.awssdk.services.ecr.model.Repository> sdk(Scope registry) {
        Function<Repository, ScanningConfiguration.RepositoryScanning> scanningOf = scanning.scanningIn(registry);
        return repository -> toSdk(repository, scanningOf.apply(repository).scanOnPush());
    }

    private software.amazon.awssdk.services.ecr.model.Repository toSdk(Repository repository, boolean scanOnPush) {
        var builder = software.amazon.awssdk.services.ecr.model.Repository.builder()
                .repositoryArn(repository.arn())
                .registryId(repository.accountId())
                .repositoryName(repository.name())
                .repositoryUri(registryHost.get() + "/" + repository.name())
                .createdAt(repository.createdAt())
                .imageTagMutability(ImageTagMutability.fromValue(repository.tagMutability().mode()))
                .imageScanningConfiguration(ImageScanningConfiguration.builder().scanOnPush(scanOnPush).build())
                .encryptionConfiguration(EncryptionConfiguration.builder()
                        .encryptionType(EncryptionType.fromValue(repository.encryptionType()))
                        .kmsKey(repository.kmsKey().isEmpty() ? null : repository.kmsKey()).build());
        if (!repository.tagMutability().exclusions().isEmpty()) {
            builder.imageTagMutabilityExclusionFilters(exclusionFilters(repository.tagMutability()));
        }
        return builder.build();
    }

    static List<ImageTagMutabilityExclusionFilter> exclusionFilters(TagMutability mutability) {
        return mutability.exclusions().stream()
                .map(f -> ImageTagMutabilityExclusionFilter.builder().filterType("WILDCARD").filter(f).build()).toList();
    }

}
