package berth.secrets.ssm.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.platform.RecordTable.Versioned;
import berth.secrets.ssm.core.Parameter;
import berth.secrets.ssm.core.ParameterNames;
import berth.secrets.ssm.core.ParameterRules;
import berth.secrets.ssm.core.ParameterVersion;
import berth.secrets.ssm.state.ParameterLookup;
import berth.secrets.PublicParameters;
import berth.secrets.ssm.state.ParameterRecords;
import berth.secrets.ssm.state.PublicParameterTable;
import berth.store.Store;
import berth.store.VersionConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.model.DeleteParameterRequest;
import software.amazon.awssdk.services.ssm.model.DeleteParameterResponse;
import software.amazon.awssdk.services.ssm.model.DeleteParametersRequest;
import software.amazon.awssdk.services.ssm.model.DeleteParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;

/** PutParameter, GetParameter, GetParameters, DeleteParameter, DeleteParameters. */
final class ParameterApi {
    /** When public parameters were last changed, as their LastModifiedDate says. */
    private static final Instant PUBLISHED = Instant.parse("2025-01-01T00:00:00Z");

    private final ParameterRecords records;
    private final PublicParameterTable publicParameters;
    private final Clock clock;

    ParameterApi(ParameterRecords records, PublicParameterTable publicParameters, Clock clock) {
        this.records = records;
        this.publicParameters = publicParameters;
        this.clock = clock;
    }

    PutParameterResponse put(PutParameterRequest request, RequestContext ctx) {
        String name = request.name();
        ParameterNames.problem(name).ifPresent(problem -> {
            throw switch (problem) {
                case ParameterNames.TooDeep deep -> SsmErrors.HIERARCHY_LEVEL_LIMIT_EXCEEDED.exception(deep.message());
                case ParameterNames.NotFullyQualified q -> SsmErrors.VALIDATION.exception(q.message());
                case ParameterNames.Invalid invalid -> SsmErrors.VALIDATION.exception(invalid.message());
            };
        });
        ParameterRules.Put put = new ParameterRules.Put(name, request.value(), orEmpty(request.typeAsString()),
                Boolean.TRUE.equals(request.overwrite()), orEmpty(request.keyId()), orEmpty(request.description()),
                orEmpty(request.allowedPattern()), orEmpty(request.tierAsString()), orEmpty(request.dataType()),
                request.tags().stream().map(t -> new Parameter.Tag(t.key(), t.value())).toList(), request.policies() != null);
        Scope scope = ctx.scope();
        for (int attempt = 0; ; attempt++) {
            Optional<Versioned<Parameter>> existing = records.find(scope, name);
            ParameterRules.Outcome outcome = ParameterRules.put(existing.map(Versioned::value), put, scope, clock.millis(),
                    ctx.caller().identity().arn());
            if (outcome instanceof ParameterRules.Refused refused) throw SsmErrors.of(refused.code()).exception(refused.message());
            Parameter stored = ((ParameterRules.Stored) outcome).parameter();
            try {
                records.save(stored, existing.map(Versioned::version).orElse(Store.ABSENT));
                return PutParameterResponse.builder().version(stored.latest().version()).tier(stored.latest().tier()).build();
            } catch (VersionConflict conflict) {
                if (attempt >= 10) throw conflict;
            }
        }
    }

    GetParameterResponse get(GetParameterRequest request, RequestContext ctx) {
        Optional<PublicParameters.Definition> published = publicParameters.find(request.name(), ctx.region());
        if (published.isPresent()) {
            return GetParameterResponse.builder().parameter(toSdk(published.get(), ctx.region())).build();
        }
        ParameterLookup.Found found = switch (ParameterLookup.find(records, request.name(), ctx.scope())) {
            case ParameterLookup.Hit hit -> hit.found();
            case ParameterLookup.Missing missing -> throw SsmErrors.notFound();
            case ParameterLookup.MissingVersion version -> throw SsmErrors.PARAMETER_VERSION_NOT_FOUND.exception(
                    "Systems Manager could not find version " + version.selector() + " of " + version.name()
                            + ". Verify the version and try again.");
        };
        return GetParameterResponse.builder()
                .parameter(toSdk(found.parameter(), found.version(), found.selector(), Boolean.TRUE.equals(request.withDecryption())))
                .build();
    }

