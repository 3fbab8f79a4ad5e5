package berth.registry.api;

import berth.registry.auth.RegistryTokens;

import berth.aws.DescribedService;
import berth.aws.OperationHandler;
import berth.aws.Protocol;
import berth.aws.ServiceErrorCodes;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import berth.registry.auth.HmacRegistryTokens;
import berth.registry.content.Images;
import berth.registry.content.Layers;
import berth.registry.content.LifecycleRunner;
import berth.registry.content.RepositoryAccess;
import berth.registry.state.RegistryRecords;
import berth.registry.state.RegistrySettings;
import software.amazon.awssdk.services.ecr.model.*;

import java.time.Clock;
import java.util.function.Supplier;

/** ECR on AWS JSON 1.1, target prefix {@code AmazonEC2ContainerRegistry_V20150921}, signing name {@code ecr}. */
public final class EcrService extends DescribedService {
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("ecr");
    private static final ServiceModel MODEL = DESCRIPTION.toServiceModel("ecr", "software.amazon.awssdk.services.ecr.model");

    /**
     * @param endpoint the endpoint's URL, e.g. {@code http://127.0.0.1:4566} (known once it listens)
     */
    public EcrService(RegistryRecords records, RegistrySettings settings, Images images, Layers layers, LifecycleRunner lifecycle,
                      HmacRegistryTokens tokens, Clock clock, Supplier<String> endpoint) {
        super(MODEL, DESCRIPTION, ServiceErrorCodes.defaultsFor(Protocol.AWS_JSON_1_1).withValidation(EcrErrors.INVALID_PARAMETER.code()));
        Supplier<String> host = () -> java.net.URI.create(endpoint.get()).getAuthority();
        Targets targets = new Targets(records, new RepositoryAccess(records));
        RegistryScanningApi scanning = new RegistryScanningApi(records, settings);
        RepositoryApi repositories = new RepositoryApi(records, settings, scanning, targets, clock, host);
        RepositorySettingsApi repositorySettings = new RepositorySettingsApi(records, targets);
        ImageApi imageApi = new ImageApi(records, images, targets);
        ImageBatchApi batch = new ImageBatchApi(records, images, imageApi);
        LayerApi layerApi = new LayerApi(layers, imageApi, tokens, endpoint);
        LifecycleApi lifecycleApi = new LifecycleApi(records, targets, lifecycle, clock);
        AuthApi auth = new AuthApi(tokens);
        RegistryPolicyApi registryPolicy = new RegistryPolicyApi(settings);
        ReplicationApi replication = new ReplicationApi(settings, targets, imageApi);

        add("CreateRepository", (OperationHandler<CreateRepositoryRequest, ?>) repositories::create);
        add("DescribeRepositories", (OperationHandler<DescribeRepositoriesRequest, ?>) repositories::describe);
        add("DeleteRepository", (OperationHandler<DeleteRepositoryRequest, ?>) repositories::delete);
        add("PutImageTagMutability", (OperationHandler<PutImageTagMutabilityRequest, ?>) repositorySettings::putTagMutability);
        add("PutImageScanningConfiguration", (OperationHandler<PutImageScanningConfigurationRequest, ?>) repositorySettings::putScanning);
        add("SetRepositoryPolicy", (OperationHandler<SetRepositoryPolicyRequest, ?>) repositorySettings::setPolicy);
        add("GetRepositoryPolicy", (OperationHandler<GetRepositoryPolicyRequest, ?>) repositorySettings::getPolicy);
        add("DeleteRepositoryPolicy", (OperationHandler<DeleteRepositoryPolicyRequest, ?>) repositorySettings::deletePolicy);
        add("TagResource", (OperationHandler<TagResourceRequest, ?>) repositorySettings::tag);
        add("UntagResource", (OperationHandler<UntagResourceRequest, ?>) repositorySettings::untag);
        add("ListTagsForResource", (OperationHandler<ListTagsForResourceRequest, ?>) repositorySettings::listTags);
        add("ListImages", (OperationHandler<ListImagesRequest, ?>) imageApi::list);
        add("DescribeImages", (OperationHandler<DescribeImagesRequest, ?>) imageApi::describe);
        add("PutImage", (OperationHandler<PutImageRequest, ?>) imageApi::put);
        add("BatchGetImage", (OperationHandler<BatchGetImageRequest, ?>) batch::get);
        add("BatchDeleteImage", (OperationHandler<BatchDeleteImageRequest, ?>) batch::delete);
        add("BatchCheckLayerAvailability", (OperationHandler<BatchCheckLayerAvailabilityRequest, ?>) layerApi::check);
        add("InitiateLayerUpload", (OperationHandler<InitiateLayerUploadRequest, ?>) layerApi::initiate);
        add("UploadLayerPart", (OperationHandler<UploadLayerPartRequest, ?>) layerApi::uploadPart);
        add("CompleteLayerUpload", (OperationHandler<CompleteLayerUploadRequest, ?>) layerApi::complete);
        add("GetDownloadUrlForLayer", (OperationHandler<GetDownloadUrlForLayerRequest, ?>) layerApi::downloadUrl);
        add("PutLifecyclePolicy", (OperationHandler<PutLifecyclePolicyRequest, ?>) lifecycleApi::put);
        add("GetLifecyclePolicy", (OperationHandler<GetLifecyclePolicyRequest, ?>) lifecycleApi::get);
        add("DeleteLifecyclePolicy", (OperationHandler<DeleteLifecyclePolicyRequest, ?>) lifecycleApi::delete);
        add("StartLifecyclePolicyPreview", (OperationHandler<StartLifecyclePolicyPreviewRequest, ?>) lifecycleApi::startPreview);
        add("GetLifecyclePolicyPreview", (OperationHandler<GetLifecyclePolicyPreviewRequest, ?>) lifecycleApi::getPreview);
        add("GetAuthorizationToken", (OperationHandler<GetAuthorizationTokenRequest, ?>) auth::token);
        add("PutRegistryPolicy", (OperationHandler<PutRegistryPolicyRequest, ?>) registryPolicy::put);
        add("GetRegistryPolicy", (OperationHandler<GetRegistryPolicyRequest, ?>) registryPolicy::get);
        add("DeleteRegistryPolicy", (OperationHandler<DeleteRegistryPolicyRequest, ?>) registryPolicy::delete);
        add("PutRegistryScanningConfiguration", (OperationHandler<PutRegistryScanningConfigurationRequest, ?>) scanning::put);
        add("GetRegistryScanningConfiguration", (OperationHandler<GetRegistryScanningConfigurationRequest, ?>) scanning::get);
        add("BatchGetRepositoryScanningConfiguration",
                (OperationHandler<BatchGetRepositoryScanningConfigurationRequest, ?>) scanning::batchGet);
        add("DescribeRegistry", (OperationHandler<DescribeRegistryRequest, ?>) replication::describeRegistry);
        add("PutReplicationConfiguration", (OperationHandler<PutReplicationConfigurationRequest, ?>) replication::put);
        add("DescribeImageReplicationStatus", (OperationHandler<DescribeImageReplicationStatusRequest, ?>) replication::status);
    }
}
