package berth.agent.loop;

import berth.agent.endpoints.TaskEndpoints;

import berth.agent.core.AgentSettings;
import berth.agent.runtime.Runtime;
import berth.agentwire.AgentProtocol;
import java.time.Clock;
import java.time.Duration;

/**
 * The runner of one account's Fargate tasks in one region: the same loop as a container instance's
 * agent, fed by the Fargate assignments ({@code containerInstance=fargate}), every task in awsvpc
 * mode with its task size enforced. It registers nothing; its polls are the Fargate capacity's
 * heartbeat.
 */
public final class FargateRunner implements AutoCloseable {

    private final ControlPlane controlPlane;
    private final RegistryCredentials registry;
    private final ExecutionSecrets secrets;
    private final LogShipping logs;
    private final AgentLoop loop;

    private FargateRunner(AwsEndpoint endpoint, String runnerId, Runtime runtime, Clock clock, Duration cleanupWait,
                          TaskEndpoints endpoints) {
        this.controlPlane = new EcsControlPlane(endpoint);
        ExecutionRoles roles = new ExecutionRoles(endpoints);
        this.registry = new RegistryCredentials(endpoint, clock, roles);
        this.secrets = new ExecutionSecrets(endpoint, roles);
        this.logs = new AwsLogsShipping(endpoint, runtime, clock, roles);
        AgentSettings settings = new AgentSettings(runnerId, AgentProtocol.FARGATE_INSTANCE, endpoint.endpoint().toString(), cleanupWait,
                AgentSettings.DEFAULT_AWSVPC_NETWORK, AgentSettings.DEFAULT_PAUSE_IMAGE, true);
        this.loop = new AgentLoop(runtime, controlPlane,
                (since, wait) -> controlPlane.assignments("default", AgentProtocol.FARGATE_INSTANCE, since, wait), () -> settings, clock,
                AgentConfig.DEFAULT_PARALLELISM, new StepExecutor(runtime, clock, registry::forImage, secrets, logs), logs,
                endpoints);
    }

    /**
     * Starts running the Fargate tasks of the account whose credentials {@code endpoint} carries, in its
     * region. {@code runnerId} labels the containers (unique per berth and account).
     */
    public static FargateRunner start(AwsEndpoint endpoint, String runnerId, Runtime runtime, Clock clock,
                                      Duration cleanupWait, TaskEndpoints endpoints) {
        FargateRunner runner = new FargateRunner(endpoint, runnerId, runtime, clock, cleanupWait, endpoints);
        runner.loop.start();
        return runner;
    }

    @Override
    public void close() {
        loop.close();
        controlPlane.close();
        registry.close();
        secrets.close();
    }
}
