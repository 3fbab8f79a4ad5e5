package berth.secrets.manager.core;

import java.util.Arrays;
import java.util.List;

/**
 * One version of a secret's value: a string or a binary (never both; both empty for none), when it was
 * created, and the staging labels attached to it ({@code AWSCURRENT}, {@code AWSPREVIOUS},
 * {@code AWSPENDING} or custom ones). A version without labels is deprecated.
 */
public record SecretVersion(String versionId, String secretString, byte[] secretBinary, long createdMillis,
                            List<String> stages) {

    public SecretVersion {
        stages = List.copyOf(stages);
    }

    public boolean hasString() {
        return !secretString.isEmpty();
    }

    public boolean hasBinary() {
        return secretBinary.length > 0;
    }

    public boolean hasStage(String stage) {
        return stages.contains(stage);
    }

    /** Whether this version holds exactly this value (how a repeated ClientRequestToken is recognised). */
    public boolean sameValue(String string, byte[] binary) {
        return secretString.equals(string) && Arrays.equals(secretBinary, binary);
    }

    public SecretVersion withStages(List<String> newStages) {
        return new SecretVersion(versionId, secretString, secretBinary, createdMillis, newStages);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretVersion v && v.versionId.equals(versionId) && v.secretString.equals(secretString)
                && Arrays.equals(v.secretBinary, secretBinary) && v.createdMillis == createdMillis && v.stages.equals(stages);
    }

    @Override
    public int hashCode() {
        return versionId.hashCode();
    }

    @Override
    public String toString() {
        return "SecretVersion[" + versionId + " " + stages + "]";
    }
}
