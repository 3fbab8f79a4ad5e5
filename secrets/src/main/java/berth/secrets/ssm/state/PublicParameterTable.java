package berth.secrets.ssm.state;

import berth.secrets.PublicParameters;
import berth.secrets.ssm.core.ParameterNames;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The public parameters other modules defined, by name; they live in memory and are defined again at every start. */
public final class PublicParameterTable implements PublicParameters {
    private final ConcurrentSkipListMap<String, Definition> definitions = new ConcurrentSkipListMap<>();

    @Override
    public void define(Definition parameter) {
        definitions.put(parameter.name(), parameter);
    }

    /** Whether {@code name} (a name or path) lies in the public namespace, where callers cannot write. */
    public static boolean isPublic(String name) {
        return name.startsWith(NAMESPACE) || (name + "/").equals(NAMESPACE);
    }

    /**
     * The public parameter a name or an ARN names: {@code /aws/service/x}, or
     * {@code arn:aws:ssm:REGION::parameter/aws/service/x} of the caller's region.
     */
    public Optional<Definition> find(String nameOrArn, String region) {
        String name = nameOrArn;
        String arnPrefix = "arn:aws:ssm:" + region + "::parameter";
        if (nameOrArn.startsWith(arnPrefix)) {
            name = nameOrArn.substring(arnPrefix.length());
        }
        return Optional.ofNullable(definitions.get(name));
    }

    /** The public parameters under {@code path}: directly, or anywhere below when {@code recursive}; in name order. */
    public List<Definition> under(String path, boolean recursive) {
        String prefix = path.endsWith("/") ? path : path + "/";
        return definitions.tailMap(prefix).values().stream().takeWhile(d -> d.name().startsWith(prefix))
                .filter(d -> ParameterNames.under(d.name(), prefix, recursive)).toList();
    }

    /** {@code arn:aws:ssm:REGION::parameter/aws/service/...}: public parameters belong to no account. */
    public static String arn(Definition parameter, String region) {
        return "arn:aws:ssm:" + region + "::parameter" + parameter.name();
    }
}
