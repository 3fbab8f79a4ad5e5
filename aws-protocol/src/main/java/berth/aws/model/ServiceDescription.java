package berth.aws.model;

import berth.aws.Protocol;
import berth.aws.ServiceModel;
import berth.aws.wire.JsonMapper;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * An AWS service description in the botocore JSON format ({@code service-2.json}): the operations
 * with their input shapes and HTTP bindings, and the shapes with the constraints AWS enforces before
 * a request reaches the service (required members, length and value ranges). The SDK v2 model classes
 * carry the wire layout but not these constraints, so validation reads them from here.
 */
public final class ServiceDescription {
    private static final String BUNDLED = "/berth/aws/models/";

    private final JsonNode metadata;
    private final Map<String, Operation> operations;
    private final Map<String, Shape> shapes;

    /**
     * An operation: its input and output shapes, for REST protocols its HTTP binding, and for Query the
     * element its output is wrapped in ({@code SendMessageResult}); empty strings when absent.
     */
    public record Operation(String name, String inputShape, String outputShape, String resultWrapper, String httpMethod,
                            String requestUri, int responseCode) {}

    /**
     * How a shape is named on the Query and XML wire: the shape's own {@code locationName}, each
     * member's, whether the list or map (or the member holding it) is flattened, and the names of list
     * items and map keys and values; empty strings for names the description does not give.
     */
    public record WireNames(String locationName, boolean flattened, Map<String, String> memberLocations,
                            Set<String> flattenedMembers, String listItem, String mapKey, String mapValue) {}

    /** An error shape's code as its Query wire names it ({@code AWS.SimpleQueueService.NonExistentQueue}), with its status. */
    public record ErrorShape(String shape, String code, int status, boolean senderFault) {}

    /**
     * A shape and its constraints.
     *
     * @param type botocore type: structure, list, map, string, integer, long, double, float, blob, …
     * @param members for structures, member name → target shape name
     * @param required for structures, the members that must be present
     * @param min minimum length (strings, blobs, lists, maps) or value (numbers), when constrained
     * @param max maximum length or value, when constrained
     * @param listMember for lists, the member shape name; empty otherwise
     * @param mapValue for maps, the value shape name; empty otherwise
     * @param wire how the shape is named on the Query and XML wire
     */
    public record Shape(String type, Map<String, String> members, Set<String> required, Optional<BigDecimal> min,
                        Optional<BigDecimal> max, String listMember, String mapValue, WireNames wire) {}

    private final Map<String, ErrorShape> errors;

    private ServiceDescription(JsonNode metadata, Map<String, Operation> operations, Map<String, Shape> shapes,
                               Map<String, ErrorShape> errors) {
        this.metadata = metadata;
        this.operations = operations;
        this.shapes = shapes;
        this.errors = errors;
    }

    /**
     * A description bundled with berth: {@code ecs}, {@code ecr}, {@code elbv2},
     * {@code application-autoscaling}, {@code apprunner}, {@code sts}, {@code iam}, {@code logs},
     * {@code events}, {@code scheduler}, {@code secretsmanager}, {@code ssm}, {@code ec2}, {@code autoscaling}, {@code sqs},
     * {@code sqs-query} (SQS's Query names) and {@code cloudwatch}.
     */
    public static ServiceDescription bundled(String id) {
        InputStream in = ServiceDescription.class.getResourceAsStream(BUNDLED + id + ".json.gz");
        if (in == null) {
            throw new IllegalArgumentException("no bundled AWS service description named '" + id + "'");
        }
        return parse(in);
    }

