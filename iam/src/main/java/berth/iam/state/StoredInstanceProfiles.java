package berth.iam.state;

import berth.iam.InstanceProfiles;
import berth.iam.core.IamArns;
import berth.iam.core.InstanceProfile;
import berth.iam.core.Role;

import berth.platform.RecordTable.Versioned;
import java.util.Optional;

/** {@link InstanceProfiles} read from the store: each profile with the current ARNs of the roles it holds. */
public final class StoredInstanceProfiles implements InstanceProfiles {
    private final IamRecords iam;

    public StoredInstanceProfiles(IamRecords iam) {
        this.iam = iam;
    }

    @Override
    public Optional<Profile> find(String accountId, String nameOrArn) {
        if (nameOrArn.startsWith("arn:")) {
            return IamArns.parse(nameOrArn, "instance-profile")
                    .filter(named -> named.accountId().equals(accountId))
                    .flatMap(named -> stored(accountId, named.name()))
                    .filter(profile -> profile.arn().equals(nameOrArn));
        }
        return stored(accountId, nameOrArn);
    }

    private Optional<Profile> stored(String accountId, String name) {
        return iam.instanceProfile(accountId, name).map(Versioned::value).map(this::shaped);
    }

    private Profile shaped(InstanceProfile profile) {
        return new Profile(profile.arn(), profile.name(), profile.instanceProfileId(), profile.roleNames().stream()
                .map(role -> iam.role(profile.accountId(), role)).flatMap(Optional::stream)
                .map(Versioned::value).map(Role::arn).toList());
    }
}
