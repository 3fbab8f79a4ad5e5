package berth.registry.core;

/**
 * A registry setting berth refuses, with AWS's wording of the constraint it breaks.
 *
 * @param member the request member at fault, e.g. {@code replicationConfiguration}
 */
public final class InvalidConfiguration extends RuntimeException {
    private final String member;

    public InvalidConfiguration(String member, String constraint) {
        super(constraint, null, false, false);
        this.member = member;
    }

    public String member() {
        return member;
    }
}
