package berth.aws.query;

import berth.aws.AwsException;
import berth.aws.AwsService;
import berth.aws.HttpRequestData;
import berth.aws.HttpResponseData;
import berth.aws.ServiceErrorCodes;
import berth.aws.ServiceModel;
import berth.aws.model.ServiceDescription;
import berth.aws.wire.ErrorResponses;
import berth.aws.wire.PercentEncoding;
import berth.aws.wire.ResponseHeaders;
import berth.aws.wire.WireCodec;
import berth.aws.wire.XmlText;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The AWS Query protocol (STS, IAM, ELBv2): {@code Action} and {@code Version} with the input as
 * form parameters, in a {@code application/x-www-form-urlencoded} body or the query string; the output
 * as {@code <OpResponse><OpResult>…</OpResult><ResponseMetadata>…</ResponseMetadata></OpResponse>}.
 */
public final class QueryCodec implements WireCodec {
    private final ServiceModel model;
    private final ServiceErrorCodes codes;
    private final QueryLayout layout;
    private final QueryShapeReader reader;
    private final XmlShapeWriter writer;

    public QueryCodec(ServiceModel model, ServiceErrorCodes codes) {
        this(model, codes, ServiceDescription.empty());
    }

    /**
     * @param names a description of the service's Query wire names, for a service whose SDK model
     *     classes were generated for another protocol (see {@link AwsService#queryNames()}); members it
     *     does not name keep the SDK's names
     */
    public QueryCodec(ServiceModel model, ServiceErrorCodes codes, ServiceDescription names) {
        this.model = model;
        this.codes = codes;
        this.layout = new QueryLayout(names);
        this.reader = new QueryShapeReader(codes.serialization(), layout);
        this.writer = new XmlShapeWriter(layout);
    }

    @Override
    public IncomingCall locate(HttpRequestData request) {
        FormParams params = params(request);
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
                reader.readStructure(inputBuilder, params, "", "", layout.inputShape(action));
            }
        };
    }

    /** The message AWS gives for an Action its model does not have. */
    public static String unknownActionMessage(HttpRequestData request, String action) {
        String version;
        try {
            version = params(request).value("Version").orElse("");
        } catch (AwsException e) {
            version = "";
        }
        return "Could not find operation " + action + " for version " + (version.isEmpty() ? "NO_VERSION_SPECIFIED" : version);
    }

    static FormParams params(HttpRequestData request) {
        FormParams params = new FormParams();
        try {
            params.addAll(request.rawQuery());
            String contentType = request.header("content-type").toLowerCase(Locale.ROOT);
            if (request.body().length > 0 && (contentType.isEmpty()
                    || contentType.startsWith("application/x-www-form-urlencoded"))) {
                params.addAll(new String(request.body(), StandardCharsets.UTF_8));
            }
        } catch (PercentEncoding.MalformedEncodingException e) {
            throw new AwsException(404, "MalformedQueryString", e.getMessage());
        }
        return params;
    }

    @Override
    public HttpResponseData encode(String operation, SdkPojo output, String requestId) {
        StringBuilder xml = new StringBuilder(512);
        xml.append('<').append(operation).append("Response");
        if (!model.xmlNamespace().isEmpty()) {
            xml.append(" xmlns=\"").append(XmlText.escape(model.xmlNamespace())).append('"');
        }
        xml.append('>');
        String result = layout.resultWrapper(operation);
        if (!output.sdkFields().isEmpty()) {
            xml.append('<').append(result).append('>');
            writer.writeMembers(xml, output, layout.outputShape(operation));
            xml.append("</").append(result).append('>');
        } else {
            // an empty result element: parsers of services whose outputs have a result wrapper (ELB's
            // RegisterTargets) require it, and the others skip it
            xml.append('<').append(result).append("/>");
        }
        xml.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata></")
                .append(operation).append("Response>");
        return new HttpResponseData(200, ResponseHeaders.of(requestId, "text/xml"),
                xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public HttpResponseData error(AwsException error, String requestId) {
        return ErrorResponses.render(model.protocol(), model.xmlNamespace(), error, requestId);
    }
}
