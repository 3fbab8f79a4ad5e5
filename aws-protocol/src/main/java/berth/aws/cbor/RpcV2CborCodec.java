package berth.aws.cbor;

import berth.aws.AwsException;
import berth.aws.HttpRequestData;
import berth.aws.HttpResponseData;
import berth.aws.ServiceErrorCodes;
import berth.aws.ServiceModel;
import berth.aws.json.JsonShapeReader;
import berth.aws.wire.ResponseHeaders;
import berth.aws.wire.WireCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The Smithy RPC v2 CBOR protocol: {@code POST /service/{ServiceName}/operation/{Operation}} with
 * {@code smithy-protocol: rpc-v2-cbor}, the input as a CBOR map, the output likewise. The service
 * name is the model's target prefix (the Smithy service shape's name). Errors carry
 * {@code __type} and {@code message}, and, for services compatible with the Query protocol,
 * {@code x-amzn-query-error: Code;Sender} so clients see the Query error code.
 */
public final class RpcV2CborCodec implements WireCodec {
    public static final String CONTENT_TYPE = "application/cbor";
    private static final String PROTOCOL_HEADER = "smithy-protocol";
    private static final String PROTOCOL = "rpc-v2-cbor";

    private final ServiceModel model;
    private final ServiceErrorCodes codes;
    private final JsonShapeReader reader;
    private final String pathPrefix;

    public RpcV2CborCodec(ServiceModel model, ServiceErrorCodes codes) {
        this.model = model;
        this.codes = codes;
        this.reader = new JsonShapeReader(codes.serialization());
        this.pathPrefix = "/service/" + model.targetPrefix() + "/operation/";
    }

    /** Whether a request is addressed to this service in this protocol. */
    public boolean routes(HttpRequestData request) {
        return request.path().startsWith(pathPrefix);
    }

    @Override
    public IncomingCall locate(HttpRequestData request) {
        if (!routes(request) || !request.method().equals("POST")) {
            throw new AwsException(codes.unknownOperationStatus(), codes.unknownOperation(),
                    "Unknown operation " + request.path());
        }
        String operation = request.path().substring(pathPrefix.length());
        return new IncomingCall() {
            @Override
            public String operation() {
                return operation;
            }

            @Override
            public void decodeInto(SdkPojo inputBuilder) {
                byte[] body = request.body();
                JsonNode input;
                try {
                    input = body.length == 0 ? JsonNodeFactory.instance.objectNode() : Cbor.read(body);
                } catch (Cbor.MalformedCbor e) {
                    throw new AwsException(400, codes.serialization(), "Unable to parse request body as CBOR: "
                            + e.getMessage());
                }
                reader.readStructure(inputBuilder, input, "");
            }
        };
    }

    @Override
    public HttpResponseData encode(String operation, SdkPojo output, String requestId) {
        return new HttpResponseData(200, headers(requestId), CborShapeWriter.write(output));
    }

    @Override
    public HttpResponseData error(AwsException error, String requestId) {
        return render(error, requestId);
    }

    /** An error in this protocol's shape. */
    public static HttpResponseData render(AwsException error, String requestId) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        byte[] body = new Cbor.Writer().mapHeader(2).text("__type").text(error.code()).text("message").text(message)
                .toByteArray();
        Map<String, String> headers = headers(requestId);
        headers.put("x-amzn-query-error", error.code() + ";" + (error.senderFault() ? "Sender" : "Receiver"));
        return new HttpResponseData(error.status(), headers, body);
    }

    private static Map<String, String> headers(String requestId) {
        Map<String, String> headers = ResponseHeaders.of(requestId, CONTENT_TYPE);
        headers.put(PROTOCOL_HEADER, PROTOCOL);
        return headers;
    }
}
