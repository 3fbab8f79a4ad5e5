package berth.ec2.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.ec2.core.Ec2Errors;
import berth.ec2.core.Filters;
import berth.ec2.core.LaunchSpec;
import berth.ec2.core.LaunchTemplate;
import berth.ec2.core.Tag;
import berth.ec2.state.Ec2Records;
import berth.platform.RecordTable;
import berth.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.*;

/** Launch templates and their versions. */
final class LaunchTemplateApi {
    private static final Filters<LaunchTemplate> FILTERS = Filters.of(LaunchTemplate::tags)
            .field("launch-template-name", LaunchTemplate::name).field("launch-template-id", LaunchTemplate::id);

    private final Ec2Records records;
    private final Clock clock;

    LaunchTemplateApi(Ec2Records records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    CreateLaunchTemplateResponse create(CreateLaunchTemplateRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        String name = NetworkApi.required(request.launchTemplateName(), "LaunchTemplateName");
        if (!name.matches("[a-zA-Z0-9().\\-/_]{3,128}")) {
            throw Ec2Errors.TEMPLATE_NAME_MALFORMED.exception("A launch template name must be between 3 and 128 characters,"
                    + " and may contain letters, numbers, and the following characters: - ( ) . / _.'");
        }
        if (byName(scope, name).isPresent()) {
            throw Ec2Errors.TEMPLATE_NAME_DUPLICATE.exception("Launch template name already in use.");
        }
        LaunchSpec data = LaunchSpecs.ofTemplateData(request.launchTemplateData());
        String creator = ctx.caller().identity().arn();
        List<Tag> tags = Tagging.forResource(request.tagSpecifications(), "launch-template");
        LaunchTemplate template = new LaunchTemplate(scope.accountId(), scope.region(), records.ids().next("lt"), name, creator,
                clock.instant(), 1, 1, List.of(new LaunchTemplate.Version(1, LaunchSpecs.orEmpty(request.versionDescription()),
                creator, clock.instant(), data)), tags);
        records.templates.save(template, Store.ABSENT);
        return CreateLaunchTemplateResponse.builder().launchTemplate(shape(template)).build();
    }

    CreateLaunchTemplateVersionResponse createVersion(CreateLaunchTemplateVersionRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        RecordTable.Versioned<LaunchTemplate> found = find(scope, request.launchTemplateId(), request.launchTemplateName());
        LaunchSpec data = LaunchSpecs.ofTemplateData(request.launchTemplateData());
        if (request.sourceVersion() != null) {
            LaunchSpec source = found.value().version(request.sourceVersion()).orElseThrow(() -> versionNotFound(
                    found.value(), request.sourceVersion())).data();
            data = source.overlaidWith(data);
        }
        LaunchSpec chosen = data;
        LaunchTemplate updated = records.templates.update(scope.key(found.value().id()), t -> t.withVersion(
                new LaunchTemplate.Version(t.latestVersion() + 1, LaunchSpecs.orEmpty(request.versionDescription()),
                        ctx.caller().identity().arn(), clock.instant(), chosen))).orElseThrow(() -> notFound(found.value().id()));
        return CreateLaunchTemplateVersionResponse.builder()
                .launchTemplateVersion(version(updated, updated.version(LaunchTemplate.LATEST).orElseThrow())).build();
    }

    ModifyLaunchTemplateResponse modify(ModifyLaunchTemplateRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        LaunchTemplate found = find(scope, request.launchTemplateId(), request.launchTemplateName()).value();
        LaunchTemplate updated = found;
        if (request.defaultVersion() != null) {
            long number = found.version(request.defaultVersion()).orElseThrow(() -> versionNotFound(found,
                    request.defaultVersion())).number();
            updated = records.templates.update(scope.key(found.id()), t -> t.withDefaultVersion(number)).orElseThrow();
        }
        return ModifyLaunchTemplateResponse.builder().launchTemplate(shape(updated)).build();
    }

    DeleteLaunchTemplateResponse delete(DeleteLaunchTemplateRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        RecordTable.Versioned<LaunchTemplate> found = find(scope, request.launchTemplateId(), request.launchTemplateName());
        records.templates.remove(scope.key(found.value().id()), found.version());
        return DeleteLaunchTemplateResponse.builder().launchTemplate(shape(found.value())).build();
    }

    DeleteLaunchTemplateVersionsResponse deleteVersions(DeleteLaunchTemplateVersionsRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        LaunchTemplate found = find(scope, request.launchTemplateId(), request.launchTemplateName()).value();
        List<DeleteLaunchTemplateVersionsResponseSuccessItem> deleted = new ArrayList<>();
        List<DeleteLaunchTemplateVersionsResponseErrorItem> failed = new ArrayList<>();
        List<Long> removed = new ArrayList<>();
        for (String v : request.versions()) {
            var version = found.version(v);
            if (version.isEmpty()) {
                failed.add(DeleteLaunchTemplateVersionsResponseErrorItem.builder().launchTemplateId(found.id())
                        .launchTemplateName(found.name()).versionNumber(parse(v)).responseError(e -> e
                                .code("launchTemplateVersionDoesNotExist").message("The specified launch template version"
                                        + " does not exist.")).build());
            } else if (version.get().number() == found.defaultVersion()) {
                failed.add(DeleteLaunchTemplateVersionsResponseErrorItem.builder().launchTemplateId(found.id())
                        .launchTemplateName(found.name()).versionNumber(version.get().number()).responseError(e -> e
                                .code("launchTemplateVersionIsDefault").message("The default version of a launch template"
                                        + " cannot be deleted.")).build());
            } else {
                removed.add(version.get().number());
                deleted.add(DeleteLaunchTemplateVersionsResponseSuccessItem.builder().launchTemplateId(found.id())
                        .launchTemplateName(found.name()).versionNumber(version.get().number()).build());
            }
        }
        if (!removed.isEmpty()) records.templates.update(scope.key(found.id()), t -> t.withoutVersions(removed));
        return DeleteLaunchTemplateVersionsResponse.builder().successfullyDeletedLaunchTemplateVersions(deleted)
                .unsuccessfullyDeletedLaunchTemplateVersions(failed).build();
    }

    DescribeLaunchTemplatesResponse describe(DescribeLaunchTemplatesRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        List<LaunchTemplate> all = records.templates.list(scope.prefix());
        for (String name : request.launchTemplateNames()) {
            if (all.stream().noneMatch(t -> t.name().equals(name))) {
                throw Ec2Errors.TEMPLATE_NAME_NOT_FOUND.exception("At least one of the launch templates specified in the"
                        + " request does not exist.");
            }
        }
        List<LaunchTemplate> found = Requests.select(all, LaunchTemplate::id, request.launchTemplateIds(),
                FILTERS.predicate(Requests.specs(request.filters())), LaunchTemplateApi::notFound).stream()
                .filter(t -> request.launchTemplateNames().isEmpty() || request.launchTemplateNames().contains(t.name())).toList();
        var page = Requests.page(found, request.nextToken(), request.maxResults(), 200, LaunchTemplate::id);
        return DescribeLaunchTemplatesResponse.builder().launchTemplates(page.items().stream().map(LaunchTemplateApi::shape).toList())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    DescribeLaunchTemplateVersionsResponse describeVersions(DescribeLaunchTemplateVersionsRequest request, RequestContext ctx) {
        Scope scope = ctx.scope();
        List<LaunchTemplate> templates = request.launchTemplateId() == null && request.launchTemplateName() == null
                ? records.templates.list(scope.prefix())
                : List.of(find(scope, request.launchTemplateId(), request.launchTemplateName()).value());
        List<LaunchTemplateVersion> versions = new ArrayList<>();
        for (LaunchTemplate t : templates) {
            if (!request.versions().isEmpty()) {
                for (String v : request.versions()) {
                    versions.add(version(t, t.version(v).orElseThrow(() -> versionNotFound(t, v))));
                }
                continue;
            }
            for (LaunchTemplate.Version v : t.versions()) {
                long n = v.number();
                if (request.minVersion() != null && n < parse(request.minVersion())) continue;
                if (request.maxVersion() != null && n > parse(request.maxVersion())) continue;
                boolean wantDefault = request.filters().stream().anyMatch(f -> "is-default-version".equals(f.name())
                        && f.values().contains("true"));
                if (wantDefault && n != t.defaultVersion()) continue;
                versions.add(version(t, v));
            }
        }
        return DescribeLaunchTemplateVersionsResponse.builder().launchTemplateVersions(versions).build();
    }

    /** The version a launch template specification names: {@code $Default} when none is named. */
    LaunchTemplateVersionChoice resolve(Scope scope, String id, String name, String version) {
        LaunchTemplate t = find(scope, id, name).value();
        String selector = version == null ? "" : version;
        return new LaunchTemplateVersionChoice(t, t.version(selector).orElseThrow(() -> versionNotFound(t, selector)));
    }

    record LaunchTemplateVersionChoice(LaunchTemplate template, LaunchTemplate.Version version) {}

    private RecordTable.Versioned<LaunchTemplate> find(Scope scope, String id, String name) {
        if (id != null && name != null) {
            throw Ec2Errors.INVALID_PARAMETER_COMBINATION.exception("Both a launch template ID and a launch template name"
                    + " were specified. Specify only one.");
        }
        if (id != null) {
            if (!id.startsWith("lt-")) throw Ec2Errors.TEMPLATE_ID_MALFORMED.exception("The launch template ID '" + id + "' is malformed");
            return records.templates.find(scope.key(id)).orElseThrow(() -> notFound(id));
        }
        if (name == null) {
            throw Ec2Errors.MISSING_PARAMETER.exception("The request must contain the parameter launchTemplateName or"
                    + " launchTemplateId");
        }
        return byName(scope, name).orElseThrow(() -> Ec2Errors.TEMPLATE_NAME_NOT_FOUND.exception("The specified launch"
                + " template, with template name " + name + ", does not exist."));
    }

    private java.util.Optional<RecordTable.Versioned<LaunchTemplate>> byName(Scope scope, String name) {
        return records.templates.listVersioned(scope.prefix()).stream().filter(t -> t.value().name().equals(name)).findFirst();
    }

    private static RuntimeException notFound(String id) {
        return Ec2Errors.TEMPLATE_ID_NOT_FOUND.exception("The specified launch template, with template ID " + id
                + ", does not exist.");
    }

    private static RuntimeException versionNotFound(LaunchTemplate t, String version) {
        return Ec2Errors.TEMPLATE_VERSION_NOT_FOUND.exception("Could not find launch template version " + version
                + " for template " + t.id());
    }

    private static long parse(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw Ec2Errors.INVALID_PARAMETER_VALUE.exception("Invalid launch template version '" + v + "'");
        }
    }

    static software.amazon.awssdk.services.ec2.model.LaunchTemplate shape(LaunchTemplate t) {
        return software.amazon.awssdk.services.ec2.model.LaunchTemplate.builder().launchTemplateId(t.id())
                .launchTemplateName(t.name()).createdBy(t.createdBy()).createTime(t.createdAt())
                .defaultVersionNumber(t.defaultVersion()).latestVersionNumber(t.latestVersion()).tags(Shapes.tags(t.tags())).build();
    }

    static LaunchTemplateVersion version(LaunchTemplate t, LaunchTemplate.Version v) {
        LaunchSpec d = v.data();
        var data = ResponseLaunchTemplateData.builder();
        if (!d.imageId().isEmpty()) data.imageId(d.imageId());
        if (!d.instanceType().isEmpty()) data.instanceType(d.instanceType());
        if (!d.keyName().isEmpty()) data.keyName(d.keyName());
        if (!d.userData().isEmpty()) data.userData(d.userData());
        if (d.hasInstanceProfile()) {
            data.iamInstanceProfile(p -> p.arn(Shapes.blankToNull(d.instanceProfileArn())).name(Shapes.blankToNull(d.instanceProfileName())));
        }
        if (!d.subnetId().isEmpty() || !d.associatePublicIp().isEmpty()) {
            var nic = LaunchTemplateInstanceNetworkInterfaceSpecification.builder().deviceIndex(0)
                    .subnetId(Shapes.blankToNull(d.subnetId())).groups(d.securityGroupIds());
            if (!d.associatePublicIp().isEmpty()) nic.associatePublicIpAddress(Boolean.parseBoolean(d.associatePublicIp()));
            if (!d.privateIpAddress().isEmpty()) nic.privateIpAddress(d.privateIpAddress());
            data.networkInterfaces(nic.build());
        } else if (!d.securityGroupIds().isEmpty()) {
            data.securityGroupIds(d.securityGroupIds());
        }
        if (!d.securityGroupNames().isEmpty()) data.securityGroups(d.securityGroupNames());
        if (!d.availabilityZone().isEmpty()) data.placement(p -> p.availabilityZone(d.availabilityZone()));
        if (!d.httpTokens().isEmpty() || !d.httpEndpoint().isEmpty()) {
            data.metadataOptions(m -> m.httpTokens(Shapes.blankToNull(d.httpTokens())).httpEndpoint(Shapes.blankToNull(d.httpEndpoint())));
        }
        if (!d.instanceTags().isEmpty()) {
            data.tagSpecifications(LaunchTemplateTagSpecification.builder().resourceType("instance").tags(Shapes.tags(d.instanceTags()))
                    .build());
        }
        return LaunchTemplateVersion.builder().launchTemplateId(t.id()).launchTemplateName(t.name()).versionNumber(v.number())
                .versionDescription(Shapes.blankToNull(v.description())).createdBy(v.createdBy()).createTime(v.createdAt())
                .defaultVersion(v.number() == t.defaultVersion()).launchTemplateData(data.build()).build();
    }
}
