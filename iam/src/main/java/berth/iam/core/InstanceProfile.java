package berth.iam.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An instance profile: the container an EC2 instance is launched with, holding the role whose
 * credentials the instance's software gets.
 *
 * @param path starts and ends with {@code /}
 * @param roleNames the names of the roles it holds, as the roles spell them: at most {@link #MAX_ROLES}
 */
public record InstanceProfile(String accountId, String name, String path, String instanceProfileId, Instant createDate,
                              List<String> roleNames, Map<String, String> tags) {
    /** IAM's quota InstanceSessionsPerInstanceProfile. */
    public static final int MAX_ROLES = 1;

    public InstanceProfile {
        roleNames = List.copyOf(roleNames);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public String arn() {
        return IamArns.instanceProfile(accountId, path, name);
    }

    public boolean holds(String roleName) {
        return roleNames.stream().anyMatch(r -> r.equalsIgnoreCase(roleName));
    }

    public InstanceProfile withRoles(List<String> names) {
        return new InstanceProfile(accountId, name, path, instanceProfileId, createDate, names, tags);
    }

    public InstanceProfile withTags(Map<String, String> newTags) {
        return new InstanceProfile(accountId, name, path, instanceProfileId, createDate, roleNames, newTags);
    }
}
