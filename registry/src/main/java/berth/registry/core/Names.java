package berth.registry.core;

import java.util.regex.Pattern;

/** The grammar of repository names and image tags, as ECR and the OCI distribution spec define them. */
public final class Names {
    /** ECR's repository name pattern: lower-case path components separated by {@code /}. */
    private static final Pattern REPOSITORY = Pattern.compile(
            "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    public static final String REPOSITORY_PATTERN = REPOSITORY.pattern();

    private Names() {}

    public static boolean validRepository(String name) {
        return name != null && name.length() >= 2 && name.length() <= 256 && REPOSITORY.matcher(name).matches();
    }

    public static boolean validTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }
}
