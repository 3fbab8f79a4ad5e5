package berth.elb.api;

import berth.elb.core.ElbError;
import berth.elb.core.ElbException;

/** The messages of ELB's refusals used in more than one place; the codes are {@link ElbError}'s. */
final class ElbErrors {
    private ElbErrors() {}

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
