package berth.iam;

import berth.aws.Caller;
import software.amazon.awssdk.core.SdkPojo;

import java.util.List;

/**
 * Which resources an AWS call acts on, for policy evaluation: a table by action
 * ({@code ecs:DescribeClusters} → the cluster ARNs the request names). Actions without an entry act
 * on {@code *}. Published by the IAM module; a service module adds entries for its own actions in
 * its {@code start} with {@code platform.lookup(RequestResources.class)}.
 */
public interface RequestResources {

    /** Registers (or replaces) how to find the resources of {@code action} ({@code service:Operation}). */
    void register(String action, Extractor extractor);

    /**
     * Registers that calls of {@code operation} ({@code service:Operation}) are authorized as the IAM
     * action {@code action}, for operations that have no action of their own (SQS's
     * {@code sqs:DeleteMessageBatch} is {@code sqs:DeleteMessage}); their resources stay registered under
     * the operation.
     */
    void registerAction(String operation, String action);

    /**
     * Registers where the resource-based policies of resources whose ARNs start with {@code arnPrefix}
     * are (a secret's policy); they are evaluated beside the caller's identity-based policies.
     */
    void registerPolicies(String arnPrefix, PolicySource source);

    /** The resource-based policy document of one resource, if it has one. */
    @FunctionalInterface
    interface PolicySource {
        java.util.Optional<String> policyOf(String resourceArn);
    }

    /** Reads the resource ARNs from a decoded request. */
    @FunctionalInterface
    interface Extractor {
        /**
         * @param request the decoded SDK request object of the operation
         * @param caller who signed and where the request acts: {@code caller.scope()} for ARNs built
         *     from names, {@code caller.identity().arn()} for operations that default to the caller
         *     ({@code iam:CreateAccessKey} without a user name)
         * @return the ARNs acted on; empty means {@code *}
         */
        List<String> resources(SdkPojo request, Caller caller);
    }
}
