package berth.apprunner.api;

import berth.apprunner.state.AppRunnerRecords;
import berth.aws.DescribedService;
import berth.aws.OperationHandler;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import java.time.Clock;
import software.amazon.awssdk.services.apprunner.model.CreateAutoScalingConfigurationRequest;
import software.amazon.awssdk.services.apprunner.model.CreateServiceRequest;
import software.amazon.awssdk.services.apprunner.model.DeleteAutoScalingConfigurationRequest;
import software.amazon.awssdk.services.apprunner.model.DeleteServiceRequest;
import software.amazon.awssdk.services.apprunner.model.DescribeAutoScalingConfigurationRequest;
import software.amazon.awssdk.services.apprunner.model.DescribeServiceRequest;
import software.amazon.awssdk.services.apprunner.model.ListAutoScalingConfigurationsRequest;
import software.amazon.awssdk.services.apprunner.model.ListOperationsRequest;
import software.amazon.awssdk.services.apprunner.model.ListServicesForAutoScalingConfigurationRequest;
import software.amazon.awssdk.services.apprunner.model.ListServicesRequest;
import software.amazon.awssdk.services.apprunner.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.apprunner.model.PauseServiceRequest;
import software.amazon.awssdk.services.apprunner.model.ResumeServiceRequest;
import software.amazon.awssdk.services.apprunner.model.StartDeploymentRequest;
import software.amazon.awssdk.services.apprunner.model.TagResourceRequest;
import software.amazon.awssdk.services.apprunner.model.UntagResourceRequest;
import software.amazon.awssdk.services.apprunner.model.UpdateDefaultAutoScalingConfigurationRequest;
import software.amazon.awssdk.services.apprunner.model.UpdateServiceRequest;

