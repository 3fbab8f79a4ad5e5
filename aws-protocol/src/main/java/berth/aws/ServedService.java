package berth.aws;

import berth.aws.json.AwsJsonCodec;
import berth.aws.model.ServiceDescription;
import berth.aws.query.Ec2Codec;
import berth.aws.query.QueryCodec;
import berth.aws.rest.RestJsonCodec;
import berth.aws.validation.RequestValidator;
import berth.aws.wire.SdkModelClasses;
import berth.aws.wire.WireCodec;
import java.util.Map;

/** Everything the dispatcher needs about one registered service, resolved once at start. */
final class ServedService {
    final AwsService service;
    final ServiceModel model;
    final ServiceErrorCodes codes;
    final WireCodec codec;
    final SdkModelClasses classes;
    final RequestValidator validator;
    final Map<String, OperationHandler<?, ?>> handlers;

    ServedService(AwsService service) {
        this.service = service;
        this.model = service.model();
        this.codes = service.errorCodes();
        this.codec = switch (model.protocol()) {
            case AWS_JSON_1_0, AWS_JSON_1_1 -> new AwsJsonCodec(model, codes);
            case QUERY -> new QueryCodec(model, codes, service.queryNames().orElseGet(ServiceDescription::empty));
            case EC2 -> new Ec2Codec(model, codes);
            case REST_JSON -> new RestJsonCodec(model, codes);
            case RPC_V2_CBOR -> new berth.aws.cbor.RpcV2CborCodec(model, codes);
        };
        ClassLoader loader = service.getClass().getClassLoader() != null ? service.getClass().getClassLoader()
                : ServedService.class.getClassLoader();
        this.classes = new SdkModelClasses(model.modelPackage(), loader);
        this.validator = new RequestValidator(service.description().orElseGet(ServiceDescription::empty));
        this.handlers = Map.copyOf(service.operations());
    }

    /** Whether a REST-JSON or RPC v2 CBOR service has a route for the request; false for other protocols. */
    boolean routes(HttpRequestData request) {
        return codec instanceof RestJsonCodec rest && rest.routes(request)
                || codec instanceof berth.aws.cbor.RpcV2CborCodec cbor && cbor.routes(request);
    }
}
