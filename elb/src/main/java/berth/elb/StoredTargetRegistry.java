package berth.elb;

import berth.elb.core.ElbArns;
import berth.elb.core.ElbError;
import berth.elb.core.ElbException;
import berth.elb.core.TargetGroup;
import berth.elb.core.TargetHealth;
import berth.elb.core.TargetKey;
import berth.elb.state.TargetHealthReader;
import berth.elb.state.TargetRegistrations;
import java.util.List;
import java.util.Optional;

/** {@link TargetRegistry} over the stored target sets, as the API's own registrations. */
final class StoredTargetRegistry implements TargetRegistry {
    private final TargetRegistrations registrations;
    private final TargetHealthReader health;
    private final Runnable changed;

    StoredTargetRegistry(TargetRegistrations registrations, TargetHealthReader health, Runnable changed) {
        this.registrations = registrations;
        this.health = health;
        this.changed = changed;
    }

    @Override
    public void register(String targetGroupArn, List<TargetRef> targets) {
        try {
            registrations.register(targetGroupArn, requested(targets));
        } catch (ElbException e) {
            throw new TargetRegistrationException(e.error().code(), e.getMessage());
        }
        changed.run();
    }

    @Override
    public void deregister(String targetGroupArn, List<TargetRef> targets) {
        try {
            registrations.deregister(targetGroupArn, requested(targets));
        } catch (ElbException e) {
            throw new TargetRegistrationException(e.error().code(), e.getMessage());
        }
        changed.run();
    }

    @Override
    public List<TargetHealthReport> health(String targetGroupArn) {
        return report(targetGroupArn, Optional.empty());
    }

    @Override
    public List<TargetHealthReport> health(String targetGroupArn, List<TargetRef> targets) {
        TargetGroup group = group(targetGroupArn);
        return report(targetGroupArn, Optional.of(targets.stream()
                .map(t -> new TargetKey(t.id(), t.port() == 0 ? group.port() : t.port())).toList()));
    }

    private List<TargetHealthReport> report(String targetGroupArn, Optional<List<TargetKey>> wanted) {
        TargetGroup group = group(targetGroupArn);
        return health.report(group, wanted).stream().map(r -> {
            TargetHealth h = r.health();
            return new TargetHealthReport(new TargetRef(r.key().id(), r.key().port()), h.state().wireName(),
                    h.reason().code(), h.description());
        }).toList();
    }

    private TargetGroup group(String arn) {
        if (ElbArns.targetGroupNameAndId(arn).isEmpty()) {
            throw new TargetRegistrationException(ElbError.VALIDATION.code(), "'" + arn + "' is not a target group ARN");
        }
        try {
            return registrations.group(arn);
        } catch (ElbException e) {
            throw new TargetRegistrationException(e.error().code(), e.getMessage());
        }
    }

    private static List<TargetRegistrations.Requested> requested(List<TargetRef> targets) {
        return targets.stream().map(t -> new TargetRegistrations.Requested(t.id(), t.port(), "")).toList();
    }
}
