package berth.apprunner.api;

import berth.apprunner.core.AppService;
import berth.apprunner.core.AutoScaling;
import berth.apprunner.core.CodeSource;
import berth.apprunner.core.HealthCheck;
import berth.apprunner.core.ImageSource;
import berth.apprunner.core.Ingress;
import berth.apprunner.core.Operation;
import java.util.Optional;
import software.amazon.awssdk.services.apprunner.model.AutoScalingConfigurationSummary;
import software.amazon.awssdk.services.apprunner.model.EgressConfiguration;
import software.amazon.awssdk.services.apprunner.model.HealthCheckConfiguration;
import software.amazon.awssdk.services.apprunner.model.ImageConfiguration;
import software.amazon.awssdk.services.apprunner.model.ImageRepository;
import software.amazon.awssdk.services.apprunner.model.IngressConfiguration;
import software.amazon.awssdk.services.apprunner.model.InstanceConfiguration;
import software.amazon.awssdk.services.apprunner.model.NetworkConfiguration;
import software.amazon.awssdk.services.apprunner.model.OperationSummary;
import software.amazon.awssdk.services.apprunner.model.Service;
import software.amazon.awssdk.services.apprunner.model.ServiceObservabilityConfiguration;
import software.amazon.awssdk.services.apprunner.model.ServiceSummary;
import software.amazon.awssdk.services.apprunner.model.SourceConfiguration;

/** App Runner's shapes for berth's services, operations and auto scaling configurations. */
final class ServiceMapping {
    private ServiceMapping() {}

    static Service toSdk(AppService s, Optional<Ingress> ingress, Optional<AutoScaling> scaling) {
        ImageSource src = s.source();
        ImageConfiguration.Builder image = ImageConfiguration.builder().port(src.port());
        if (!src.environment().isEmpty()) image.runtimeEnvironmentVariables(src.environment());
        if (!src.secrets().isEmpty()) image.runtimeEnvironmentSecrets(src.secrets());
        if (!src.startCommand().isEmpty()) image.startCommand(src.startCommand());
        SourceConfiguration.Builder source = SourceConfiguration.builder().autoDeploymentsEnabled(src.autoDeploy());
        if (s.code() != null) {
            source.codeRepository(code(s.code(), src));
            if (!src.accessRoleArn().isEmpty()) source.authenticationConfiguration(a -> a.connectionArn(src.accessRoleArn()));
        } else {
            source.imageRepository(ImageRepository.builder().imageIdentifier(src.imageIdentifier())
                    .imageRepositoryType(src.repositoryType()).imageConfiguration(image.build()).build());
            if (!src.accessRoleArn().isEmpty()) source.authenticationConfiguration(a -> a.accessRoleArn(src.accessRoleArn()));
        }
        InstanceConfiguration.Builder instance = InstanceConfiguration.builder().cpu(s.cpu()).memory(s.memory());
        if (!s.instanceRoleArn().isEmpty()) instance.instanceRoleArn(s.instanceRoleArn());
        HealthCheck hc = s.healthCheck();
        Service.Builder b = Service.builder().serviceName(s.name()).serviceId(s.id()).serviceArn(s.arn())
                .createdAt(s.createdAt()).updatedAt(s.updatedAt()).status(s.status())
                .sourceConfiguration(source.build()).instanceConfiguration(instance.build())
                .healthCheckConfiguration(HealthCheckConfiguration.builder().protocol(hc.protocol()).path(hc.path())
                        .interval(hc.intervalSeconds()).timeout(hc.timeoutSeconds())
                        .healthyThreshold(hc.healthyThreshold()).unhealthyThreshold(hc.unhealthyThreshold()).build())
                .networkConfiguration(NetworkConfiguration.builder()
                        .egressConfiguration(s.vpcConnectorArn().isEmpty()
                                ? EgressConfiguration.builder().egressType("DEFAULT").build()
                                : EgressConfiguration.builder().egressType("VPC").vpcConnectorArn(s.vpcConnectorArn()).build())
                        .ingressConfiguration(IngressConfiguration.builder().isPubliclyAccessible(true).build())
                        .ipAddressType("IPV4").build())
                .observabilityConfiguration(s.observabilityArn().isEmpty()
                        ? ServiceObservabilityConfiguration.builder().observabilityEnabled(false).build()
                        : ServiceObservabilityConfiguration.builder().observabilityEnabled(true)
                                .observabilityConfigurationArn(s.observabilityArn()).build());
        ingress.ifPresent(i -> b.serviceUrl(i.url(s.urlHost())));
        scaling.ifPresent(a -> b.autoScalingConfigurationSummary(summary(a)));
        return b.build();
    }

    private static software.amazon.awssdk.services.apprunner.model.CodeRepository code(CodeSource c, ImageSource src) {
        var conf = software.amazon.awssdk.services.apprunner.model.CodeConfiguration.builder()
                .configurationSource(c.configurationSource());
        if (c.configurationSource().equals("API")) {
            var values = software.amazon.awssdk.services.apprunner.model.CodeConfigurationValues.builder()
                    .runtime(c.runtime()).startCommand(c.startCommand()).port(src.port());
            if (!c.buildCommand().isEmpty()) values.buildCommand(c.buildCommand());
            if (!src.environment().isEmpty()) values.runtimeEnvironmentVariables(src.environment());
            if (!src.secrets().isEmpty()) values.runtimeEnvironmentSecrets(src.secrets());
            conf.codeConfigurationValues(values.build());
        }
        return software.amazon.awssdk.services.apprunner.model.CodeRepository.builder().repositoryUrl(c.repositoryUrl())
                .sourceCodeVersion(v -> v.type("BRANCH").value(c.branch())).sourceDirectory(c.sourceDirectory())
                .codeConfiguration(conf.build()).build();
    }

    static ServiceSummary summary(AppService s, Optional<Ingress> ingress) {
        ServiceSummary.Builder b = ServiceSummary.builder().serviceName(s.name()).serviceId(s.id()).serviceArn(s.arn())
                .createdAt(s.createdAt()).updatedAt(s.updatedAt()).status(s.status());
        ingress.ifPresent(i -> b.serviceUrl(i.url(s.urlHost())));
        return b.build();
    }

    static AutoScalingConfigurationSummary summary(AutoScaling a) {
        return AutoScalingConfigurationSummary.builder().autoScalingConfigurationArn(a.arn())
                .autoScalingConfigurationName(a.name()).autoScalingConfigurationRevision(a.revision())
                .status(a.status()).createdAt(a.createdAt()).isDefault(a.isDefault()).build();
    }

    static OperationSummary toSdk(Operation o, String targetArn) {
        OperationSummary.Builder b = OperationSummary.builder().id(o.id()).type(o.type()).status(o.status())
                .targetArn(targetArn).startedAt(o.startedAt()).updatedAt(o.updatedAt());
        if (o.endedAt() != null) b.endedAt(o.endedAt());
        return b.build();
    }
}
