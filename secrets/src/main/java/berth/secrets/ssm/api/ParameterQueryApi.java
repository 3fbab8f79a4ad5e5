package berth.secrets.ssm.api;

import berth.aws.RequestContext;
import berth.secrets.ssm.core.Parameter;
import berth.secrets.ssm.core.ParameterFilter;
import berth.secrets.ssm.core.ParameterNames;
import berth.secrets.ssm.core.ParameterVersion;
import berth.secrets.ssm.state.ParameterLookup;
import berth.secrets.PublicParameters;
import berth.secrets.ssm.state.ParameterRecords;
import berth.secrets.ssm.state.PublicParameterTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ssm.model.DescribeParametersRequest;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;

/** GetParametersByPath, DescribeParameters, GetParameterHistory. */
final class ParameterQueryApi {
    private static final Set<String> BY_PATH_KEYS = Set.of("Type", "KeyId", "Label", "tag");
    private static final Set<String> DESCRIBE_KEYS = Set.of("Name", "Path", "Type", "KeyId", "Tier", "DataType", "Label", "tag");

    private final ParameterRecords records;
    private final ParameterApi parameters;
    private final PublicParameterTable publicParameters;

    ParameterQueryApi(ParameterRecords records, ParameterApi parameters, PublicParameterTable publicParameters) {
        this.records = records;
        this.parameters = parameters;
        this.publicParameters = publicParameters;
    }

    GetParametersByPathResponse byPath(GetParametersByPathRequest request, RequestContext ctx) {
        String path = request.path();
        if (PublicParameterTable.isPublic(path)) {
            return publicByPath(request, ctx.region());
        }
        if (!ParameterNames.validPath(path)) {
            throw SsmErrors.VALIDATION.exception("The parameter doesn't meet the parameter name requirements. The parameter name must "
                    + "begin with a forward slash \"/\". It can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). It "
                    + "must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). "
                    + "Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol "
                    + "\"/\". Valid example: /get/parameters2-/by1./path0_.");
        }
        List<ParameterFilter> filters = filters(request.parameterFilters(), BY_PATH_KEYS);
        boolean recursive = Boolean.TRUE.equals(request.recursive());
        String prefix = path.endsWith("/") ? path : path + "/";
        List<Parameter> matching = records.list(ctx.scope(), prefix).stream()
                .filter(p -> ParameterNames.under(p.name(), prefix, recursive))
                .filter(p -> ParameterFilter.all(filters, p))
                .toList();
        SsmPages<Parameter> page = SsmPages.of(matching, request.nextToken(), request.maxResults(), 10, Parameter::name);
        boolean decrypt = Boolean.TRUE.equals(request.withDecryption());
        return GetParametersByPathResponse.builder()
                .parameters(page.items().stream().map(p -> parameters.toSdk(p, p.latest(), "", decrypt)).toList())
                .nextToken(page.nextToken().orElse(null))
                .build();
    }

    /** The public parameters under a path of {@code /aws/service/}; they have no tags, labels or key. */
    private GetParametersByPathResponse publicByPath(GetParametersByPathRequest request, String region) {
        if (request.hasParameterFilters() && !request.parameterFilters().isEmpty()) {
            throw SsmErrors.VALIDATION.exception("berth does not filter public parameters.");
        }
        List<PublicParameters.Definition> matching = publicParameters.under(request.path(),
                Boolean.TRUE.equals(request.recursive()));
        SsmPages<PublicParameters.Definition> page = SsmPages.of(matching, request.nextToken(), request.maxResults(), 10,
                PublicParameters.Definition::name);
        return GetParametersByPathResponse.builder()
                .parameters(page.items().stream().map(p -> ParameterApi.toSdk(p, region)).toList())
                .nextToken(page.nextToken().orElse(null))
                .build();
    }