    GetParametersResponse getMany(GetParametersRequest request, RequestContext ctx) {
        List<software.amazon.awssdk.services.ssm.model.Parameter> parameters = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        boolean decrypt = Boolean.TRUE.equals(request.withDecryption());
        for (String name : new LinkedHashSet<>(request.names())) {
            Optional<PublicParameters.Definition> published = publicParameters.find(name, ctx.region());
            if (published.isPresent()) {
                parameters.add(toSdk(published.get(), ctx.region()));
                continue;
            }
            switch (ParameterLookup.find(records, name, ctx.scope())) {
                case ParameterLookup.Hit hit -> parameters.add(toSdk(hit.found().parameter(), hit.found().version(),
                        hit.found().selector(), decrypt));
                case ParameterLookup.Missing missing -> invalid.add(name);
                case ParameterLookup.MissingVersion version -> invalid.add(name);
            }
        }
        return GetParametersResponse.builder().parameters(parameters).invalidParameters(invalid).build();
    }

    DeleteParameterResponse delete(DeleteParameterRequest request, RequestContext ctx) {
        if (!deleteOne(request.name(), ctx)) throw SsmErrors.notFound();
        return DeleteParameterResponse.builder().build();
    }

    DeleteParametersResponse deleteMany(DeleteParametersRequest request, RequestContext ctx) {
        List<String> deleted = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String name : new LinkedHashSet<>(request.names())) {
            (deleteOne(name, ctx) ? deleted : invalid).add(name);
        }
        return DeleteParametersResponse.builder().deletedParameters(deleted).invalidParameters(invalid).build();
    }

    private boolean deleteOne(String name, RequestContext ctx) {
        if (name.contains(":") && !name.startsWith("arn:")) return false;
        ParameterLookup.Result result = ParameterLookup.find(records, name, ctx.scope());
        if (!(result instanceof ParameterLookup.Hit hit) || !hit.found().selector().isEmpty()) return false;
        try {
            records.delete(hit.found().parameter(), hit.found().record().version());
        } catch (VersionConflict changed) {
            return deleteOne(name, ctx);
        }
        return true;
    }

    /** A parameter version as GetParameter(s) and GetParametersByPath answer it; SecureStrings stay encrypted unless asked. */
    software.amazon.awssdk.services.ssm.model.Parameter toSdk(Parameter parameter, ParameterVersion version, String selector,
                                                               boolean decrypt) {
        String value = version.secure() && !decrypt ? records.ciphertext(parameter, version.version(), version.value())
                : version.value();
        var builder = software.amazon.awssdk.services.ssm.model.Parameter.builder()
                .name(parameter.name())
                .type(version.type())
                .value(value)
                .version(version.version())
                .lastModifiedDate(Instant.ofEpochMilli(version.lastModifiedMillis()))
                .arn(parameter.arn())
                .dataType(version.dataType());
        if (!selector.isEmpty()) builder.selector(selector);
        return builder.build();
    }

    /** A public parameter as every account reads it: a String at version 1, belonging to no account. */
    static software.amazon.awssdk.services.ssm.model.Parameter toSdk(PublicParameters.Definition parameter, String region) {
        return software.amazon.awssdk.services.ssm.model.Parameter.builder()
                .name(parameter.name()).type("String").value(parameter.valueInRegion().apply(region)).version(1L)
                .lastModifiedDate(PUBLISHED).arn(PublicParameterTable.arn(parameter, region)).dataType(parameter.dataType())
                .build();
    }

    static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
