package berth.secrets.ssm.state;

import berth.aws.Scope;
import berth.platform.RecordTable.Versioned;
import berth.secrets.ssm.core.Parameter;
import berth.secrets.ssm.core.ParameterNames;
import berth.secrets.ssm.core.ParameterVersion;
import java.util.Optional;

/** Finds the parameter version a name, {@code name:version}, {@code name:label} or ARN points at. */
public final class ParameterLookup {
    private ParameterLookup() {}

    /** A version found, and the selector it was asked by (empty for the latest). */
    public record Found(Versioned<Parameter> record, ParameterVersion version, String selector) {
        public Parameter parameter() {
            return record.value();
        }
    }

    /** The outcome of a lookup. */
    public sealed interface Result permits Hit, Missing, MissingVersion {}

    public record Hit(Found found) implements Result {}

    public record Missing() implements Result {}

    public record MissingVersion(String name, String selector) implements Result {}

    /** The version {@code text} points at among the parameters of {@code scope}. */
    public static Result find(ParameterRecords records, String text, Scope scope) {
        Optional<ParameterNames.Reference> reference = ParameterNames.reference(text, scope);
        if (reference.isEmpty() || !reference.get().scope().equals(scope)) {
            return new Missing();
        }
        ParameterNames.Reference ref = reference.get();
        for (String candidate : ref.candidates()) {
            Optional<Versioned<Parameter>> record = records.find(scope, candidate);
            if (record.isEmpty()) continue;
            Parameter parameter = record.get().value();
            if (ref.selector().isEmpty()) return new Hit(new Found(record.get(), parameter.latest(), ""));
            Optional<ParameterVersion> version = ref.versionSelector().isPresent()
                    ? parameter.version(ref.versionSelector().get()) : parameter.labelled(ref.selector());
            return version.<Result>map(v -> new Hit(new Found(record.get(), v, ":" + ref.selector())))
                    .orElseGet(() -> new MissingVersion(parameter.name(), ref.selector()));
        }
        return new Missing();
    }
}
