package berth.aws.json;

import berth.aws.AwsException;
import berth.aws.HttpRequestData;
import berth.aws.HttpResponseData;
import berth.aws.ServiceErrorCodes;
import berth.aws.ServiceModel;
import berth.aws.wire.ErrorResponses;
import berth.aws.wire.JsonMapper;
import berth.aws.wire.ResponseHeaders;
import berth.aws.wire.WireCodec;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The AWS JSON 1.0 and 1.1 protocols: {@code POST /} with {@code X-Amz-Target: Prefix.Operation},
 * the input as a JSON object in the body, the output likewise.
 */
public final class AwsJsonCodec implements WireCodec {
    private final ServiceModel model;
    private final ServiceErrorCodes codes;
    private final JsonShapeReader reader;

    public AwsJsonCodec(ServiceModel model, ServiceErrorCodes codes) {
        this.model = model;
        this.codes = codes;
        this.reader = new JsonShapeReader(codes.serialization());
    }

    @Override
    public IncomingCall locate(HttpRequestData request) {
        String target = request.header("x-amz-target");
        int dot = target.lastIndexOf('.');
        if (target.isEmpty() || dot < 0 || !target.substring(0, dot).equals(model.targetPrefix())) {
            throw new AwsException(codes.unknownOperationStatus(), codes.unknownOperation(),
                    target.isEmpty() ? "Missing X-Amz-Target header" : "Unknown operation " + target);
        }
        String operation = target.substring(dot + 1);
        return new IncomingCall() {
            @Override
            public String operation() {
                return operation;
            }

            @Override
            public void decodeInto(SdkPojo inputBuilder) {
                reader.readStructure(inputBuilder, parse(request.body()), "");
            }
        };
    }

    private JsonNode parse(byte[] body) {
        try {
            return JsonMapper.read(body);
        } catch (IOException e) {
            throw new AwsException(400, codes.serialization(), "Unable to parse request body as JSON");
        }
    }

    @Override
    public HttpResponseData encode(String operation, SdkPojo output, String requestId) {
        return new HttpResponseData(200, ResponseHeaders.of(requestId, JsonMapper.contentType(model.protocol())),
                JsonMapper.bytes(JsonShapeWriter.writeStructure(output)));
    }

    @Override
    public HttpResponseData error(AwsException error, String requestId) {
        return ErrorResponses.render(model.protocol(), model.xmlNamespace(), error, requestId);
    }
}
