package berth.aws;

import berth.aws.query.QueryCodec;
import berth.aws.sigv4.SigV4Verifier;
import berth.aws.sigv4.SignatureErrors;
import berth.aws.sigv4.SignatureFailure;
import berth.aws.wire.ErrorResponses;
import berth.aws.wire.SdkModelClasses;
import berth.aws.wire.WireCodec;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The whole AWS wire in one call: verify the signature, find the service and operation, decode the
 * request into its SDK model class, run the handler, encode the response or the error in the
 * service's protocol. Never throws: every failure becomes an AWS-shaped error response.
 */
public final class AwsDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(AwsDispatcher.class);
    private static final String UNKNOWN = "unknown";

    private final ServiceDirectory directory;
    private final SigV4Verifier verifier;
    private final java.util.function.Supplier<Authorizer> authorizer;

    /** What happened to one request, for metrics and request logs. */
    public record Dispatched(String service, String operation, HttpResponseData response) {}

    /**
     * @param services the services served; their models and operations are read once, here
     * @throws IllegalArgumentException when two JSON services claim the same {@code X-Amz-Target} prefix
     */
    public AwsDispatcher(List<AwsService> services, CredentialSource credentials, Clock clock) {
        this(services, credentials, clock, () -> Authorizer.ALLOW_ALL);
    }

    /** @param authorizer asked, per call, for the authorizer of non-root callers (it may change at run time) */
    public AwsDispatcher(List<AwsService> services, CredentialSource credentials, Clock clock,
                         java.util.function.Supplier<Authorizer> authorizer) {
        this.directory = new ServiceDirectory(services.stream().map(ServedService::new).toList());
        this.verifier = new SigV4Verifier(credentials, clock);
        this.authorizer = authorizer;
    }

    public Dispatched dispatch(HttpRequestData request) {
        String requestId = RequestIds.next();
        ServiceDirectory.Destination destination;
        try {
            destination = directory.resolve(request);
        } catch (RuntimeException e) {
            LOG.error("cannot resolve the service of request {}", requestId, e);
            destination = ServiceDirectory.Destination.none(Protocol.AWS_JSON_1_1, "unresolvable request");
        }
        String service = destination.service().map(s -> s.model.name()).orElse(UNKNOWN);
        Progress progress = new Progress();
        try {
            HttpResponseData response = run(request, destination, requestId, progress);
            return new Dispatched(service, progress.operation, response);
        } catch (AwsException e) {
            return new Dispatched(service, progress.operation, render(destination, e, requestId));
        } catch (Exception | StackOverflowError | LinkageError | AssertionError e) {
            LOG.error("{}:{} failed unexpectedly, request {}", service, progress.operation, requestId, e);
            AwsException internal = new AwsException(500, "InternalFailure",
                    "The request processing has failed because of an unknown error, exception or failure.", false);
            return new Dispatched(service, progress.operation, render(destination, internal, requestId));
        }
    }

    /**
     * Answers a request that the HTTP layer refused before dispatch (a body over the size limit, say)
     * with {@code error}, in the protocol of the service the request was aimed at.
     */
    public HttpResponseData reject(HttpRequestData request, AwsException error) {
        String requestId = RequestIds.next();
        ServiceDirectory.Destination destination;
        try {
            destination = directory.resolve(request);
        } catch (RuntimeException e) {
            destination = ServiceDirectory.Destination.none(Protocol.AWS_JSON_1_1, "unresolvable request");
        }
        return render(destination, error, requestId);
    }

    /** The operation reached so far, for the {@link Dispatched} record of a failed request. */
    private static final class Progress {
        String operation = UNKNOWN;
    }

    private HttpResponseData run(HttpRequestData request, ServiceDirectory.Destination destination, String requestId,
                                 Progress progress) {
        Caller caller = switch (verifier.verify(request)) {
            case SigV4Verifier.Verified verified -> verified.caller();
            case SigV4Verifier.Rejected rejected ->
                    throw SignatureErrors.toAwsException(rejected.failure(), rejected.message(), destination.errorProtocol());
        };
        ServedService served = destination.service().orElseThrow(() -> unknownService(destination));
        ServiceModel model = served.model;
        if (!caller.service().equals(model.signingName())) {
            throw SignatureErrors.toAwsException(SignatureFailure.SIGNATURE_MISMATCH,
                    "Credential should be scoped to correct service: '" + model.signingName() + "'. ", model.protocol());
        }
        WireCodec.IncomingCall call = served.codec.locate(
                berth.aws.wire.ContentEncoding.decoded(request, served.codes.serialization()));
        String operation = call.operation();
        if (!served.classes.hasOperation(operation)) {
            throw unknownOperation(served, request, operation);
        }
        progress.operation = operation;
        SdkPojo builder = served.classes.newRequestBuilder(operation).orElseThrow();
        call.decodeInto(builder);
        SdkPojo input = SdkModelClasses.build(builder);
        served.validator.validate(operation, input);
        // malformed input is the caller's fault whether or not berth implements the operation
        if (!caller.identity().root()) {
            authorizer.get().authorize(caller, model, operation, input);
        }
        OperationHandler<?, ?> handler = served.handlers.get(operation);
        if (handler == null) {
            throw new AwsException(501, "NotImplemented",
                    "berth does not implement " + model.signingName() + ":" + operation + " yet", false);
        }
        @SuppressWarnings("unchecked")
        OperationHandler<SdkPojo, SdkPojo> typed = (OperationHandler<SdkPojo, SdkPojo>) handler;
        SdkPojo output = typed.handle(input, new RequestContext(caller, requestId, operation));
        if (output == null) {
            throw new IllegalStateException("handler of " + operation + " returned no output");
        }
        return served.codec.encode(operation, output, requestId);
    }

    private static AwsException unknownService(ServiceDirectory.Destination destination) {
        String code = ServiceDirectory.isQuery(destination.errorProtocol()) ? "InvalidAction" : "UnknownOperationException";
        return new AwsException(400, code, destination.unresolvedReason());
    }

    private static AwsException unknownOperation(ServedService served, HttpRequestData request, String operation) {
        String message = ServiceDirectory.isQuery(served.model.protocol()) ? QueryCodec.unknownActionMessage(request, operation)
                : "Unknown operation " + operation;
        return new AwsException(served.codes.unknownOperationStatus(), served.codes.unknownOperation(), message);
    }

    private static HttpResponseData render(ServiceDirectory.Destination destination, AwsException error, String requestId) {
        if (destination.service().isEmpty()) {
            return ErrorResponses.render(destination.errorProtocol(), destination.xmlNamespace(), error, requestId);
        }
        ServedService served = destination.service().get();
        AwsException shaped = error instanceof AwsValidationException && error.code().equals(AwsValidationException.PLACEHOLDER_CODE)
                ? new AwsException(error.status(), served.codes.validation(), error.getMessage(), true) : error;
        return served.codec.error(shaped, requestId);
    }
}
