package berth.apprunner.api;

import static berth.apprunner.api.AppRunnerErrors.INVALID_REQUEST;
import static berth.apprunner.api.AppRunnerErrors.RESOURCE_NOT_FOUND;

import berth.apprunner.core.Connection;
import berth.apprunner.core.Ids;
import berth.apprunner.state.AppRunnerRecords;
import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.platform.RecordTable.Versioned;
import berth.store.Store;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.apprunner.model.ConnectionSummary;
import software.amazon.awssdk.services.apprunner.model.CreateConnectionRequest;
import software.amazon.awssdk.services.apprunner.model.CreateConnectionResponse;
import software.amazon.awssdk.services.apprunner.model.CreateVpcIngressConnectionRequest;
import software.amazon.awssdk.services.apprunner.model.CreateVpcIngressConnectionResponse;
import software.amazon.awssdk.services.apprunner.model.DeleteConnectionRequest;
import software.amazon.awssdk.services.apprunner.model.DeleteConnectionResponse;
import software.amazon.awssdk.services.apprunner.model.DeleteVpcIngressConnectionRequest;
import software.amazon.awssdk.services.apprunner.model.DeleteVpcIngressConnectionResponse;
import software.amazon.awssdk.services.apprunner.model.DescribeVpcIngressConnectionRequest;
import software.amazon.awssdk.services.apprunner.model.DescribeVpcIngressConnectionResponse;
import software.amazon.awssdk.services.apprunner.model.ListConnectionsRequest;
import software.amazon.awssdk.services.apprunner.model.ListConnectionsResponse;
import software.amazon.awssdk.services.apprunner.model.ListVpcIngressConnectionsRequest;
import software.amazon.awssdk.services.apprunner.model.ListVpcIngressConnectionsResponse;
import software.amazon.awssdk.services.apprunner.model.UpdateVpcIngressConnectionRequest;
import software.amazon.awssdk.services.apprunner.model.UpdateVpcIngressConnectionResponse;

/**
 * Connections to source code providers and VPC ingress connections. A connection is kept as App
 * Runner keeps it, PENDING_HANDSHAKE: the handshake is the provider's web flow, which berth cannot
 * reach, so services build from local repositories instead. A VPC ingress connection needs a service
 * with a private endpoint; berth's services are all public (their URL on the load balancer), so
 * none can be made, and the calls that name one answer ResourceNotFoundException.
 */
final class ConnectionsApi {
    private final AppRunnerRecords records;
    private final Clock clock;

    ConnectionsApi(AppRunnerRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    CreateConnectionResponse create(CreateConnectionRequest r, RequestContext ctx) {
        Scope scope = ctx.scope();
        if (records.connection(scope, r.connectionName()).isPresent()) {
            throw INVALID_REQUEST.exception("Connection with name " + r.connectionName() + " already exists");
        }
        Connection made = new Connection(scope.accountId(), scope.region(), r.connectionName(),
                scope.arn("apprunner", "connection/" + r.connectionName() + "/" + Ids.random()), r.providerTypeAsString(),
                Connection.PENDING_HANDSHAKE, clock.instant());
        records.saveConnection(made, Store.ABSENT);
        return CreateConnectionResponse.builder().connection(connection(made)).build();
    }

    ListConnectionsResponse list(ListConnectionsRequest r, RequestContext ctx) {
        List<Connection> all = records.connections(ctx.scope()).stream()
                .filter(c -> r.connectionName() == null || c.name().equals(r.connectionName()))
                .sorted(Comparator.comparing(Connection::arn)).toList();
        ServiceApi.Page<Connection> page = ServiceApi.Page.of(all, Connection::arn, r.nextToken(), r.maxResults(), 10);
        return ListConnectionsResponse.builder().connectionSummaryList(page.items().stream().map(ConnectionsApi::summary)
                .toList()).nextToken(page.next()).build();
    }

    DeleteConnectionResponse delete(DeleteConnectionRequest r, RequestContext ctx) {
        Versioned<Connection> found = records.connections(ctx.scope()).stream()
                .filter(c -> c.arn().equals(r.connectionArn())).findFirst()
                .flatMap(c -> records.connection(ctx.scope(), c.name()))
                .orElseThrow(() -> RESOURCE_NOT_FOUND.exception("Resource " + r.connectionArn() + " is not found"));
        records.removeConnection(found.value(), found.version());
        return DeleteConnectionResponse.builder().connection(connection(found.value().deleted())).build();
    }

    CreateVpcIngressConnectionResponse createIngress(CreateVpcIngressConnectionRequest r, RequestContext ctx) {
        if (records.serviceByArn(r.serviceArn()).filter(v -> v.value().scope().equals(ctx.scope())).isEmpty()) {
            throw AppRunnerErrors.serviceNotFound(r.serviceArn());
        }
        throw INVALID_REQUEST.exception("Service " + r.serviceArn() + " is publicly accessible: a VPC ingress connection"
                + " needs a service with a private endpoint, which berth does not serve");
    }

    DescribeVpcIngressConnectionResponse describeIngress(DescribeVpcIngressConnectionRequest r, RequestContext ctx) {
        throw ingressNotFound(r.vpcIngressConnectionArn());
    }

    UpdateVpcIngressConnectionResponse updateIngress(UpdateVpcIngressConnectionRequest r, RequestContext ctx) {
        throw ingressNotFound(r.vpcIngressConnectionArn());
    }

    DeleteVpcIngressConnectionResponse deleteIngress(DeleteVpcIngressConnectionRequest r, RequestContext ctx) {
        throw ingressNotFound(r.vpcIngressConnectionArn());
    }

    ListVpcIngressConnectionsResponse listIngress(ListVpcIngressConnectionsRequest r, RequestContext ctx) {
        return ListVpcIngressConnectionsResponse.builder().vpcIngressConnectionSummaryList(List.of()).build();
    }

    private static berth.aws.AwsException ingressNotFound(String arn) {
        return RESOURCE_NOT_FOUND.exception("Resource " + arn + " is not found");
    }

    private static software.amazon.awssdk.services.apprunner.model.Connection connection(Connection c) {
        return software.amazon.awssdk.services.apprunner.model.Connection.builder().connectionName(c.name())
                .connectionArn(c.arn()).providerType(c.providerType()).status(c.status()).createdAt(c.createdAt()).build();
    }

    private static ConnectionSummary summary(Connection c) {
        return ConnectionSummary.builder().connectionName(c.name()).connectionArn(c.arn()).providerType(c.providerType())
                .status(c.status()).createdAt(c.createdAt()).build();
    }
}
