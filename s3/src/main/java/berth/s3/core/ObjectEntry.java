package berth.s3.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every version of one key, newest first; the first is the current version (it may be a delete marker). */
public record ObjectEntry(String bucket, String key, List<ObjectVersion> versions) {
    public ObjectEntry {
        versions = List.copyOf(versions);
    }

    public Optional<ObjectVersion> current() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(0));
    }

    /** The current version unless it is a delete marker. */
    public Optional<ObjectVersion> live() {
        return current().filter(v -> !v.deleteMarker());
    }

    public Optional<ObjectVersion> version(String versionId) {
        return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    }

    /**
     * This entry with {@code added} as the current version. A version with the id of an existing one
     * (the {@code null} version, when versioning is off or suspended) replaces it; what it replaced is
     * returned too, so its data can be freed.
     */
    public Change put(ObjectVersion added) {
        List<ObjectVersion> kept = new ArrayList<>();
        List<ObjectVersion> replaced = new ArrayList<>();
        kept.add(added);
        for (ObjectVersion v : versions) {
            if (v.versionId().equals(added.versionId())) replaced.add(v);
            else kept.add(v);
        }
        return new Change(new ObjectEntry(bucket, key, kept), replaced);
    }

    /** This entry without the version {@code versionId}. */
    public Change remove(String versionId) {
        List<ObjectVersion> kept = new ArrayList<>();
        List<ObjectVersion> removed = new ArrayList<>();
        for (ObjectVersion v : versions) {
            if (v.versionId().equals(versionId)) removed.add(v);
            else kept.add(v);
        }
        return new Change(new ObjectEntry(bucket, key, kept), removed);
    }

    public ObjectEntry replace(ObjectVersion changed) {
        List<ObjectVersion> out = new ArrayList<>();
        for (ObjectVersion v : versions) out.add(v.versionId().equals(changed.versionId()) ? changed : v);
        return new ObjectEntry(bucket, key, out);
    }

    /** An entry after a change, and the versions the change dropped (whose data is freed). */
    public record Change(ObjectEntry entry, List<ObjectVersion> dropped) {
        public List<String> freedData() {
            return dropped.stream().flatMap(v -> v.dataIds().stream()).toList();
        }
    }
}
