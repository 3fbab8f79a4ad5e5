package berth.apprunner.api;

import static berth.apprunner.api.AppRunnerErrors.INVALID_REQUEST;

import berth.apprunner.core.AppService;
import berth.apprunner.core.AutoScaling;
import berth.apprunner.core.CodeSource;
import berth.apprunner.core.HealthCheck;
import berth.apprunner.core.Ids;
import berth.apprunner.core.ImageSource;
import berth.apprunner.core.Ingress;
import berth.apprunner.core.InstanceSize;
import berth.apprunner.core.Operation;
import berth.apprunner.state.AppRunnerRecords;
import berth.aws.AwsException;
import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.paging.PageToken;
import berth.platform.RecordTable.Versioned;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.apprunner.model.CodeConfiguration;
import software.amazon.awssdk.services.apprunner.model.CodeConfigurationValues;
import software.amazon.awssdk.services.apprunner.model.CodeRepository;
import software.amazon.awssdk.services.apprunner.model.CreateServiceRequest;
import software.amazon.awssdk.services.apprunner.model.CreateServiceResponse;
import software.amazon.awssdk.services.apprunner.model.DeleteServiceRequest;
import software.amazon.awssdk.services.apprunner.model.DeleteServiceResponse;
import software.amazon.awssdk.services.apprunner.model.DescribeServiceRequest;
import software.amazon.awssdk.services.apprunner.model.DescribeServiceResponse;
import software.amazon.awssdk.services.apprunner.model.HealthCheckConfiguration;
import software.amazon.awssdk.services.apprunner.model.ImageRepository;
import software.amazon.awssdk.services.apprunner.model.InstanceConfiguration;
import software.amazon.awssdk.services.apprunner.model.ListServicesForAutoScalingConfigurationRequest;
import software.amazon.awssdk.services.apprunner.model.ListServicesForAutoScalingConfigurationResponse;
import software.amazon.awssdk.services.apprunner.model.ListServicesRequest;
import software.amazon.awssdk.services.apprunner.model.ListServicesResponse;
import software.amazon.awssdk.services.apprunner.model.NetworkConfiguration;
import software.amazon.awssdk.services.apprunner.model.ServiceObservabilityConfiguration;
import software.amazon.awssdk.services.apprunner.model.SourceConfiguration;
import software.amazon.awssdk.services.apprunner.model.UpdateServiceRequest;
import software.amazon.awssdk.services.apprunner.model.UpdateServiceResponse;

