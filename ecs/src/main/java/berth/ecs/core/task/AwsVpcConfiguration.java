package berth.ecs.core.task;

import java.util.List;
import java.util.Objects;

/** A request's {@code networkConfiguration.awsvpcConfiguration}: subnets, security groups, public IP. */
public record AwsVpcConfiguration(List<String> subnets, List<String> securityGroups, boolean assignPublicIp) {
    public AwsVpcConfiguration {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
    }

}
