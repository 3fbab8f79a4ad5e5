package berth.aws;

import java.util.List;

/**
 * How one AWS service appears on the wire.
 *
 * @param signingName the SigV4 service name in the credential scope ({@code ecs}, {@code sts}, {@code elasticloadbalancing})
 * @param protocol its wire protocol
 * @param targetPrefix for JSON protocols, the {@code X-Amz-Target} prefix before the dot
 *     ({@code AmazonEC2ContainerServiceV20141113}); empty otherwise
 * @param xmlNamespace for Query, the namespace of response documents
 *     ({@code https://sts.amazonaws.com/doc/2011-06-15/}); empty otherwise
 * @param modelPackage the AWS SDK v2 model package whose {@code <Operation>Request} and
 *     {@code <Operation>Response} classes define the operations
 *     ({@code software.amazon.awssdk.services.ecs.model})
 * @param routes for REST-JSON, the HTTP routes of its operations; empty otherwise
 */
public record ServiceModel(String name, String signingName, Protocol protocol, String targetPrefix,
                           String xmlNamespace, String modelPackage, List<RestRoute> routes) {

    /** A REST-JSON route: method, URI template such as {@code /schedules/{Name}}, and operation name. */
    public record RestRoute(String method, String uriTemplate, String operation, int successStatus) {}
}