/** App Runner on AWS JSON 1.0, target prefix {@code AppRunner}. */
public final class AppRunnerService extends DescribedService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("apprunner");
    private static final ServiceModel MODEL = DESCRIPTION.toServiceModel("apprunner",
            "software.amazon.awssdk.services.apprunner.model");

    public AppRunnerService(AppRunnerRecords records, Clock clock, java.util.function.ToIntFunction<berth.aws.Scope> ports, Runnable changed) {
        super(MODEL, DESCRIPTION, berth.aws.ServiceErrorCodes.defaultsFor(berth.aws.Protocol.AWS_JSON_1_0)
                .withValidation(AppRunnerErrors.INVALID_REQUEST.code()));
        AutoScalingApi scaling = new AutoScalingApi(records, clock);
        SettingsApi settings = new SettingsApi(records, clock);
        ServiceApi services = new ServiceApi(records, clock, ports, scaling, settings, changed);
        ServiceLifecycleApi lifecycle = new ServiceLifecycleApi(records, clock, changed);
        ConnectionsApi connections = new ConnectionsApi(records, clock);
        add("CreateService", (OperationHandler<CreateServiceRequest, ?>) services::create);
        add("DescribeService", (OperationHandler<DescribeServiceRequest, ?>) services::describe);
        add("ListServices", (OperationHandler<ListServicesRequest, ?>) services::list);
        add("UpdateService", (OperationHandler<UpdateServiceRequest, ?>) services::update);
        add("DeleteService", (OperationHandler<DeleteServiceRequest, ?>) services::delete);
        add("PauseService", (OperationHandler<PauseServiceRequest, ?>) lifecycle::pause);
        add("ResumeService", (OperationHandler<ResumeServiceRequest, ?>) lifecycle::resume);
        add("StartDeployment", (OperationHandler<StartDeploymentRequest, ?>) lifecycle::startDeployment);
        add("ListOperations", (OperationHandler<ListOperationsRequest, ?>) lifecycle::listOperations);
        add("TagResource", (OperationHandler<TagResourceRequest, ?>) lifecycle::tag);
        add("UntagResource", (OperationHandler<UntagResourceRequest, ?>) lifecycle::untag);
        add("ListTagsForResource", (OperationHandler<ListTagsForResourceRequest, ?>) lifecycle::listTags);
        add("CreateConnection", (OperationHandler<software.amazon.awssdk.services.apprunner.model.CreateConnectionRequest, ?>) connections::create);
        add("ListConnections", (OperationHandler<software.amazon.awssdk.services.apprunner.model.ListConnectionsRequest, ?>) connections::list);
        add("DeleteConnection", (OperationHandler<software.amazon.awssdk.services.apprunner.model.DeleteConnectionRequest, ?>) connections::delete);
        add("CreateVpcIngressConnection", (OperationHandler<software.amazon.awssdk.services.apprunner.model.CreateVpcIngressConnectionRequest, ?>) connections::createIngress);
        add("DescribeVpcIngressConnection", (OperationHandler<software.amazon.awssdk.services.apprunner.model.DescribeVpcIngressConnectionRequest, ?>) connections::describeIngress);
        add("UpdateVpcIngressConnection", (OperationHandler<software.amazon.awssdk.services.apprunner.model.UpdateVpcIngressConnectionRequest, ?>) connections::updateIngress);
        add("DeleteVpcIngressConnection", (OperationHandler<software.amazon.awssdk.services.apprunner.model.DeleteVpcIngressConnectionRequest, ?>) connections::deleteIngress);
        add("ListVpcIngressConnections", (OperationHandler<software.amazon.awssdk.services.apprunner.model.ListVpcIngressConnectionsRequest, ?>) connections::listIngress);
        add("CreateObservabilityConfiguration", (OperationHandler<software.amazon.awssdk.services.apprunner.model.CreateObservabilityConfigurationRequest, ?>) settings::createObservability);
        add("DescribeObservabilityConfiguration", (OperationHandler<software.amazon.awssdk.services.apprunner.model.DescribeObservabilityConfigurationRequest, ?>) settings::describeObservability);
        add("ListObservabilityConfigurations", (OperationHandler<software.amazon.awssdk.services.apprunner.model.ListObservabilityConfigurationsRequest, ?>) settings::listObservability);
        add("DeleteObservabilityConfiguration", (OperationHandler<software.amazon.awssdk.services.apprunner.model.DeleteObservabilityConfigurationRequest, ?>) settings::deleteObservability);
        add("CreateVpcConnector", (OperationHandler<software.amazon.awssdk.services.apprunner.model.CreateVpcConnectorRequest, ?>) settings::createVpcConnector);
        add("DescribeVpcConnector", (OperationHandler<software.amazon.awssdk.services.apprunner.model.DescribeVpcConnectorRequest, ?>) settings::describeVpcConnector);
        add("ListVpcConnectors", (OperationHandler<software.amazon.awssdk.services.apprunner.model.ListVpcConnectorsRequest, ?>) settings::listVpcConnectors);
        add("DeleteVpcConnector", (OperationHandler<software.amazon.awssdk.services.apprunner.model.DeleteVpcConnectorRequest, ?>) settings::deleteVpcConnector);
        CustomDomainApi domains = new CustomDomainApi(records, changed);
        add("AssociateCustomDomain",
                (OperationHandler<software.amazon.awssdk.services.apprunner.model.AssociateCustomDomainRequest, ?>) domains::associate);
        add("DescribeCustomDomains",
                (OperationHandler<software.amazon.awssdk.services.apprunner.model.DescribeCustomDomainsRequest, ?>) domains::describe);
        add("DisassociateCustomDomain",
                (OperationHandler<software.amazon.awssdk.services.apprunner.model.DisassociateCustomDomainRequest, ?>)
                        domains::disassociate);
        add("CreateAutoScalingConfiguration", (OperationHandler<CreateAutoScalingConfigurationRequest, ?>) scaling::create);
        add("DescribeAutoScalingConfiguration",
                (OperationHandler<DescribeAutoScalingConfigurationRequest, ?>) scaling::describe);
        add("ListAutoScalingConfigurations", (OperationHandler<ListAutoScalingConfigurationsRequest, ?>) scaling::list);
        add("DeleteAutoScalingConfiguration", (OperationHandler<DeleteAutoScalingConfigurationRequest, ?>) scaling::delete);
        add("UpdateDefaultAutoScalingConfiguration",
                (OperationHandler<UpdateDefaultAutoScalingConfigurationRequest, ?>) scaling::makeDefault);
        add("ListServicesForAutoScalingConfiguration",
                (OperationHandler<ListServicesForAutoScalingConfigurationRequest, ?>) (r, ctx) ->
                        services.listForScaling(r, ctx));
    }
}