/** CreateService, DescribeService, ListServices, UpdateService, DeleteService. */
final class ServiceApi {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-_]{3,39}");
    private static final String DOMAIN = System.getenv().getOrDefault("BERTH_APPRUNNER_DOMAIN", "apprunner.localhost");

    private final AppRunnerRecords records;
    private final Clock clock;
    private final ToIntFunction<Scope> ports;
    private final AutoScalingApi scaling;
    private final SettingsApi settings;
    private final Runnable changed;

    ServiceApi(AppRunnerRecords records, Clock clock, ToIntFunction<Scope> ports, AutoScalingApi scaling,
               SettingsApi settings, Runnable changed) {
        this.settings = settings;
        this.records = records;
        this.clock = clock;
        this.ports = ports;
        this.scaling = scaling;
        this.changed = changed;
    }

    CreateServiceResponse create(CreateServiceRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        String name = r.serviceName();
        if (!NAME.matcher(name).matches()) {
            throw INVALID_REQUEST.exception("ServiceName must match " + NAME.pattern() + ": " + name);
        }
        if (r.encryptionConfiguration() != null) throw AppRunnerErrors.unsupported("EncryptionConfiguration (a customer KMS key)");
        String vpcConnector = vpcConnector(scope, r.networkConfiguration(), "");
        String observability = observability(scope, r.observabilityConfiguration(), "");
        ImageSource source = source(r.sourceConfiguration());
        CodeSource code = code(r.sourceConfiguration());
        Size size = size(r.instanceConfiguration(), new Size("1024", "2048", ""));
        HealthCheck check = healthCheck(r.healthCheckConfiguration(), HealthCheck.DEFAULT);
        AutoScaling autoScaling = r.autoScalingConfigurationArn() == null ? scaling.defaultOf(scope)
                : scaling.activeByArn(scope, r.autoScalingConfigurationArn());
        if (records.service(scope, name).isPresent()) {
            throw INVALID_REQUEST.exception("Service with the provided name already exists: " + name);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        r.tags().forEach(t -> tags.put(t.key(), t.value()));
        Instant now = clock.instant();
        String id = Ids.random();
        Ingress ingress = records.ingressOrCreate(scope, () -> ports.applyAsInt(scope));
        AppService service = new AppService(scope.accountId(), scope.region(), name, id,
                scope.arn("apprunner", "service/" + name + "/" + id), "OPERATION_IN_PROGRESS", source, code, size.cpu(),
                size.memory(), size.role(), check, autoScaling.arn(), id.substring(0, 10) + "." + scope.region() + "." + DOMAIN,
                tags, now, now, 0, false, false, null, List.of(), List.of(), "", "");
        Operation op = new Operation(Ids.random(), "CREATE_SERVICE", "IN_PROGRESS", now, now, null);
        service = service.withSettings(observability, vpcConnector).begin(op, true, false, false, now);
        try {
            records.create(service);
        } catch (berth.store.VersionConflict e) {
            throw INVALID_REQUEST.exception("Service with the provided name already exists: " + name);
        }
        changed.run();
        return CreateServiceResponse.builder().service(ServiceMapping.toSdk(service, Optional.of(ingress),
                Optional.of(autoScaling))).operationId(op.id()).build();
    }

    DescribeServiceResponse describe(DescribeServiceRequest r, RequestContext ctx) {
        AppService s = find(ctx.scope(), r.serviceArn()).value();
        return DescribeServiceResponse.builder().service(toSdk(s)).build();
    }

    ListServicesResponse list(ListServicesRequest r, RequestContext ctx) {
        List<AppService> all = new ArrayList<>(records.services(ctx.scope()));
        all.sort(Comparator.comparing(AppService::name));
        Page<AppService> page = Page.of(all, AppService::name, r.nextToken(), r.maxResults(), 20);
        Optional<Ingress> ingress = records.ingress(ctx.scope()).map(Versioned::value);
        return ListServicesResponse.builder()
                .serviceSummaryList(page.items().stream().map(s -> ServiceMapping.summary(s, ingress)).toList())
                .nextToken(page.next()).build();
    }

    ListServicesForAutoScalingConfigurationResponse listForScaling(ListServicesForAutoScalingConfigurationRequest r,
                                                                   RequestContext ctx) {
        AutoScaling config = scaling.byArn(ctx.scope(), r.autoScalingConfigurationArn());
        List<String> arns = records.services(ctx.scope()).stream().filter(s -> s.autoScalingArn().equals(config.arn()))
                .map(AppService::arn).sorted().toList();
        Page<String> page = Page.of(arns, a -> a, r.nextToken(), r.maxResults(), 100);
        return ListServicesForAutoScalingConfigurationResponse.builder().serviceArnList(page.items())
                .nextToken(page.next()).build();
    }

    UpdateServiceResponse update(UpdateServiceRequest r, RequestContext ctx) {
        Versioned<AppService> found = find(ctx.scope(), r.serviceArn());
        AppService s = found.value();
        requireIdle(s);
        String vpcConnector = vpcConnector(ctx.scope(), r.networkConfiguration(), s.vpcConnectorArn());
        String observability = observability(ctx.scope(), r.observabilityConfiguration(), s.observabilityArn());
        ImageSource source = r.sourceConfiguration() == null ? s.source() : source(r.sourceConfiguration());
        CodeSource code = r.sourceConfiguration() == null ? s.code() : code(r.sourceConfiguration());
        Size size = size(r.instanceConfiguration(), new Size(s.cpu(), s.memory(), s.instanceRoleArn()));
        HealthCheck check = healthCheck(r.healthCheckConfiguration(), s.healthCheck());
        String scalingArn = r.autoScalingConfigurationArn() == null ? s.autoScalingArn()
                : scaling.activeByArn(ctx.scope(), r.autoScalingConfigurationArn()).arn();
        Instant now = clock.instant();
        Operation op = new Operation(Ids.random(), "UPDATE_SERVICE", "IN_PROGRESS", now, now, null);
        AppService updated = s.updated(source, code, size.cpu(), size.memory(), size.role(), check, scalingArn)
                .withSettings(observability, vpcConnector).begin(op, true, s.paused(), false, now);
        save(updated, found.version());
        return UpdateServiceResponse.builder().service(toSdk(updated)).operationId(op.id()).build();
    }

    DeleteServiceResponse delete(DeleteServiceRequest r, RequestContext ctx) {
        Versioned<AppService> found = find(ctx.scope(), r.serviceArn());
        AppService s = found.value();
        if (s.deleting()) throw AppRunnerErrors.INVALID_STATE.exception("Service " + s.arn() + " is being deleted");
        Instant now = clock.instant();
        Operation op = new Operation(Ids.random(), "DELETE_SERVICE", "IN_PROGRESS", now, now, null);
        // a delete ends whatever operation was running
        AppService deleting = s.end("FAILED", s.status(), now).begin(op, false, s.paused(), true, now);
        save(deleting, found.version());
        return DeleteServiceResponse.builder().service(toSdk(deleting)).operationId(op.id()).build();
    }

    private void save(AppService s, long version) {
        try {
            records.save(s, version);
        } catch (berth.store.VersionConflict e) {
            throw AppRunnerErrors.INVALID_STATE.exception("Service " + s.arn() + " changed meanwhile; try again");
        }
        changed.run();
    }

    static void requireIdle(AppService s) {
        if (s.runningOperation().isPresent() || s.deleting()) {
            throw AppRunnerErrors.INVALID_STATE.exception("Service " + s.arn()
                    + " has an operation in progress; you can't change it until the operation ends");
        }
    }

    software.amazon.awssdk.services.apprunner.model.Service toSdk(AppService s) {
        return ServiceMapping.toSdk(s, records.ingress(s.scope()).map(Versioned::value),
                scaling.findByArn(s.scope(), s.autoScalingArn()));
    }

    Versioned<AppService> find(Scope scope, String arn) {
        return records.serviceByArn(arn).filter(v -> v.value().scope().equals(scope))
                .orElseThrow(() -> AppRunnerErrors.serviceNotFound(arn));
    }

    /** The build of a source code service; null for an image service. */
    private static CodeSource code(SourceConfiguration c) {
        CodeRepository repo = c.codeRepository();
        if (repo == null) return null;
        String url = repo.repositoryUrl();
        if (!url.startsWith("file://") && !url.startsWith("/")) {
            throw AppRunnerErrors.unsupported("A remote repository (berth builds local git repositories: a path or file:// URL)");
        }
        if (!"BRANCH".equals(repo.sourceCodeVersion().typeAsString())) {
            throw INVALID_REQUEST.exception("SourceCodeVersion Type must be BRANCH");
        }
        CodeConfiguration conf = repo.codeConfiguration();
        if (conf == null) throw INVALID_REQUEST.exception("CodeRepository needs a CodeConfiguration");
        String from = conf.configurationSourceAsString();
        CodeConfigurationValues values = conf.codeConfigurationValues();
        if (from.equals("API")) {
            if (values == null) throw INVALID_REQUEST.exception("ConfigurationSource API needs CodeConfigurationValues");
            if (values.startCommand() == null || values.startCommand().isBlank()) {
                throw INVALID_REQUEST.exception("CodeConfigurationValues needs a StartCommand");
            }
            return new CodeSource(url, repo.sourceCodeVersion().value(), repo.sourceDirectory(), from,
                    values.runtimeAsString(), values.buildCommand(), values.startCommand());
        }
        return new CodeSource(url, repo.sourceCodeVersion().value(), repo.sourceDirectory(), from, "", "", "");
    }

    private static ImageSource source(SourceConfiguration c) {
        CodeRepository repo = c.codeRepository();
        if (repo != null && c.imageRepository() != null) {
            throw INVALID_REQUEST.exception("SourceConfiguration takes an ImageRepository or a CodeRepository, not both");
        }
        if (repo != null) {
            boolean autoDeploy = c.autoDeploymentsEnabled() == null || c.autoDeploymentsEnabled();
            CodeConfigurationValues v = repo.codeConfiguration() == null ? null : repo.codeConfiguration().codeConfigurationValues();
            String port = v == null || v.port() == null ? "8080" : v.port();
            checkPort(port);
            return new ImageSource("", "ECR", port, v == null ? Map.of() : v.runtimeEnvironmentVariables(),
                    v == null ? Map.of() : v.runtimeEnvironmentSecrets(), "", autoDeploy,
                    c.authenticationConfiguration() == null ? "" : c.authenticationConfiguration().connectionArn());
        }
        ImageRepository image = c.imageRepository();
        if (image == null) throw INVALID_REQUEST.exception("SourceConfiguration needs an ImageRepository or a CodeRepository");
        String type = image.imageRepositoryTypeAsString();
        boolean autoDeploy = c.autoDeploymentsEnabled() == null || c.autoDeploymentsEnabled();
        if (type.equals("ECR_PUBLIC")) {
            if (Boolean.TRUE.equals(c.autoDeploymentsEnabled())) {
                throw INVALID_REQUEST.exception("Auto deployment isn't supported for the ECR_PUBLIC image repository type");
            }
            autoDeploy = false;
        }
        var conf = image.imageConfiguration();
        String port = conf == null || conf.port() == null ? "8080" : conf.port();
        checkPort(port);
        Map<String, String> env = conf == null ? Map.of() : conf.runtimeEnvironmentVariables();
        Map<String, String> secrets = conf == null ? Map.of() : conf.runtimeEnvironmentSecrets();
        for (String key : env.keySet()) {
            if (key.startsWith("AWSAPPRUNNER")) {
                throw INVALID_REQUEST.exception("Environment variable names prefixed with AWSAPPRUNNER are reserved: " + key);
            }
        }
        String role = c.authenticationConfiguration() == null ? "" : c.authenticationConfiguration().accessRoleArn();
        return new ImageSource(image.imageIdentifier(), type, port, env, secrets,
                conf == null ? "" : conf.startCommand(), autoDeploy, role);
    }

    private static void checkPort(String port) {
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            throw INVALID_REQUEST.exception("Port must be a number from 1 to 65535: " + port);
        }
    }

    record Size(String cpu, String memory, String role) {}

    private static Size size(InstanceConfiguration c, Size current) {
        if (c == null) return current;
        String cpuText = c.cpu() == null ? current.cpu() : c.cpu();
        String memoryText = c.memory() == null ? current.memory() : c.memory();
        int cpu = InstanceSize.cpu(cpuText).orElseThrow(() -> INVALID_REQUEST.exception("Cpu is not one App Runner offers: " + cpuText));
        int memory = InstanceSize.memory(memoryText)
                .orElseThrow(() -> INVALID_REQUEST.exception("Memory is not one App Runner offers: " + memoryText));
        if (!InstanceSize.offered(cpu, memory)) {
            throw INVALID_REQUEST.exception("The Cpu and Memory combination " + cpuText + " / " + memoryText
                    + " is not supported");
        }
        return new Size(Integer.toString(cpu), Integer.toString(memory),
                c.instanceRoleArn() == null ? current.role() : c.instanceRoleArn());
    }

    private static HealthCheck healthCheck(HealthCheckConfiguration c, HealthCheck current) {
        if (c == null) return current;
        HealthCheck d = HealthCheck.DEFAULT;
        String protocol = c.protocol() == null ? d.protocol() : c.protocolAsString();
        return new HealthCheck(protocol, c.path() == null ? d.path() : c.path(),
                c.interval() == null ? d.intervalSeconds() : c.interval(), c.timeout() == null ? d.timeoutSeconds() : c.timeout(),
                c.healthyThreshold() == null ? d.healthyThreshold() : c.healthyThreshold(),
                c.unhealthyThreshold() == null ? d.unhealthyThreshold() : c.unhealthyThreshold());
    }

    /** The VPC connector the network configuration names (VPC egress), or "" for default egress; {@code current} when unset. */
    private String vpcConnector(Scope scope, NetworkConfiguration n, String current) {
        if (n == null) return current;
        if (n.ingressConfiguration() != null && Boolean.FALSE.equals(n.ingressConfiguration().isPubliclyAccessible())) {
            throw AppRunnerErrors.unsupported("A private endpoint (IsPubliclyAccessible false)");
        }
        if (n.ipAddressTypeAsString() != null && !n.ipAddressTypeAsString().equals("IPV4")) {
            throw AppRunnerErrors.unsupported("IpAddressType " + n.ipAddressTypeAsString());
        }
        var egress = n.egressConfiguration();
        if (egress == null || egress.egressTypeAsString() == null) return current;
        if (egress.egressTypeAsString().equals("DEFAULT")) {
            if (egress.vpcConnectorArn() != null) {
                throw INVALID_REQUEST.exception("VpcConnectorArn is only valid with EgressType VPC");
            }
            return "";
        }
        if (egress.vpcConnectorArn() == null) throw INVALID_REQUEST.exception("EgressType VPC needs a VpcConnectorArn");
        return settings.activeByArn(scope, berth.apprunner.core.SettingRevision.VPC_CONNECTOR, egress.vpcConnectorArn()).arn();
    }

    /** The observability configuration a service names, or "" with observability off; {@code current} when unset. */
    private String observability(Scope scope, ServiceObservabilityConfiguration o, String current) {
        if (o == null) return current;
        if (!Boolean.TRUE.equals(o.observabilityEnabled())) {
            if (o.observabilityConfigurationArn() != null) {
                throw INVALID_REQUEST.exception("ObservabilityConfigurationArn is only valid with ObservabilityEnabled true");
            }
            return "";
        }
        if (o.observabilityConfigurationArn() == null) {
            throw INVALID_REQUEST.exception("ObservabilityEnabled true needs an ObservabilityConfigurationArn");
        }
        return settings.activeByArn(scope, berth.apprunner.core.SettingRevision.OBSERVABILITY,
                o.observabilityConfigurationArn()).arn();
    }

    /** One page of a list sorted by {@code key}; the token is the last key answered. */
    record Page<T>(List<T> items, String next) {
        static <T> Page<T> of(List<T> sorted, java.util.function.Function<T, String> key, String token, Integer max,
                              int defaultMax) {
            int start = 0;
            if (token != null && !token.isEmpty()) {
                String after = PageToken.decode(token)
                        .orElseThrow(() -> INVALID_REQUEST.exception("The NextToken is not valid"));
                while (start < sorted.size() && key.apply(sorted.get(start)).compareTo(after) <= 0) start++;
            }
            int limit = max == null ? defaultMax : max;
            int end = Math.min(sorted.size(), start + limit);
            String next = end < sorted.size() ? PageToken.encode(key.apply(sorted.get(end - 1))) : null;
            return new Page<>(sorted.subList(start, end), next);
        }
    }

    static AwsException notFound(String arn) {
        return AppRunnerErrors.serviceNotFound(arn);
    }
}
