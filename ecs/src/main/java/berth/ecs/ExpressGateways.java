package berth.ecs;

import berth.aws.Scope;
import software.amazon.awssdk.services.ecs.model.CreateExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.CreateExpressGatewayServiceResponse;
import software.amazon.awssdk.services.ecs.model.DeleteExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeleteExpressGatewayServiceResponse;
import software.amazon.awssdk.services.ecs.model.DescribeExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.DescribeExpressGatewayServiceResponse;
import software.amazon.awssdk.services.ecs.model.UpdateExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateExpressGatewayServiceResponse;

/**
 * ECS Express Mode's operations, served under ECS's API by the module that publishes this
 * ({@code platform.publish(ExpressGateways.class, ...)}; App Runner's, which makes the cluster,
 * task definition, service, load balancer rule and log group through the public APIs). Without
 * one, the operations answer {@code UnsupportedFeatureException}. Each method throws the
 * {@code AwsException} ECS answers with.
 */
public interface ExpressGateways {
    CreateExpressGatewayServiceResponse create(Scope scope, CreateExpressGatewayServiceRequest request);

    DescribeExpressGatewayServiceResponse describe(Scope scope, DescribeExpressGatewayServiceRequest request);

    UpdateExpressGatewayServiceResponse update(Scope scope, UpdateExpressGatewayServiceRequest request);

    DeleteExpressGatewayServiceResponse delete(Scope scope, DeleteExpressGatewayServiceRequest request);
}