    DescribeParametersResponse describe(DescribeParametersRequest request, RequestContext ctx) {
        if (request.hasFilters() && request.hasParameterFilters()) {
            throw SsmErrors.VALIDATION.exception("You can use either Filters or ParameterFilters in a single request.");
        }
        if (Boolean.TRUE.equals(request.shared())) {
            throw SsmErrors.VALIDATION.exception("berth does not share parameters between accounts.");
        }
        List<ParameterFilter> filters = new ArrayList<>(filters(request.parameterFilters(), DESCRIBE_KEYS));
        for (var legacy : request.filters()) {
            String key = legacy.keyAsString();
            filters.add(new ParameterFilter(key, key.equals("Name") ? "BeginsWith" : "Equals", legacy.values()));
        }
        List<Parameter> matching = records.list(ctx.scope(), "").stream()
                .filter(p -> ParameterFilter.all(filters, p)).toList();
        SsmPages<Parameter> page = SsmPages.of(matching, request.nextToken(), request.maxResults(), 10, Parameter::name);
        return DescribeParametersResponse.builder()
                .parameters(page.items().stream().map(ParameterQueryApi::metadata).toList())
                .nextToken(page.nextToken().orElse(null))
                .build();
    }

    GetParameterHistoryResponse history(GetParameterHistoryRequest request, RequestContext ctx) {
        if (request.name().contains(":") && !request.name().startsWith("arn:")) throw SsmErrors.notFound();
        Parameter parameter = switch (ParameterLookup.find(records, request.name(), ctx.scope())) {
            case ParameterLookup.Hit hit -> hit.found().parameter();
            default -> throw SsmErrors.notFound();
        };
        boolean decrypt = Boolean.TRUE.equals(request.withDecryption());
        SsmPages<ParameterVersion> page = SsmPages.of(parameter.versions(), request.nextToken(), request.maxResults(), 50,
                v -> String.format("%019d", v.version()));
        List<ParameterHistory> history = new ArrayList<>();
        for (ParameterVersion version : page.items()) {
            String value = version.secure() && !decrypt ? records.ciphertext(parameter, version.version(), version.value())
                    : version.value();
            var entry = ParameterHistory.builder()
                    .name(parameter.name()).type(version.type()).value(value).version(version.version())
                    .lastModifiedDate(Instant.ofEpochMilli(version.lastModifiedMillis()))
                    .lastModifiedUser(version.lastModifiedUser()).tier(version.tier()).dataType(version.dataType())
                    .labels(version.labels()).policies(List.of());
            if (!version.keyId().isEmpty()) entry.keyId(version.keyId());
            if (!version.description().isEmpty()) entry.description(version.description());
            if (!version.allowedPattern().isEmpty()) entry.allowedPattern(version.allowedPattern());
            history.add(entry.build());
        }
        return GetParameterHistoryResponse.builder().parameters(history).nextToken(page.nextToken().orElse(null)).build();
    }

    private static List<ParameterFilter> filters(List<ParameterStringFilter> given, Set<String> allowed) {
        List<ParameterFilter> filters = given.stream().map(f -> new ParameterFilter(f.key(),
                f.option() == null ? "" : f.option(), f.values())).toList();
        ParameterFilter.problem(filters, allowed).ifPresent(refused -> {
            throw SsmErrors.of(refused.code()).exception(refused.message());
        });
        return filters;
    }

    private static ParameterMetadata metadata(Parameter parameter) {
        ParameterVersion latest = parameter.latest();
        var builder = ParameterMetadata.builder()
                .name(parameter.name()).arn(parameter.arn()).type(latest.type()).version(latest.version())
                .lastModifiedDate(Instant.ofEpochMilli(latest.lastModifiedMillis()))
                .lastModifiedUser(latest.lastModifiedUser()).tier(latest.tier()).dataType(latest.dataType())
                .policies(List.of());
        if (!latest.keyId().isEmpty()) builder.keyId(latest.keyId());
        if (!latest.description().isEmpty()) builder.description(latest.description());
        if (!latest.allowedPattern().isEmpty()) builder.allowedPattern(latest.allowedPattern());
        return builder.build();
    }
}
