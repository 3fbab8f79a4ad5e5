/**
 * The task side of the ECS control plane at run time: the agent endpoints of {@link berth.agentwire}
 * (assignments long-poll, observations), the one mapping of ECS's tasks to that protocol's messages
 * ({@code AssignmentMapping}), agent heartbeats, and the level-triggered task reconciler.
 *
 * <p><b>Fargate capacity.</b> Fargate tasks need no container instance. Each cluster gets one hidden
 * capacity record of its own kind, {@code ecs.capacity} (key {@code account/region/cluster}), which the
 * control plane registers together with the cluster's first Fargate task. It is not a container
 * instance: ListContainerInstances, DescribeContainerInstances and the cluster's
 * {@code registeredContainerInstancesCount} never see it, and Fargate tasks carry no
 * {@code containerInstanceArn}. The Fargate runner (in process with berth, in the local-agent module) polls
 * the assignments endpoint with {@code containerInstance=fargate}, once per account and region it
 * serves, and receives every Fargate task of that account and region; each poll is the heartbeat of
 * the capacity of every cluster there ({@code agentConnected}, {@code agentLastSeenAt}). No resources
 * are accounted on it beyond what the host has: placement never rejects a Fargate task. When no runner
 * polls, the capacity is disconnected after the agent timeout, and its tasks still PROVISIONING or
 * PENDING after the start timeout fail with {@code TaskFailedToStart}, as tasks of a disconnected
 * container instance do.
 *
 * <p><b>awsvpc.</b> Every awsvpc task (Fargate always, EC2 when its definition says so) gets an
 * elastic network interface attachment at creation: a UUID attachment id, an {@code eni-} id of 17 hex
 * digits, the first subnet of the request. The agent reports the address it gave the task through an
 * observation; the control plane then fills in the attachment's MAC, private address and DNS name and
 * the containers' network interfaces.
 *
 * <p><b>Time limits</b> come from {@link berth.ecs.control.EcsSettings}: the agent timeout (30 s), the
 * start timeout (180 s) and the retention of STOPPED tasks (1 hour).
 */
package berth.ecs.control;
