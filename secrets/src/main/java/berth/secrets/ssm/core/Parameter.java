package berth.secrets.ssm.core;

import berth.aws.Scope;
import java.util.List;
import java.util.Optional;

/** A Parameter Store parameter: its versions, oldest first, and its tags. */
public record Parameter(String accountId, String region, String name, List<ParameterVersion> versions, List<Tag> tags) {

    public record Tag(String key, String value) {}

    public Parameter {
        versions = List.copyOf(versions);
        tags = List.copyOf(tags);
        if (versions.isEmpty()) throw new IllegalArgumentException("a parameter has at least one version");
    }

    public ParameterVersion latest() {
        return versions.get(versions.size() - 1);
    }

    public Optional<ParameterVersion> version(long number) {
        return versions.stream().filter(v -> v.version() == number).findFirst();
    }

    public Optional<ParameterVersion> labelled(String label) {
        return versions.stream().filter(v -> v.labels().contains(label)).findFirst();
    }

    public Scope scope() {
        return new Scope(accountId, region);
    }

    public String arn() {
        return ParameterNames.arn(scope(), name);
    }

    public Parameter withTags(List<Tag> newTags) {
        return new Parameter(accountId, region, name, versions, newTags);
    }
}
