package berth.secrets.manager.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How staging labels move between a secret's versions, as Secrets Manager moves them: a label lives
 * on one version at a time; when {@code AWSCURRENT} moves, the version that had it becomes
 * {@code AWSPREVIOUS}; versions left without labels are deprecated and the oldest of them are dropped
 * beyond {@link #MAX_VERSIONS}.
 */
public final class SecretStages {
    public static final String CURRENT = "AWSCURRENT";
    public static final String PREVIOUS = "AWSPREVIOUS";
    public static final String PENDING = "AWSPENDING";
    public static final int MAX_VERSIONS = 100;

    private SecretStages() {}

    /** {@code versions} after adding {@code added}, whose labels move to it from wherever they were. */
    public static List<SecretVersion> withNewVersion(List<SecretVersion> versions, SecretVersion added) {
        List<SecretVersion> out = new ArrayList<>(versions);
        out.add(added.withStages(List.of()));
        for (String stage : added.stages()) {
            out = attach(out, stage, added.versionId());
        }
        return pruned(out);
    }

    /**
     * Attaches {@code stage} to {@code versionId}, removing it from the version that had it; moving
     * {@code AWSCURRENT} leaves {@code AWSPREVIOUS} on the version it left.
     */
    public static List<SecretVersion> attach(List<SecretVersion> versions, String stage, String versionId) {
        Optional<String> previousHolder = versions.stream().filter(v -> v.hasStage(stage)).map(SecretVersion::versionId)
                .filter(id -> !id.equals(versionId)).findFirst();
        List<SecretVersion> out = new ArrayList<>();
        for (SecretVersion version : versions) {
            List<String> stages = new ArrayList<>(version.stages());
            stages.remove(stage);
            if (version.versionId().equals(versionId)) stages.add(stage);
            out.add(version.withStages(stages));
        }
        if (stage.equals(CURRENT) && previousHolder.isPresent()) {
            out = attach(out, PREVIOUS, previousHolder.get());
        }
        return out;
    }

    /** Removes {@code stage} from {@code versionId}. */
    public static List<SecretVersion> detach(List<SecretVersion> versions, String stage, String versionId) {
        List<SecretVersion> out = new ArrayList<>();
        for (SecretVersion version : versions) {
            if (!version.versionId().equals(versionId)) {
                out.add(version);
                continue;
            }
            List<String> stages = new ArrayList<>(version.stages());
            stages.remove(stage);
            out.add(version.withStages(stages));
        }
        return out;
    }

    /** Drops the oldest deprecated versions while there are more than {@link #MAX_VERSIONS}. */
    static List<SecretVersion> pruned(List<SecretVersion> versions) {
        if (versions.size() <= MAX_VERSIONS) return versions;
        List<SecretVersion> deprecated = versions.stream().filter(v -> v.stages().isEmpty())
                .sorted(Comparator.comparingLong(SecretVersion::createdMillis)).toList();
        int excess = versions.size() - MAX_VERSIONS;
        List<String> dropped = deprecated.stream().limit(excess).map(SecretVersion::versionId).toList();
        return versions.stream().filter(v -> !dropped.contains(v.versionId())).toList();
    }

    /** Which version a read asks for. */
    public sealed interface Selection permits Found, NoSuchVersion, NoSuchStage, StageNotOnVersion {}

    public record Found(SecretVersion version) implements Selection {}

    public record NoSuchVersion(String versionId) implements Selection {}

    public record NoSuchStage(String stage) implements Selection {}

    public record StageNotOnVersion(String versionId, String stage) implements Selection {}

    /**
     * The version named by id and/or staging label; neither means {@code AWSCURRENT}.
     *
     * @param versionId empty when not given
     * @param stage empty when not given
     */
    public static Selection select(Secret secret, String versionId, String stage) {
        if (!versionId.isEmpty()) {
            Optional<SecretVersion> version = secret.version(versionId);
            if (version.isEmpty()) return new NoSuchVersion(versionId);
            if (!stage.isEmpty() && !version.get().hasStage(stage)) return new StageNotOnVersion(versionId, stage);
            return new Found(version.get());
        }
        String wanted = stage.isEmpty() ? CURRENT : stage;
        return secret.versionWithStage(wanted).<Selection>map(Found::new).orElseGet(() -> new NoSuchStage(wanted));
    }
}
