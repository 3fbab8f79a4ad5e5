package berth.aws;

import java.util.Map;

/** A service berth serves: its wire model and the operations it implements, by operation name. */
public interface AwsService {
    ServiceModel model();

    /** Implemented operations; an operation in the SDK model but not here answers "not implemented". */
    Map<String, OperationHandler<?, ?>> operations();
}
