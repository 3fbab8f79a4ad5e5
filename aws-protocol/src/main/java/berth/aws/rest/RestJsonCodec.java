package berth.aws.rest;

import berth.aws.AwsException;
import berth.aws.HttpRequestData;
import berth.aws.HttpResponseData;
import berth.aws.ServiceErrorCodes;
import berth.aws.ServiceModel;
import berth.aws.json.JsonShapeReader;
import berth.aws.json.JsonShapeWriter;
import berth.aws.wire.ErrorResponses;
import berth.aws.wire.JsonMapper;
import berth.aws.wire.PercentEncoding;
import berth.aws.wire.ResponseHeaders;
import berth.aws.wire.SdkModelClasses;
import berth.aws.wire.WireCodec;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.PayloadTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/**
 * The REST-JSON protocol: the operation is found by HTTP method and URI template, input members come
 * from URI labels, query parameters, headers and a JSON body as their {@code MarshallLocation} says;
 * output members go to headers, the status code and a JSON body the same way.
 */
public final class RestJsonCodec implements WireCodec {
    private final ServiceModel model;
    private final ServiceErrorCodes codes;
    private final JsonShapeReader reader;
    private final List<Map.Entry<ServiceModel.RestRoute, UriTemplate>> routes;
    private final RestMemberText values;

    public RestJsonCodec(ServiceModel model, ServiceErrorCodes codes) {
        this.model = model;
        this.codes = codes;
        this.reader = new JsonShapeReader(codes.serialization());
        this.values = new RestMemberText(codes.serialization());
        this.routes = model.routes().stream().map(route -> Map.entry(route, UriTemplate.parse(route.uriTemplate())))
                .sorted(Comparator.comparing(route -> route.getValue().specificity())).toList();
    }

    /** Whether some route of this service matches the request's method and path. */
    public boolean routes(HttpRequestData request) {
        try {
            Map<String, List<String>> query = queryParameters(request);
            return routes.stream().anyMatch(route -> route.getKey().method().equalsIgnoreCase(request.method())
                    && route.getValue().match(request.path(), query.keySet()).isPresent());
        } catch (AwsException e) {
            return false;
        }
    }

    @Override
    public IncomingCall locate(HttpRequestData request) {
        Map<String, List<String>> query = queryParameters(request);
        for (Map.Entry<ServiceModel.RestRoute, UriTemplate> route : routes) {
            if (!route.getKey().method().equalsIgnoreCase(request.method())) {
                continue;
            }
            Optional<Map<String, String>> labels = route.getValue().match(request.path(), query.keySet());
            if (labels.isPresent()) {
                String operation = route.getKey().operation();
                return new IncomingCall() {
                    @Override
                    public String operation() {
                        return operation;
                    }

                    @Override
                    public void decodeInto(SdkPojo inputBuilder) {
                        decode(inputBuilder, request, labels.get(), query);
                    }
                };
            }
        }
        throw new AwsException(codes.unknownOperationStatus(), codes.unknownOperation(),
                "No operation matches " + request.method() + " " + request.path());
    }

    private Map<String, List<String>> queryParameters(HttpRequestData request) {
        try {
            return PercentEncoding.parsePairs(request.rawQuery(), false).stream().collect(Collectors.groupingBy(
                    Map.Entry::getKey, LinkedHashMap::new, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        } catch (PercentEncoding.MalformedEncodingException e) {
            throw new AwsException(400, codes.serialization(), e.getMessage());
        }
    }

    private void decode(SdkPojo builder, HttpRequestData request, Map<String, String> labels,
                        Map<String, List<String>> query) {
        boolean hasBodyMembers = false;
        for (SdkField<?> field : builder.sdkFields()) {
            String path = SdkModelClasses.memberPathName(field.memberName());
            Optional<Object> value = switch (field.location()) {
                case PATH, GREEDY_PATH -> Optional.ofNullable(labels.get(field.locationName()))
                        .map(text -> values.parse(field, text, TimestampFormatTrait.Format.ISO_8601, path));
                case QUERY_PARAM -> values.fromQuery(field, query, path);
                case HEADER -> values.fromHeaders(field, request.headers(), path);
                case PAYLOAD -> {
                    hasBodyMembers = true;
                    yield field.containsTrait(PayloadTrait.class) ? payloadMember(field, request.body(), path) : Optional.empty();
                }
                default -> Optional.empty();
            };
            value.ifPresent(v -> field.set(builder, v));
        }
        boolean explicitPayload = builder.sdkFields().stream().anyMatch(f -> f.containsTrait(PayloadTrait.class));
        if (hasBodyMembers && !explicitPayload && request.body().length > 0) {
            reader.readStructure(builder, parse(request.body()), "");
        }
    }

    private Optional<Object> payloadMember(SdkField<?> field, byte[] body, String path) {
        if (body.length == 0) {
            return Optional.empty();
        }
        return switch (field.marshallingType().getKnownType()) {
            case SDK_BYTES -> Optional.of(SdkBytes.fromByteArray(body));
            case STRING -> Optional.of(new String(body, StandardCharsets.UTF_8));
            default -> Optional.ofNullable(reader.readValue(field, parse(body), path));
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
        int status = model.routes().stream().filter(r -> r.operation().equals(operation)).findFirst()
                .map(ServiceModel.RestRoute::successStatus).orElse(200);
        Map<String, String> headers = ResponseHeaders.of(requestId, "application/json");
        byte[] body = null;
        for (SdkField<?> field : output.sdkFields()) {
            Object value = field.getValueOrDefault(output);
            if (!SdkModelClasses.isSet(value)) {
                continue;
            }
            if (field.location() == MarshallLocation.STATUS_CODE) {
                status = ((Number) value).intValue();
            } else if (field.location() == MarshallLocation.HEADER) {
                values.toHeaders(field, value, headers);
            } else if (field.location() == MarshallLocation.PAYLOAD && field.containsTrait(PayloadTrait.class)) {
                body = payloadBytes(field, value, headers);
            }
        }
        if (body == null) {
            body = JsonMapper.bytes(JsonShapeWriter.writeStructure(output));
        }
        return new HttpResponseData(status, headers, body);
    }

    private static byte[] payloadBytes(SdkField<?> field, Object value, Map<String, String> headers) {
        return switch (field.marshallingType().getKnownType()) {
            case SDK_BYTES -> {
                headers.put("Content-Type", "application/octet-stream");
                yield ((SdkBytes) value).asByteArray();
            }
            case STRING -> {
                headers.put("Content-Type", "text/plain");
                yield ((String) value).getBytes(StandardCharsets.UTF_8);
            }
            default -> JsonMapper.bytes(JsonShapeWriter.writeValue(field, value));
        };
    }

    @Override
    public HttpResponseData error(AwsException error, String requestId) {
        return ErrorResponses.render(model.protocol(), model.xmlNamespace(), error, requestId);
    }
}
