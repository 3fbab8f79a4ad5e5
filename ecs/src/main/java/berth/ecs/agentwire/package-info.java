/**
 * The contract between the ECS control plane and the agents that run tasks on container instances.
 *
 * <p>Where ECS has a public operation for the agent's side, the agent calls it through the AWS API,
 * signed like any client: {@code RegisterContainerInstance} when it starts (again with its
 * {@code containerInstanceArn} after a restart), {@code SubmitTaskStateChange} and
 * {@code SubmitContainerStateChange} for every state it reaches, {@code DiscoverPollEndpoint} to
 * learn where to poll. Only what ECS keeps private is berth's own, on the same endpoint, SigV4-signed
 * for service {@code ecs}:
 * <ul>
 *   <li>{@code GET /_berth/ecs/v1/assignments?cluster=C&containerInstance=ARN&since=G&waitSeconds=W}:
 *   the tasks assigned to one instance as an {@link AssignmentBatch}. It answers at once when any
 *   assignment of that instance changed after generation {@code G} (0 on first call), otherwise after
 *   up to {@code W} seconds (0..30) with the same content. Every batch holds every task of the
 *   instance that is not yet STOPPED on the control plane, or was stopped in the last hour, so an agent
 *   that missed batches converges from the next one (level-triggered). Each poll is the agent's
 *   heartbeat: an instance that has not polled for {@link AssignmentBatch#HEARTBEAT_TIMEOUT_SECONDS}
 *   is reported {@code agentConnected=false}.</li>
 *   <li>{@code POST /_berth/ecs/v1/observations} with a {@link TaskObservation}: what the public
 *   state-change operations cannot carry (container health, the task's own IP address in awsvpc mode).</li>
 * </ul>
 * Bodies are JSON of these records ({@link AgentWire#JSON}).
 *
 * <p>Details of the exchange:
 * <ul>
 *   <li>Generations are opaque to the agent: it passes back the last one it received. A poll is answered
 *   at once whenever the instance's current generation differs from {@code since} (a restarted control
 *   plane answers every poll once at once, so agents resynchronise).</li>
 *   <li>The Fargate runner polls the same endpoint with {@code containerInstance=fargate} (any
 *   {@code cluster}): its batch holds every Fargate task of the signer's account and region, each with
 *   an empty {@code containerInstanceArn}. It polls once per account and region it serves; berth's own
 *   runner signs as the default account's root ({@code test}/{@code test}) in berth's configured
 *   region. Its polls are the heartbeat of the clusters' Fargate capacity.</li>
 *   <li>An awsvpc task the agent reports RUNNING is ACTIVATING until an observation gives its
 *   {@code privateIpv4Address} (or SubmitAttachmentStateChanges reports its attachment ATTACHED), then
 *   RUNNING; without either it becomes RUNNING 10 seconds later, without an address.</li>
 *   <li>A task whose definition names a {@code taskRoleArn} or {@code executionRoleArn} carries that
 *   role's credentials in {@link TaskAssignment#taskRoleCredentials()} /
 *   {@link TaskAssignment#executionRoleCredentials()} ({@link RoleCredentials}; {@code NONE}, all fields
 *   empty, otherwise and once the task is to stop). The control plane obtains them for
 *   {@code ecs-tasks.amazonaws.com} and hands out fresh ones an hour before they expire; the
 *   {@code credentialsId} stays the same for the task's life. A task not yet RUNNING whose role cannot
 *   be assumed arrives already STOPPED (TaskFailedToStart, {@code ResourceInitializationError: …}).
 *   Older agents ignore both fields.</li>
 *   <li>An observation is answered 204. Errors are JSON {@code {"__type": CODE, "message": TEXT}}: 400
 *   for bad parameters, 403 for a rejected signature, 404 for an unknown instance or task.</li>
 * </ul>
 */
package berth.ecs.agentwire;
