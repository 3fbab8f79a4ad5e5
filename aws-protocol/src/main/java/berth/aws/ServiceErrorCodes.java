package berth.aws;

/**
 * The error codes a service answers with when a request fails before its handler runs. They differ
 * between services of the same protocol (ECS says {@code InvalidParameterException} where most JSON
 * services say {@code ValidationException}), so each {@link AwsService} may choose its own.
 *
 * @param validation code for a request that breaks a constraint (missing required member, value
 *     outside an enum or range, bad pagination token); always status 400, Sender fault
 * @param serialization code for a body that cannot be read as the operation's input (malformed
 *     JSON, wrong JSON type, unparseable number); status 400
 * @param unknownOperation code for an operation the SDK model does not know
 * @param unknownOperationStatus HTTP status that goes with {@code unknownOperation}
 */
public record ServiceErrorCodes(String validation, String serialization, String unknownOperation, int unknownOperationStatus) {

    /** The codes most services of a protocol use. */
    public static ServiceErrorCodes defaultsFor(Protocol protocol) {
        return switch (protocol) {
            case AWS_JSON_1_0, AWS_JSON_1_1, RPC_V2_CBOR ->
                    new ServiceErrorCodes("ValidationException", "SerializationException", "UnknownOperationException", 400);
            case QUERY -> new ServiceErrorCodes("ValidationError", "ValidationError", "InvalidAction", 400);
            case EC2 -> new ServiceErrorCodes("InvalidParameterValue", "InvalidParameterValue", "InvalidAction", 400);
            case REST_JSON ->
                    new ServiceErrorCodes("ValidationException", "SerializationException", "UnknownOperationException", 404);
        };
    }

    public ServiceErrorCodes withValidation(String code) {
        return new ServiceErrorCodes(code, serialization, unknownOperation, unknownOperationStatus);
    }

    public ServiceErrorCodes withSerialization(String code) {
        return new ServiceErrorCodes(validation, code, unknownOperation, unknownOperationStatus);
    }

    public ServiceErrorCodes withUnknownOperation(String code, int status) {
        return new ServiceErrorCodes(validation, serialization, code, status);
    }
}
