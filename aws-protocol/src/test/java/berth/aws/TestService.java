package berth.aws;

import berth.aws.model.ServiceDescription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkPojo;

/** A service assembled in a test: a bundled description, a model package, handlers, and error codes. */
final class TestService implements AwsService {
    private final ServiceModel model;
    private final ServiceDescription description;
    private ServiceErrorCodes codes;
    private final Map<String, OperationHandler<?, ?>> operations = new LinkedHashMap<>();

    TestService(String descriptionId, String name, String modelPackage) {
        this.description = ServiceDescription.bundled(descriptionId);
        this.model = description.toServiceModel(name, modelPackage);
        this.codes = ServiceErrorCodes.defaultsFor(model.protocol());
    }

    <I extends SdkPojo, O extends SdkPojo> TestService on(String operation, OperationHandler<I, O> handler) {
        operations.put(operation, handler);
        return this;
    }

    TestService withErrorCodes(ServiceErrorCodes override) {
        this.codes = override;
        return this;
    }

    @Override
    public ServiceModel model() {
        return model;
    }

    @Override
    public Map<String, OperationHandler<?, ?>> operations() {
        return operations;
    }

    @Override
    public ServiceErrorCodes errorCodes() {
        return codes;
    }

    @Override
    public Optional<ServiceDescription> description() {
        return Optional.of(description);
    }
}
