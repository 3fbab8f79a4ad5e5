package berth.s3.api;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** S3's responses: XML documents, empty answers with headers, and error documents. */
final class S3Responses {
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final MediaType XML = MediaType.parse("application/xml");

    private S3Responses() {}

    static ResponseHeadersBuilder headers(int status, S3Call call) {
        return headers(status, call.requestId());
    }

    static ResponseHeadersBuilder headers(int status, String requestId) {
        return ResponseHeaders.builder(HttpStatus.valueOf(status)).add("x-amz-request-id", requestId)
                .add("x-amz-id-2", requestId).add("Server", "AmazonS3").add("Date", HTTP_DATE.format(Instant.now()));
    }

    static HttpResponse xml(S3Call call, byte[] body) {
        return HttpResponse.of(headers(200, call).contentType(XML).contentLength(body.length).build(), HttpData.wrap(body));
    }

    static HttpResponse empty(S3Call call, int status, Map<String, String> extra) {
        ResponseHeadersBuilder headers = headers(status, call);
        extra.forEach(headers::add);
        if (status != 204 && status != 304) headers.contentLength(0);
        return HttpResponse.of(headers.build());
    }

    static HttpResponse ok(S3Call call) {
        return empty(call, 200, Map.of());
    }

    static HttpResponse noContent(S3Call call) {
        return empty(call, 204, Map.of());
    }

    static HttpResponse error(S3Exception error, String requestId, String resource, boolean head) {
        ResponseHeadersBuilder headers = headers(error.status(), requestId);
        if (error.status() == 304 || head) {
            if (error.code().equals("NoSuchKey") && error.details().containsKey("DeleteMarker")) {
                headers.add("x-amz-delete-marker", "true");
            }
            error.details().forEach((name, value) -> {
                if (name.startsWith("header:")) headers.add(name.substring(7), value);
            });
            return HttpResponse.of(headers.build());
        }
        Xml xml = Xml.plain("Error").element("Code", error.code()).element("Message", error.getMessage() == null ? ""
                : error.getMessage());
        error.details().forEach((name, value) -> {
            if (name.startsWith("header:")) headers.add(name.substring(7), value);
            else if (!name.equals("DeleteMarker")) xml.element(name, value);
        });
        xml.element("Resource", resource).element("RequestId", requestId).element("HostId", requestId);
        byte[] body = xml.end("Error");
        return HttpResponse.of(headers.contentType(XML).contentLength(body.length).build(), HttpData.wrap(body));
    }
}
