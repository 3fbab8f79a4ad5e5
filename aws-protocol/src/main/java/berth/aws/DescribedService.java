package berth.aws;

import berth.aws.model.ServiceDescription;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link AwsService} checked against a bundled AWS service description: a subclass passes its
 * model, description and error codes (usually static, since parsing a description is not free) and
 * fills its operation table with {@link #add} in its constructor.
 */
public abstract class DescribedService implements AwsService {
    private final ServiceModel model;
    private final ServiceDescription description;
    private final ServiceErrorCodes errorCodes;
    private final Map<String, OperationHandler<?, ?>> operations = new LinkedHashMap<>();

    /** A service whose early failures carry its protocol's usual codes. */
    protected DescribedService(ServiceModel model, ServiceDescription description) {
        this(model, description, ServiceErrorCodes.defaultsFor(model.protocol()));
    }

    protected DescribedService(ServiceModel model, ServiceDescription description, ServiceErrorCodes errorCodes) {
        this.model = model;
        this.description = description;
        this.errorCodes = errorCodes;
    }

    /** Serves {@code operation} with {@code handler}; called from the subclass's constructor. */
    protected final void add(String operation, OperationHandler<?, ?> handler) {
        operations.put(operation, handler);
    }

    @Override
    public final ServiceModel model() {
        return model;
    }

    @Override
    public final ServiceErrorCodes errorCodes() {
        return errorCodes;
    }

    @Override
    public final Optional<ServiceDescription> description() {
        return Optional.of(description);
    }

    @Override
    public final Map<String, OperationHandler<?, ?>> operations() {
        return Collections.unmodifiableMap(operations);
    }
}
