package berth.aws;

import berth.aws.model.ServiceDescription;
import java.util.Map;
import java.util.Optional;

/** A service berth serves: its wire model and the operations it implements, by operation name. */
public interface AwsService {
    ServiceModel model();

    /** Implemented operations; an operation in the SDK model but not here answers "not implemented". */
    Map<String, OperationHandler<?, ?>> operations();

    /** Codes for requests that fail before a handler runs; the protocol's usual ones unless overridden. */
    default ServiceErrorCodes errorCodes() {
        return ServiceErrorCodes.defaultsFor(model().protocol());
    }

    /**
     * The AWS service description whose constraints (required members, length and value ranges) are
     * checked before a handler runs. The SDK v2 model classes carry enum types but not these
     * constraints; without a description only enum values (and any {@code RequiredTrait}) are checked.
     * See {@link ServiceDescription#bundled(String)}.
     */
    default Optional<ServiceDescription> description() {
        return Optional.empty();
    }

    /**
     * For a Query service whose SDK model classes were generated for another protocol (SQS's are
     * JSON, while older clients still speak Query to it): a service description of its Query days,
     * whose member, list and map names the Query wire uses instead of the SDK's.
     */
    default Optional<ServiceDescription> queryNames() {
        return Optional.empty();
    }
}
