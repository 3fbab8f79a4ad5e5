package berth.apprunner;

import berth.apprunner.api.AppRunnerService;
import berth.apprunner.control.AccountClients;
import berth.apprunner.control.AppRunnerSettings;
import berth.apprunner.control.ServiceLoop;
import berth.apprunner.state.AppRunnerRecords;
import berth.aws.Scope;
import berth.elb.TargetGroupLoad;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;

/**
 * App Runner: services from an image, each run as an ECS service (Fargate tasks in cluster
 * {@code apprunner}) behind a host-header rule of the scope's load balancer, scaled on the requests
 * in flight that the load balancer publishes ({@link TargetGroupLoad}), redeployed when their ECR tag
 * moves. It acts on ECS, ELB, Logs and ECR only through their APIs, signed as the account.
 */
public final class AppRunnerModule implements PlatformModule {
    private ServiceLoop loop;
    private AccountClients clients;

    @Override
    public String name() {
        return "apprunner";
    }

    /** After ECS (105), whose API it calls once berth answers. */
    @Override
    public int order() {
        return 120;
    }

    @Override
    public List<String> storeKindPrefixes() {
        return List.of(AppRunnerRecords.KIND_PREFIX);
    }

    @Override
    public void start(Platform platform) {
        AppRunnerSettings settings = AppRunnerSettings.fromEnvironment(System.getenv());
        AppRunnerRecords records = new AppRunnerRecords(platform.store());
        Scope home = new Scope(platform.defaultAccountId(), platform.defaultRegion());
        clients = new AccountClients(platform);
        loop = new ServiceLoop(records, clients, () -> platform.lookup(TargetGroupLoad.class), platform.clock(),
                settings, platform.endpoint().getAuthority());
        java.util.function.ToIntFunction<Scope> ports = scope -> scope.equals(home) && settings.port() > 0
                ? settings.port() : freePort();
        platform.addAwsService(new AppRunnerService(records, platform.clock(), ports, loop::wake));
        platform.publish(berth.ecs.ExpressGateways.class,
                new berth.apprunner.control.ExpressGatewayApi(records, clients, settings, platform.clock(), ports));
        loop.start();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (loop != null) loop.close();
        if (clients != null) clients.close();
    }
}
