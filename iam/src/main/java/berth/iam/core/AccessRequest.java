package berth.iam.core;

/**
 * One question to policy evaluation: may the principal perform {@code action} on {@code resource}?
 *
 * @param action e.g. {@code ecs:ListClusters}
 * @param resource the resource ARN, or {@code *} for actions that name no resource
 * @param context the request's condition keys
 */
public record AccessRequest(String action, String resource, RequestContextKeys context) {}
