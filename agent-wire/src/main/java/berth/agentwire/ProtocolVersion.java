package berth.agentwire;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version of the agent protocol, {@code MAJOR.MINOR}, as an agent names it in
 * {@link AgentProtocol#VERSION_HEADER}. Peers of one major version understand each other: a minor
 * version only adds fields, which older peers ignore and newer peers read as empty when absent. A
 * change that removes or reinterprets a field, or adds a value to an enumeration, is a new major version.
 */
public record ProtocolVersion(int major, int minor) {
    /** The version this build speaks. */
    public static final ProtocolVersion CURRENT = new ProtocolVersion(1, 1);

    private static final Pattern FORM = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");

    public ProtocolVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("a protocol version is two non-negative numbers: " + major + "." + minor);
        }
    }

    /** {@code MAJOR.MINOR}, e.g. {@code 1.0}; empty for anything else. */
    public static Optional<ProtocolVersion> parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ProtocolVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }

    /**
     * Why a peer speaking this version refuses a request that declared {@code declared} (the header's
     * value, empty when the request had none); empty when it answers it.
     */
    public Optional<String> refusal(String declared) {
        String text = declared == null ? "" : declared.strip();
        if (text.isEmpty()) {
            return Optional.of("Agent requests must name the agent protocol they speak in header "
                    + AgentProtocol.VERSION_HEADER + "; this control plane speaks " + this + ".");
        }
        Optional<ProtocolVersion> version = parse(text);
        if (version.isEmpty()) {
            return Optional.of(AgentProtocol.VERSION_HEADER + " must be MAJOR.MINOR, e.g. " + this + ": '" + text
                    + "' is not.");
        }
        if (version.get().major() != major) {
            return Optional.of("Agent protocol " + version.get() + " is not spoken here: this control plane speaks "
                    + this + " (major version " + major + "). Run an agent of the same major version.");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
