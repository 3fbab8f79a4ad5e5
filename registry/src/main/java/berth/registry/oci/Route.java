package berth.registry.oci;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The endpoints of the distribution API, parsed from a request path under {@code /v2/}. */
sealed interface Route {
    /** {@code /v2/}: the API version check. */
    record Base() implements Route {}

    /** {@code /v2/_catalog}. */
    record Catalog() implements Route {}

    /** {@code /v2/<name>/tags/list}. */
    record Tags(String name) implements Route {}

    /** {@code /v2/<name>/manifests/<reference>}. */
    record Manifest(String name, String reference) implements Route {}

    /** {@code /v2/<name>/blobs/<digest>}. */
    record Blob(String name, String digest) implements Route {}

    /** {@code /v2/<name>/blobs/uploads/}. */
    record UploadStart(String name) implements Route {}

    /** {@code /v2/<name>/blobs/uploads/<id>}. */
    record Upload(String name, String id) implements Route {}

    /** {@code /v2/<name>/referrers/<digest>}. */
    record Referrers(String name, String digest) implements Route {}

    /** A path under {@code /v2/} that names no endpoint. */
    record Unknown() implements Route {}

    /** A path of an endpoint whose repository name breaks the name grammar. */
    record BadName(String name) implements Route {}

    /** The distribution spec's repository name grammar (path components joined by {@code /}). */
    String NAME = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*";
    Pattern ENDPOINT = Pattern.compile("/v2/(.+)/(tags/list|manifests/[^/]+|blobs/uploads/?|blobs/uploads/[^/]+|blobs/[^/]+|referrers/[^/]+)");
    Pattern VALID_NAME = Pattern.compile(NAME);

    static Route parse(String path) {
        if (path.equals("/v2/") || path.equals("/v2")) return new Base();
        if (path.equals("/v2/_catalog")) return new Catalog();
        Matcher m = ENDPOINT.matcher(path);
        if (!m.matches()) return new Unknown();
        String name = m.group(1);
        String rest = m.group(2);
        if (!VALID_NAME.matcher(name).matches() || name.length() > 256) return new BadName(name);
        if (rest.equals("tags/list")) return new Tags(name);
        if (rest.startsWith("manifests/")) return new Manifest(name, rest.substring("manifests/".length()));
        if (rest.equals("blobs/uploads") || rest.equals("blobs/uploads/")) return new UploadStart(name);
        if (rest.startsWith("blobs/uploads/")) return new Upload(name, rest.substring("blobs/uploads/".length()));
        if (rest.startsWith("blobs/")) return new Blob(name, rest.substring("blobs/".length()));
        return new Referrers(name, rest.substring("referrers/".length()));
    }
}
