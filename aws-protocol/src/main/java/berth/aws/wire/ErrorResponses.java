package berth.aws.wire;

import berth.aws.AwsException;
import berth.aws.HttpResponseData;
import berth.aws.Protocol;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * AWS error responses in each protocol's exact shape, which the SDKs parse into their modeled
 * exception classes: JSON {@code {"__type":…,"message":…}} plus {@code x-amzn-ErrorType}; Query
 * {@code <ErrorResponse>} XML; EC2 {@code <Response><Errors><Error>} XML; REST-JSON {@code x-amzn-ErrorType} plus {@code {"message":…}}.
 * Every response carries {@code x-amzn-RequestId}.
 */
public final class ErrorResponses {
    private ErrorResponses() {}

    public static HttpResponseData render(Protocol protocol, String xmlNamespace, AwsException error, String requestId) {
        return switch (protocol) {
            case AWS_JSON_1_0, AWS_JSON_1_1 -> json(protocol, error, requestId);
            case REST_JSON -> restJson(error, requestId);
            case QUERY -> query(xmlNamespace, error, requestId);
            case EC2 -> ec2(error, requestId);
            case RPC_V2_CBOR -> berth.aws.cbor.RpcV2CborCodec.render(error, requestId);
        };
    }

    /** EC2's error document: {@code <Response><Errors><Error>} with {@code RequestID}, no namespace. */
    private static HttpResponseData ec2(AwsException error, String requestId) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + XmlText.escape(error.code())
                + "</Code><Message>" + XmlText.escape(messageOf(error)) + "</Message></Error></Errors><RequestID>" + requestId
                + "</RequestID></Response>";
        return new HttpResponseData(error.status(), ResponseHeaders.of(requestId, "text/xml;charset=UTF-8"),
                xml.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponseData json(Protocol protocol, AwsException error, String requestId) {
        ObjectNode body = JsonMapper.MAPPER.createObjectNode();
        body.put("__type", error.code());
        body.put("message", messageOf(error));
        Map<String, String> headers = ResponseHeaders.of(requestId, JsonMapper.contentType(protocol));
        headers.put(ResponseHeaders.ERROR_TYPE, error.code());
        if (error.hasQueryCode()) {
            headers.put(ResponseHeaders.QUERY_ERROR, error.queryCode() + ";" + (error.senderFault() ? "Sender" : "Receiver"));
        }
        return new HttpResponseData(error.status(), headers, JsonMapper.bytes(body));
    }

    private static HttpResponseData restJson(AwsException error, String requestId) {
        ObjectNode body = JsonMapper.MAPPER.createObjectNode();
        body.put("message", messageOf(error));
        Map<String, String> headers = ResponseHeaders.of(requestId, "application/json");
        headers.put(ResponseHeaders.ERROR_TYPE, error.code());
        return new HttpResponseData(error.status(), headers, JsonMapper.bytes(body));
    }

    private static HttpResponseData query(String xmlNamespace, AwsException error, String requestId) {
        StringBuilder xml = new StringBuilder(256);
        xml.append("<ErrorResponse");
        if (!xmlNamespace.isEmpty()) {
            xml.append(" xmlns=\"").append(XmlText.escape(xmlNamespace)).append('"');
        }
        xml.append("><Error><Type>").append(error.senderFault() ? "Sender" : "Receiver").append("</Type><Code>")
                .append(XmlText.escape(error.queryCode())).append("</Code><Message>").append(XmlText.escape(messageOf(error)))
                .append("</Message></Error><RequestId>").append(requestId).append("</RequestId></ErrorResponse>");
        return new HttpResponseData(error.status(), ResponseHeaders.of(requestId, "text/xml"),
                xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String messageOf(AwsException error) {
        return error.getMessage() == null ? "" : error.getMessage();
    }
}
