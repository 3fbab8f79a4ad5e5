package berth.ec2.core;

import java.time.Instant;

/**
 * An AMI berth can launch. Every one is an ECS-optimized Amazon Linux image: an instance launched from
 * it boots into an ECS agent, which is what a berth instance is.
 *
 * @param ssmPath the public SSM parameter path that recommends it, e.g.
 *     {@code /aws/service/ecs/optimized-ami/amazon-linux-2/recommended}
 */
public record Image(String id, String name, String description, String architecture, String osName, String version,
                    Instant createdAt, String ssmPath, String sourceImageName) {
    /** The account Amazon's ECS-optimized AMIs belong to. */
    public static final String AMAZON_OWNER_ID = "591542846629";
    public static final String AMAZON_ALIAS = "amazon";
    public static final String ECS_AGENT_VERSION = "1.89.2";
    public static final String DOCKER_VERSION = "Docker version 25.0.6";
}