    /** Parses a botocore service description, plain or gzip-compressed; closes the stream. */
    public static ServiceDescription parse(InputStream source) {
        try (InputStream in = maybeGunzip(new BufferedInputStream(source))) {
            JsonNode root = JsonMapper.MAPPER.readTree(in);
            Map<String, Operation> operations = new LinkedHashMap<>();
            root.path("operations").properties().forEach(entry -> operations.put(entry.getKey(), operation(entry.getKey(),
                    entry.getValue())));
            Map<String, Shape> shapes = new HashMap<>();
            root.path("shapes").properties().forEach(entry -> shapes.put(entry.getKey(), shape(entry.getValue())));
            Map<String, ErrorShape> errors = new HashMap<>();
            root.path("shapes").properties().forEach(entry -> {
                JsonNode error = entry.getValue().path("error");
                if (entry.getValue().path("exception").asBoolean(false)) {
                    errors.put(entry.getKey(), new ErrorShape(entry.getKey(), error.path("code").asText(entry.getKey()),
                            error.path("httpStatusCode").asInt(400), error.path("senderFault").asBoolean(true)));
                }
            });
            return new ServiceDescription(root.path("metadata"), operations, shapes, errors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read AWS service description", e);
        }
    }

    /** A description with no operations or shapes: nothing beyond the SDK classes is checked. */
    public static ServiceDescription empty() {
        return new ServiceDescription(JsonMapper.MAPPER.createObjectNode(), Map.of(), Map.of(), Map.of());
    }

    private static InputStream maybeGunzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in) : in;
    }

    private static Operation operation(String name, JsonNode node) {
        JsonNode http = node.path("http");
        JsonNode output = node.path("output");
        return new Operation(name, node.path("input").path("shape").asText(""), output.path("shape").asText(""),
                output.path("resultWrapper").asText(""), http.path("method").asText("POST"),
                http.path("requestUri").asText("/"), http.path("responseCode").asInt(200));
    }

    private static Shape shape(JsonNode node) {
        Map<String, String> members = new LinkedHashMap<>();
        node.path("members").properties().forEach(entry -> members.put(entry.getKey(), entry.getValue().path("shape").asText()));
        Set<String> required = new HashSet<>();
        node.path("required").forEach(name -> required.add(name.asText()));
        return new Shape(node.path("type").asText(""), Map.copyOf(members), Set.copyOf(required), decimal(node.get("min")),
                decimal(node.get("max")), node.path("member").path("shape").asText(""), node.path("value").path("shape").asText(""),
                wireNames(node));
    }

    private static WireNames wireNames(JsonNode node) {
        Map<String, String> locations = new LinkedHashMap<>();
        Set<String> flattened = new HashSet<>();
        node.path("members").properties().forEach(entry -> {
            String location = entry.getValue().path("locationName").asText("");
            if (!location.isEmpty()) locations.put(entry.getKey(), location);
            if (entry.getValue().path("flattened").asBoolean(false)) flattened.add(entry.getKey());
        });
        return new WireNames(node.path("locationName").asText(""), node.path("flattened").asBoolean(false),
                Map.copyOf(locations), Set.copyOf(flattened), node.path("member").path("locationName").asText(""),
                node.path("key").path("locationName").asText(""), node.path("value").path("locationName").asText(""));
    }

    private static Optional<BigDecimal> decimal(JsonNode node) {
        return node != null && node.isNumber() ? Optional.of(node.decimalValue()) : Optional.empty();
    }

    public Optional<Operation> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    public Optional<Shape> shape(String name) {
        return Optional.ofNullable(shapes.get(name));
    }

    /** The shape of an operation's input, when the description has the operation. */
    public Optional<Shape> inputOf(String operation) {
        return operation(operation).flatMap(op -> shape(op.inputShape()));
    }

    /** The error shape named {@code shape} ({@code QueueDoesNotExist}), when the description has it. */
    public Optional<ErrorShape> error(String shape) {
        return Optional.ofNullable(errors.get(shape));
    }

    /**
     * Whether the service answers JSON for clients that once spoke Query to it ({@code awsQueryCompatible}):
     * its JSON errors then carry the Query code in {@code x-amzn-query-error}, which SDKs report as the code.
     */
    public boolean queryCompatible() {
        return metadata.has("awsQueryCompatible");
    }

    /** The Query namespace of response documents; empty when the description names none. */
    public String xmlNamespace() {
        return metadata.path("xmlNamespace").asText("");
    }

    /** The wire protocol: {@code json} with {@code jsonVersion} 1.0 or 1.1, {@code query}, {@code ec2}, {@code rest-json}. */
    public Protocol protocol() {
        String protocol = metadata.path("protocol").asText("");
        return switch (protocol) {
            case "json" -> metadata.path("jsonVersion").asText("1.0").equals("1.1") ? Protocol.AWS_JSON_1_1 : Protocol.AWS_JSON_1_0;
            case "query" -> Protocol.QUERY;
            case "ec2" -> Protocol.EC2;
            case "rest-json" -> Protocol.REST_JSON;
            case "smithy-rpc-v2-cbor" -> Protocol.RPC_V2_CBOR;
            default -> throw new IllegalStateException("berth does not speak the '" + protocol + "' protocol");
        };
    }

    /** The SigV4 signing name: {@code signingName}, else {@code endpointPrefix}. */
    public String signingName() {
        String signingName = metadata.path("signingName").asText("");
        return signingName.isEmpty() ? metadata.path("endpointPrefix").asText("") : signingName;
    }

    /** The HTTP route of every operation, for REST protocols. */
    public List<ServiceModel.RestRoute> restRoutes() {
        List<ServiceModel.RestRoute> routes = new ArrayList<>();
        operations.values().forEach(op -> routes.add(new ServiceModel.RestRoute(op.httpMethod(), op.requestUri(), op.name(),
                op.responseCode())));
        return List.copyOf(routes);
    }

    /** The wire model of this service, with the SDK v2 model package its classes are in. */
    public ServiceModel toServiceModel(String name, String modelPackage) {
        return toServiceModel(name, modelPackage, protocol());
    }

    /**
     * The wire model of this service in one of the protocols it is served in ({@code protocols} of
     * its metadata): CloudWatch is spoken as Query, AWS JSON 1.0 and RPC v2 CBOR, one model each.
     */
    public ServiceModel toServiceModel(String name, String modelPackage, Protocol protocol) {
        return new ServiceModel(name, signingName(), protocol, metadata.path("targetPrefix").asText(""),
                metadata.path("xmlNamespace").asText(""), modelPackage,
                protocol == Protocol.REST_JSON ? restRoutes() : List.of());
    }
}
