/**
 * The contract between the ECS control plane and the agents that run tasks on container instances,
 * and nothing else: its messages, paths, version and JSON. Both sides compile against this package;
 * neither sees the other's classes. The control plane maps its own task records to these messages
 * in one place, so a change to ECS's domain changes the protocol only where that mapping says so.
 *
 * <p>Where ECS has a public operation for the agent's side, the agent calls it through the AWS API,
 * signed like any client: {@code RegisterContainerInstance} when it starts (again with its
 * {@code containerInstanceArn} after a restart), {@code SubmitTaskStateChange} and
 * {@code SubmitContainerStateChange} for every state it reaches, {@code DiscoverPollEndpoint} to
 * learn where to poll. Only what ECS keeps private is berth's own, on the same endpoint, SigV4-signed
 * for service {@code ecs}, every request naming the protocol version it speaks in header
 * {@value AgentProtocol#VERSION_HEADER} ({@link ProtocolVersion}, e.g. {@code 1.0}):
 * <ul>
 *   <li>{@code GET /_berth/ecs/v1/assignments?cluster=C&containerInstance=ARN&since=G&waitSeconds=W}:
 *   the tasks assigned to one instance as an {@link AssignmentBatch}. It answers at once when any
 *   assignment of that instance changed after generation {@code G} (0 on first call), otherwise after
 *   up to {@code W} seconds (0..{@value AgentProtocol#MAX_WAIT_SECONDS}) with the same content. Every
 *   batch holds every task of the instance that is not yet STOPPED on the control plane, or was stopped
 *   in the last hour, so an agent that missed batches converges from the next one (level-triggered).
 *   Each poll is the agent's heartbeat: an instance that has not polled for
 *   {@value AgentProtocol#HEARTBEAT_TIMEOUT_SECONDS} seconds is reported {@code agentConnected=false}.</li>
 *   <li>{@code POST /_berth/ecs/v1/observations} with a {@link TaskObservation}: what the public
 *   state-change operations cannot carry (container health, the task's own IP address in awsvpc mode).</li>
 *   <li>{@code POST /_berth/ecs/v1/usage} with a {@link UsageReport} (since 1.1): the CPU and memory the
 *   instance's running tasks use, which ECS publishes as CloudWatch's AWS/ECS metrics. A minor version
 *   may also add an endpoint; an agent of 1.1 facing a 1.0 control plane gets 404 there and carries on.</li>
 * </ul>
 *
 * <p>Since 1.2 an awsvpc task's assignment names the subnet of its network interface and that subnet's
 * CIDR block, from which the agent gives the task its address ({@link Cidr} reads it, on both sides).
 *
 * <p>The messages: an {@link AssignmentBatch} holds {@link AssignedTask}s; each names the task, its
 * desired and last status, its role credentials ({@link RoleCredentials}) and what the agent needs of
 * its task definition with RunTask's overrides applied: task sizes, network, PID and IPC modes,
 * {@link TaskVolume}s, and its {@link AssignedContainer}s (image, command, environment, secrets,
 * ports, mounts, dependencies, health check, log driver, Linux settings, ...). Fields of the
 * definition the agent does not act on (tags, placement constraints, compatibilities, ...) are not
 * part of the protocol.
 *
 * <p>Bodies are JSON of these records ({@link WireJson}): one object per record, named by its
 * components; instants as ISO-8601 text. Versions: peers of one major version understand each other.
 * A minor version only adds fields: a reader ignores fields it does not know and reads a field the
 * sender did not send as empty ({@code ""}, 0, {@code false}, {@code []}, {@code {}}, or the type's
 * {@code NONE}). Removing or reinterpreting a field, or adding a value to an enumeration
 * ({@link DependencyCondition}), is a new major version. The control plane refuses a request without
 * the header, or naming another major version than its own, with 400
 * {@value AgentProtocol#UNSUPPORTED_VERSION}; the path's {@code v1} is the major version it serves.
 *
 * <p>Details of the exchange:
 * <ul>
 *   <li>Generations are opaque to the agent: it passes back the last one it received. A poll is answered
 *   at once whenever the instance's current generation differs from {@code since} (a restarted control
 *   plane answers every poll once at once, so agents resynchronise).</li>
 *   <li>The Fargate runner polls the same endpoint with
 *   {@code containerInstance=}{@value AgentProtocol#FARGATE_INSTANCE} (any {@code cluster}): its batch
 *   holds every Fargate task of the signer's account and region, each with an empty
 *   {@code containerInstanceArn}. It polls once per account and region it serves; berth's own runner
 *   signs as the account's root in that region. Its polls are the heartbeat of the clusters' Fargate
 *   capacity.</li>
 *   <li>An awsvpc task the agent reports RUNNING is ACTIVATING until an observation gives its
 *   {@code privateIpv4Address} (or SubmitAttachmentStateChanges reports its attachment ATTACHED), then
 *   RUNNING; without either it becomes RUNNING 10 seconds later, without an address.</li>
 *   <li>A task whose definition names a {@code taskRoleArn} or {@code executionRoleArn} carries that
 *   role's credentials in {@link AssignedTask#taskRoleCredentials()} /
 *   {@link AssignedTask#executionRoleCredentials()} ({@code NONE}, all fields empty, otherwise and
 *   once the task is to stop). The control plane obtains them for {@code ecs-tasks.amazonaws.com} and
 *   hands out fresh ones an hour before they expire; the {@code credentialsId} stays the same for the
 *   task's life. A task not yet RUNNING whose role cannot be assumed arrives already STOPPED
 *   (TaskFailedToStart, {@code ResourceInitializationError: …}).</li>
 *   <li>An observation is answered 204. Errors are JSON {@code {"__type": CODE, "message": TEXT}}
 *   ({@link WireJson#error}): 400 for bad parameters or an unsupported protocol version, 403 for a
 *   rejected signature, 404 for an unknown instance or task, 405 for another method.</li>
 * </ul>
 */
package berth.agentwire;
