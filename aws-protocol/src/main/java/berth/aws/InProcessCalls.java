package berth.aws;

import berth.aws.json.JsonShapeReader;
import berth.aws.json.JsonShapeWriter;
import berth.aws.model.ServiceDescription;
import berth.aws.validation.RequestValidator;
import berth.aws.wire.SdkModelClasses;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Calls one service's operations from inside berth as a signed request would reach them, for a
 * service that acts for a caller it already verified (EventBridge running an ECS task as a
 * target's role): the JSON request is decoded and validated like a wire request, non-root callers
 * are authorised, and the answer is the operation's JSON output or the {@link AwsException} it threw.
 */
public final class InProcessCalls {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsService service;
    private final SdkModelClasses classes;
    private final RequestValidator validator;
    private final JsonShapeReader reader;
    private final Supplier<Authorizer> authorizer;

    public InProcessCalls(AwsService service, Supplier<Authorizer> authorizer) {
        this.service = service;
        ClassLoader loader = service.getClass().getClassLoader();
        this.classes = new SdkModelClasses(service.model().modelPackage(), loader);
        this.validator = new RequestValidator(service.description().orElseGet(ServiceDescription::empty));
        this.reader = new JsonShapeReader(service.errorCodes().serialization());
        this.authorizer = authorizer;
    }

    /** @throws AwsException as the operation would answer it on the wire */
    public JsonNode call(Caller caller, String operation, JsonNode request) {
        @SuppressWarnings("unchecked")
        OperationHandler<SdkPojo, SdkPojo> handler = (OperationHandler<SdkPojo, SdkPojo>) service.operations().get(operation);
        SdkPojo builder = classes.newRequestBuilder(operation).orElse(null);
        if (handler == null || builder == null) {
            throw new IllegalArgumentException("no operation " + operation + " in " + service.model().name());
        }
        reader.readStructure(builder, request, "");
        SdkPojo input = SdkModelClasses.build(builder);
        validator.validate(operation, input);
        if (!caller.identity().root()) {
            authorizer.get().authorize(caller, service.model(), operation, input);
        }
        return JsonShapeWriter.writeStructure(handler.handle(input, new RequestContext(caller, RequestIds.next(), operation)));
    }

    public JsonNode call(Caller caller, String operation, String requestJson) {
        try {
            return call(caller, operation, JSON.readTree(requestJson));
        } catch (IOException e) {
            throw new AwsException(400, service.errorCodes().serialization(), "Unable to parse request body as JSON");
        }
    }
}
