package berth.aws.query;

import berth.aws.AwsException;
import berth.aws.HttpRequestData;
import berth.aws.HttpResponseData;
import berth.aws.ServiceErrorCodes;
import berth.aws.ServiceModel;
import berth.aws.wire.ErrorResponses;
import berth.aws.wire.ResponseHeaders;
import berth.aws.wire.WireCodec;
import berth.aws.wire.XmlText;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.SdkPojo;

/**
 * EC2's dialect of the Query protocol: {@code Action} and {@code Version} with form parameters as in
 * Query, but every list as {@code Name.N} (the SDK model's location names are already EC2's query
 * names); the output's members directly under {@code <OpResponse>} after its {@code <requestId>}, with
 * no result wrapper and no response metadata; errors as {@code <Response><Errors><Error>}.
 */
public final class Ec2Codec implements WireCodec {
    private final ServiceModel model;
    private final QueryShapeReader reader;
    private final XmlShapeWriter writer = new XmlShapeWriter(QueryLayout.EC2);

    public Ec2Codec(ServiceModel model, ServiceErrorCodes codes) {
        this.model = model;
        this.reader = new QueryShapeReader(codes.serialization(), QueryLayout.EC2);
    }

    @Override
    public IncomingCall locate(HttpRequestData request) {
        FormParams params = QueryCodec.params(request);
        String action = params.value("Action").orElse("");
        if (action.isEmpty()) {
            throw new AwsException(400, "MissingAction", "The request must contain the parameter Action");
        }
        return new IncomingCall() {
            @Override
            public String operation() {
                return action;
            }

            @Override
            public void decodeInto(SdkPojo inputBuilder) {
                reader.readStructure(inputBuilder, params, "", "", "");
            }
        };
    }

    @Override
    public HttpResponseData encode(String operation, SdkPojo output, String requestId) {
        StringBuilder xml = new StringBuilder(512);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(operation).append("Response");
        if (!model.xmlNamespace().isEmpty()) {
            String namespace = model.xmlNamespace().endsWith("/") ? model.xmlNamespace() : model.xmlNamespace() + "/";
            xml.append(" xmlns=\"").append(XmlText.escape(namespace)).append('"');
        }
        xml.append("><requestId>").append(requestId).append("</requestId>");
        writer.writeMembers(xml, output, "");
        xml.append("</").append(operation).append("Response>");
        return new HttpResponseData(200, ResponseHeaders.of(requestId, "text/xml;charset=UTF-8"),
                xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public HttpResponseData error(AwsException error, String requestId) {
        return ErrorResponses.render(model.protocol(), model.xmlNamespace(), error, requestId);
    }
}
