package berth.sqs.api;

import berth.aws.DescribedService;
import berth.aws.OperationHandler;
import berth.aws.Protocol;
import berth.aws.ServiceErrorCodes;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQS on its two wires: AWS JSON 1.0 (target prefix {@code AmazonSQS}), as current SDKs and the AWS
 * CLI v1 speak it, and Query, as older clients (AWS CLI 2.9, boto3 before 1.31) do, with the member
 * names of SQS's Query days. Both serve one table of handlers; requests are told apart by
 * {@code X-Amz-Target} and by a form-encoded {@code Action}.
 */
public final class SqsServices {
    private static final String MODEL_PACKAGE = "software.amazon.awssdk.services.sqs.model";
    private static final ServiceDescription DESCRIPTION = ServiceDescription.bundled("sqs");
    private static final ServiceDescription QUERY_NAMES = ServiceDescription.bundled("sqs-query");
    private static final ServiceModel JSON_MODEL = DESCRIPTION.toServiceModel("sqs", MODEL_PACKAGE);
    private static final ServiceModel QUERY_MODEL = new ServiceModel("sqs", DESCRIPTION.signingName(), Protocol.QUERY, "",
            QUERY_NAMES.xmlNamespace(), MODEL_PACKAGE, List.of());

    private SqsServices() {}

    /** SQS on AWS JSON 1.0. */
    public static DescribedService json(Map<String, OperationHandler<?, ?>> operations) {
        return new Served(JSON_MODEL, ServiceErrorCodes.defaultsFor(Protocol.AWS_JSON_1_0)
                .withValidation(SqsErrors.INVALID_PARAMETER_VALUE.code()), operations, Optional.empty());
    }

    /** SQS on Query. */
    public static DescribedService query(Map<String, OperationHandler<?, ?>> operations) {
        return new Served(QUERY_MODEL, ServiceErrorCodes.defaultsFor(Protocol.QUERY)
                .withValidation(SqsErrors.INVALID_PARAMETER_VALUE.code()), operations, Optional.of(QUERY_NAMES));
    }

    private static final class Served extends DescribedService {
        private final Optional<ServiceDescription> queryNames;

        Served(ServiceModel model, ServiceErrorCodes codes, Map<String, OperationHandler<?, ?>> operations,
               Optional<ServiceDescription> queryNames) {
            super(model, DESCRIPTION, codes);
            this.queryNames = queryNames;
            operations.forEach(this::add);
        }

        @Override
        public Optional<ServiceDescription> queryNames() {
            return queryNames;
        }
    }
}
