package berth.elb.api;

import berth.aws.AwsException;
import berth.elb.core.ElbError;
import berth.elb.core.ElbException;

/** ELB's refusals on the wire: every code is a client fault with status 400. */
final class ElbErrors {
    private ElbErrors() {}

    static AwsException of(ElbException e) {
        return new AwsException(400, e.error().code(), e.getMessage());
    }

    static ElbException validation(String message) {
        return ElbError.VALIDATION.exception(message);
    }

    static ElbException loadBalancerNotFound(String nameOrArn) {
        return ElbError.LOAD_BALANCER_NOT_FOUND.exception("Load balancers '[" + nameOrArn + "]' not found");
    }

    static ElbException targetGroupNotFound(String nameOrArn) {
        return ElbError.TARGET_GROUP_NOT_FOUND.exception("Target groups '[" + nameOrArn + "]' not found");
    }

    static ElbException listenerNotFound(String arn) {
        return ElbError.LISTENER_NOT_FOUND.exception("Listeners '[" + arn + "]' not found");
    }

    static ElbException ruleNotFound(String arn) {
        return ElbError.RULE_NOT_FOUND.exception("Rules '[" + arn + "]' not found");
    }

    /** A request member berth does not act on, refused rather than ignored. */
    static ElbException unsupported(String member) {
        return ElbError.VALIDATION.exception("berth does not support " + member);
    }
}
